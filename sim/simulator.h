#pragma once

#include <cassert>
#include <cstdint>
#include <vector>

#include "sim/event.h"
#include "sim/event_queue.h"
#include "sim/time.h"

namespace sim {

// Clock, future-event list and cancellation, for one replication.
//
// Cancellation is by generation: every entity has a counter, an event carries
// the counter's value when it was scheduled, and cancel_all() bumps the
// counter so that the loop silently drops the entity's pending events.
// Entity ids are slots that the model recycles, which keeps this table (and
// memory) bounded by the entities alive at once, not the number ever created.
class Simulator {
 public:
  explicit Simulator(std::size_t reserve_events = 1024) : queue_(reserve_events) {}

  Time now() const { return now_; }
  std::uint64_t events_dispatched() const { return dispatched_; }
  std::uint64_t events_scheduled() const { return queue_.pushed(); }
  // Includes cancelled events not yet popped.
  std::size_t pending() const { return queue_.size(); }

  // REQUIRES: at >= now()
  void schedule(Time at, std::uint16_t kind, EntityId target = kNoEntity, std::uint32_t arg = 0,
                std::uint16_t rank = 0) {
    assert(at >= now_);
    Event ev;
    ev.at = at;
    ev.kind = kind;
    ev.target = target;
    ev.arg = arg;
    ev.rank = rank;
    ev.generation = target == kNoEntity ? 0 : generation(target);
    queue_.push(ev);
  }

  // Every event already scheduled for `target` will be skipped.
  void cancel_all(EntityId target) {
    grow(target);
    ++generations_[target];
  }

  std::uint32_t generation(EntityId target) {
    grow(target);
    return generations_[target];
  }

  // Runs events with time <= horizon in order, calling handler(const Event&)
  // for each live one. The handler is a template parameter so that dispatch
  // inlines: no std::function and no virtual call per event. Ends with the
  // clock at the horizon (or at the last event if the calendar ran dry first).
  template <class Handler>
  void run_until(Time horizon, Handler&& handler) {
    while (!queue_.empty() && queue_.top().at <= horizon) {
      const Event ev = queue_.pop();
      assert(ev.at >= now_ && "time must never go backwards");
      // A cancelled event must not move the clock: time-averages read at now()
      // would otherwise gain an idle stretch that never happened.
      if (ev.target != kNoEntity && ev.generation != generations_[ev.target]) continue;
      now_ = ev.at;
      ++dispatched_;
      handler(ev);
    }
    if (horizon > now_ && horizon < kNever) now_ = horizon;
  }

 private:
  void grow(EntityId target) {
    if (target >= generations_.size()) generations_.resize(target + 1, 0);
  }

  EventQueue queue_;
  std::vector<std::uint32_t> generations_;
  Time now_ = 0;
  std::uint64_t dispatched_ = 0;
};

}  // namespace sim
