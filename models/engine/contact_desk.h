#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "models/engine/communication_tally.h"
#include "models/scenario/scenario.h"
#include "models/scenario/staffing.h"
#include "sim/calendar.h"

namespace models {

// One agency's contact work, for one replication.
//
// Contacts arrive with a due day (a number of working days after the event)
// and wait for the agency's contact hours: on each working day the desk has
// headcount(date) x contact hours per person, and works through the waiting
// contacts earliest due first (ties in order raised), carrying a contact it
// could not finish into the next working day. A contact raised on a day is
// worked from the next working day on: "within 1 working day" of a Friday
// charge is the Monday. Made after its due day, it is late.
//
// With bounds (ContactFailures), a contact can be missed instead: dropped
// unmade once it has waited a number of working days past its due day, or
// refused when it is raised while the desk's backlog per person is above a
// bound. Tasks are never missed: they are the agency's own work.
//
// Days are whole days since the start date. The caller owns the clock: it
// calls work_until(today) before raising today's contacts, and the desk
// catches up on the days in between. No randomness here, so common random
// numbers carry through the engine's own draws.
class ContactDesk {
 public:
  // Without `staff` (or `headcount`) the agency has no limit: every contact is
  // made on the first working day after it is raised, taking no one's hours.
  // Lifetime: keeps references to all three (the scenario's and the model's),
  // which must outlive the desk.
  struct Bounds {
    int drop_after_working_days = 0;    // 0: never dropped
    double max_waiting_per_person = 0;  // 0: no bound (only with staff)
  };
  ContactDesk(const sim::WorkingCalendar& calendar, const Pool* headcount,
              const StaffPool* staff, Bounds bounds);
  ContactDesk(const sim::WorkingCalendar& calendar, const Pool* headcount,
              const StaffPool* staff);

  struct Contact {
    std::uint64_t key = 0;     // the caller's: whose contact this is
    std::int32_t raised = 0;   // day the event happened
    std::int32_t due = 0;      // last day on which it is on time
    double minutes = 0;        // staff time it takes; > 0
    bool counts = true;        // false for a task: its hours count, not the contact itself
    // The day it is dropped if still waiting (set by raise()).
    std::int32_t drop = std::numeric_limits<std::int32_t>::max();
  };

  struct Made {
    std::uint64_t key = 0;
    std::int32_t raised = 0;
    std::int32_t due = 0;
    std::int32_t made = 0;  // the working day it was made
    bool counts = true;
    bool missed = false;  // dropped on day `made`, never made
    bool late() const { return made > due; }
  };

  // The last day a contact raised on `day` is on time: `working_days` working
  // days after it (Friday + 1 is Monday; Tuesday after a bank-holiday Monday).
  // REQUIRES: working_days >= 0
  static std::int32_t due_day(const sim::WorkingCalendar& calendar, std::int32_t day,
                              int working_days);

  // Works every day after the last one worked up to and including `day`,
  // appending the contacts made to `made` in the order they were made.
  void work_until(std::int32_t day, std::vector<Made>& made);

  // REQUIRES: work_until(c.raised) was called: the contact's own day is worked
  // already, so it waits at least until the next working day.
  // False when the backlog bound refuses it: it is missed (and counted so).
  // Inline: a national run raises a contact a million times a year.
  inline bool raise(Contact c);
  // A contact for this agency missed before it reached the desk (a lost
  // handover, no single point of contact): counted as raised and missed.
  void missed(std::int32_t day);

  // Contacts raised but not yet made.
  std::size_t waiting() const { return queue_.size() + (in_hand_ ? 1 : 0); }
  // Of those, the ones already past their due day on `day`.
  std::size_t overdue(std::int32_t day) const;
  // Calls f(contact) for every contact raised but not yet made.
  template <class F>
  void for_each_waiting(F&& f) const {
    if (in_hand_) f(in_hand_->contact);
    for (const Entry& e : queue_) f(contacts_[e.slot]);
  }

  // Weekly tallies so far, index = week since the start; weeks with nothing
  // raised or worked are zero rows up to the last day worked.
  const std::vector<AgencyWeek>& weeks() const { return weeks_; }

