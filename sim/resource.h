#pragma once

#include <cstdint>
#include <vector>

#include "sim/event.h"
#include "sim/time.h"
#include "sim/time_weighted.h"

namespace sim {

enum class Discipline { kFifo, kPriority };
enum class SeizeResult { kServed, kQueued };

// A pool of identical units (officers, prosecutors, courtrooms) with one
// waiting line.
//
// Capacity changes (recruitment, vacancies) follow one rule: units in use are
// never pre-empted. When capacity rises, waiters are served at once. When it
// falls below the units in use, the surplus retires as each unit is released,
// and nobody new is served until in_use < capacity. Work in progress therefore
// finishes on the old staffing, which is how a posted-out officer hands over.
//
// Invariant: waiting() > 0 implies in_use() >= capacity().
class Resource {
 public:
  explicit Resource(int capacity, Discipline discipline = Discipline::kFifo, Time start = 0);

  // Takes a unit for `who` if one is free, else joins the line. Under kPriority
  // a smaller `priority` is served first; ties (and kFifo) go in arrival order.
  SeizeResult try_seize(EntityId who, Time now, int priority = 0);

  // Gives back one unit. If a waiter can now be served it is removed from the
  // line, holds the unit, and is returned; otherwise kNoEntity.
  // REQUIRES: in_use() > 0
  EntityId release(Time now);

  // Sets a new capacity under the rule above. Waiters that can be served now
  // are taken with serve_next() until it returns kNoEntity.
  void set_capacity(int capacity, Time now);

  // The next waiter if a unit is free (it then holds the unit), else kNoEntity.
  EntityId serve_next(Time now);

  // Takes `who` out of the line (it gave up waiting); false if it was not
  // waiting. Constant time: the entry stays in the heap, marked gone, and is
  // dropped when it reaches the top (a withdrawn case used to cost a search
  // and a rebuild of the whole line, 7% of a national run's instructions).
  // REQUIRES: an entity waits at most once in a line
  bool remove(EntityId who, Time now);

  int capacity() const { return capacity_; }
  int in_use() const { return in_use_; }
  std::size_t waiting() const { return live_; }

  // Statistics since construction or the last reset_statistics().
  double mean_waiting(Time now) const { return queue_length_.mean(now); }
  double mean_busy(Time now) const { return busy_.mean(now); }
  double mean_capacity(Time now) const { return capacity_tw_.mean(now); }
  // Busy unit-days over available unit-days.
  double utilisation(Time now) const;
  // Running integrals, for utilisation over any window: (b2 - b1) / (a2 - a1).
  double busy_unit_days(Time now) const { return busy_.area(now); }
  double available_unit_days(Time now) const { return capacity_tw_.area(now); }
  // Running integral of the line's length: its mean over any window.
  double waiting_case_days(Time now) const { return queue_length_.area(now); }
  std::uint64_t served() const { return served_; }
  void reset_statistics(Time now);

 private:
  struct Waiter {
    int priority;
    std::uint64_t seq;
    EntityId who;
  };
  static bool after(const Waiter& a, const Waiter& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.seq > b.seq;
  }
  EntityId pop_waiter(Time now);
  void take_unit(Time now);
  bool is_live(const Waiter& w) const { return w.who < ticket_.size() && ticket_[w.who] == w.seq + 1; }

  int capacity_;
  int in_use_ = 0;
  Discipline discipline_;
  // Binary heap on (priority, seq), a total order, so the order of service
  // does not depend on the heap's layout. Holds entries of removed waiters
  // too, until they reach the top or the line is compacted.
  std::vector<Waiter> line_;
  std::vector<std::uint64_t> ticket_;  // by entity: seq + 1 of its live entry, 0 if not waiting
  std::size_t live_ = 0;               // waiters not removed
  std::uint64_t next_seq_ = 0;
  std::uint64_t served_ = 0;
  TimeWeighted queue_length_;
  TimeWeighted busy_;
  TimeWeighted capacity_tw_;
};

}  // namespace sim
