#pragma once

#include <cassert>
#include <cstddef>
#include <optional>
#include <vector>

namespace sim {

// Which of N consecutive slots are open, with the first open run of a given
// length found without visiting every slot.
//
// A segment tree keeps the number of open slots under each node, so "the
// first open slot at or after i" and "the first closed slot at or after i"
// are each one O(log N) descent. A run of length L is then found by hopping:
// first open slot p, first closed slot q after it; if q - p >= L the run
// starts at p, else continue from q. Each hop skips a whole open or closed
// stretch, so a diary with long booked-up periods costs a few hops, not a
// scan of every day.
class SlotIndex {
 public:
  explicit SlotIndex(std::size_t n = 0, bool open = true) { reset(n, open); }

  void reset(std::size_t n, bool open) {
    n_ = n;
    size_ = 1;
    while (size_ < n_) size_ *= 2;
    open_.assign(2 * size_, 0);
    for (std::size_t i = 0; i < n_; ++i) open_[size_ + i] = open ? 1 : 0;
    for (std::size_t i = size_ - 1; i >= 1; --i) open_[i] = open_[2 * i] + open_[2 * i + 1];
  }

  std::size_t size() const { return n_; }
  bool is_open(std::size_t i) const { return open_[size_ + i] != 0; }

  // REQUIRES: i < size()
  void set(std::size_t i, bool open) {
    assert(i < n_);
    std::size_t node = size_ + i;
    if ((open_[node] != 0) == open) return;
    const int delta = open ? 1 : -1;
    for (; node >= 1; node /= 2) open_[node] += delta;
  }

  // The first open slot at or after `from`, if any.
  std::optional<std::size_t> next_open(std::size_t from) const { return find(from, true); }
  // The first closed slot at or after `from`, or size() if none.
  std::size_t next_closed(std::size_t from) const { return find(from, false).value_or(n_); }

  // The first slot p >= from with slots p .. p+length-1 all open.
  // REQUIRES: length >= 1
  std::optional<std::size_t> first_run(std::size_t from, std::size_t length) const {
    assert(length >= 1);
    while (from < n_) {
      const auto start = next_open(from);
      if (!start) return std::nullopt;
      const std::size_t end = next_closed(*start);
      if (end - *start >= length) return start;
      from = end;
    }
    return std::nullopt;
  }

 private:
  // Leftmost slot >= from whose state is `want`.
  std::optional<std::size_t> find(std::size_t from, bool want) const {
    if (from >= n_) return std::nullopt;
    return descend(1, 0, size_, from, want);
  }

  int wanted_in(std::size_t node, std::size_t width, bool want) const {
    return want ? open_[node] : static_cast<int>(width) - open_[node];
  }

  std::optional<std::size_t> descend(std::size_t node, std::size_t lo, std::size_t hi,
                                     std::size_t from, bool want) const {
    if (hi <= from || wanted_in(node, hi - lo, want) == 0) return std::nullopt;
    if (hi - lo == 1) return lo < n_ ? std::optional<std::size_t>(lo) : std::nullopt;
    const std::size_t mid = (lo + hi) / 2;
    if (auto left = descend(2 * node, lo, mid, from, want)) return left;
    return descend(2 * node + 1, mid, hi, from, want);
  }

  std::size_t n_ = 0;
  std::size_t size_ = 1;
  std::vector<int> open_;  // open slots under each node; leaves at [size_, 2 size_)
};

}  // namespace sim