 private:
  struct Waiting {
    Contact contact;
    std::uint64_t seq = 0;
    double done = 0;  // minutes already worked
  };
  // A waiting contact's place in the queue: its order (due, then raised) and
  // where the contact itself is kept. The heap moves these 16 bytes, not the
  // contact, and compares them as one number: the due day in the high bits,
  // the sequence number in the low ones. (One comparison, not two, in the
  // sift that taking the top of a long queue spends most of its time in; the
  // order, and so the heap, is exactly that of comparing due, then seq.)
  static constexpr int kSeqBits = 40;
  static constexpr std::int64_t kDueBias = std::int64_t{1} << 23;  // |due| below 2^23 days
  struct Entry {
    std::uint64_t order;
    std::uint32_t slot;  // index into contacts_
    static Entry of(std::int32_t due, std::uint64_t seq, std::uint32_t slot) {
      assert(seq >> kSeqBits == 0 && due > -kDueBias && due < kDueBias);
      return {static_cast<std::uint64_t>(due + kDueBias) << kSeqBits | seq, slot};
    }
    std::int32_t due() const { return static_cast<std::int32_t>((order >> kSeqBits) - kDueBias); }
    std::uint64_t seq() const { return order & ((std::uint64_t{1} << kSeqBits) - 1); }
  };
  struct After {  // heap order: earliest due on top, then first raised
    bool operator()(const Entry& a, const Entry& b) const { return a.order > b.order; }
  };
  static constexpr After after{};
  // Whether the backlog bound refuses contact c (it is then counted missed).
  bool refused(const Contact& c);
  Waiting take_top();  // REQUIRES: heap_ and !queue_.empty()
  void work_day(std::int32_t day, std::vector<Made>& made);
  void drop_overdue(std::int32_t day, AgencyWeek& wk, std::vector<Made>& made);
  void make(const Contact& c, std::int32_t day, AgencyWeek& wk, std::vector<Made>& made);
  void make_everything(std::int32_t day, AgencyWeek& wk, std::vector<Made>& made);
  void work_in_order(std::int32_t day, double left, AgencyWeek& wk, std::vector<Made>& made);
  AgencyWeek& week(std::int32_t day) {
    const auto w = static_cast<std::size_t>(day / 7);
    if (weeks_.size() <= w) weeks_.resize(w + 1);
    return weeks_[w];
  }
  bool limited() const { return headcount_ && staff_; }
  // The day a contact due on `due` is dropped if still waiting.
  // REQUIRES: bounds_.drop_after_working_days > 0
  std::int32_t drop_day(std::int32_t due) {
    const auto d = static_cast<std::size_t>(due);  // a negative day: past the table
    return d < drop_days_.size() && drop_days_[d] >= 0 ? drop_days_[d] : work_out_drop_day(due);
  }
  std::int32_t work_out_drop_day(std::int32_t due);  // asks the calendar, and remembers

  const sim::WorkingCalendar& calendar_;
  const Pool* headcount_;
  const StaffPool* staff_;
  Bounds bounds_;
  // Waiting contacts. Only a day whose hours run out needs them in order, so
  // they are kept as a binary heap under after() only from the first such
  // day until the desk next clears its queue (heap_); on the usual day the
  // hours cover everything and the order is never needed.
  std::vector<Entry> queue_;
  bool heap_ = false;
  std::vector<Contact> contacts_;    // by Entry::slot
  std::vector<std::uint32_t> free_;  // slots of contacts_ taken off the queue
  std::optional<Waiting> in_hand_;  // started on an earlier day; finished first
  std::uint64_t seq_ = 0;
  double waiting_minutes_ = 0;  // work left in the queue and in hand
  std::int32_t worked_through_ = -1;  // last day worked
  std::vector<AgencyWeek> weeks_;
  // drop_day() by due day (-1: not yet worked out): the many contacts raised
  // on a day share a handful of due days, so the calendar is asked once each.
  std::vector<std::int32_t> drop_days_;
};

bool ContactDesk::raise(Contact c) {
  assert(c.raised <= worked_through_);  // its own day is worked already
  if (c.counts && bounds_.max_waiting_per_person > 0 && limited() && refused(c)) return false;
  if (c.counts && bounds_.drop_after_working_days > 0) c.drop = drop_day(c.due);
  if (c.counts) ++week(c.raised).required;
  std::uint32_t slot;
  if (free_.empty()) {
    slot = static_cast<std::uint32_t>(contacts_.size());
    contacts_.push_back(c);
  } else {
    slot = free_.back();
    free_.pop_back();
    contacts_[slot] = c;
  }
  queue_.push_back(Entry::of(c.due, seq_++, slot));
  waiting_minutes_ += c.minutes;
  if (heap_) std::push_heap(queue_.begin(), queue_.end(), after);
  return true;
}

}  // namespace models
