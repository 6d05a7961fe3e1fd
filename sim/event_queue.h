#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/event.h"

namespace sim {

// The future-event list: a binary min-heap on one contiguous vector.
// Pushing reuses the vector's capacity, so the steady state allocates nothing.
class EventQueue {
 public:
  explicit EventQueue(std::size_t reserve = 1024) { heap_.reserve(reserve); }

  void push(Event ev) {
    ev.seq = next_seq_++;
    heap_.push_back(ev);
    sift_up(heap_.size() - 1);
  }

  // REQUIRES: !empty()
  const Event& top() const {
    assert(!heap_.empty());
    return heap_.front();
  }

  // REQUIRES: !empty()
  Event pop() {
    assert(!heap_.empty());
    Event out = heap_.front();
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    return out;
  }

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  std::uint64_t pushed() const { return next_seq_; }
  void clear() {
    heap_.clear();
    next_seq_ = 0;
  }

 private:
  // Hand-written sifts move one hole instead of swapping, which is what makes
  // this heap as cheap as std::priority_queue without its comparator indirection.
  void sift_up(std::size_t i) { climb(i, heap_[i], 0); }

  // Puts `moving` in the hole at i, or as far above it as it belongs, but no
  // higher than `top`.
  void climb(std::size_t i, const Event moving, std::size_t top) {
    while (i > top) {
      const std::size_t parent = (i - 1) / 2;
      if (!later(heap_[parent], moving)) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = moving;
  }

  // Bottom-up (Floyd): the element moved up from the back nearly always
  // belongs near the bottom, so the hole first goes down to a leaf by the
  // earlier child, one comparison a level instead of two, and the element
  // then climbs back the level or two it must. Events are totally ordered
  // (seq is unique), so the heap ends as a top-down sift would leave it.
  void sift_down(std::size_t i) {
    const std::size_t n = heap_.size();
    const std::size_t start = i;
    const Event moving = heap_[i];
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && later(heap_[child], heap_[child + 1])) ++child;
      heap_[i] = heap_[child];
      i = child;
    }
    climb(i, moving, start);
  }

  std::vector<Event> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace sim
