#include "models/engine/contact_desk.h"

#include <algorithm>
#include <cassert>

namespace models {

ContactDesk::ContactDesk(const sim::WorkingCalendar& calendar, const Pool* headcount,
                         const StaffPool* staff, Bounds bounds)
    : calendar_(calendar), headcount_(headcount), staff_(staff), bounds_(bounds) {}

ContactDesk::ContactDesk(const sim::WorkingCalendar& calendar, const Pool* headcount,
                         const StaffPool* staff)
    : ContactDesk(calendar, headcount, staff, Bounds{}) {}

std::int32_t ContactDesk::due_day(const sim::WorkingCalendar& calendar, std::int32_t day,
                                  int working_days) {
  const sim::Date raised = calendar.start() + std::chrono::days{day};
  return static_cast<std::int32_t>(
      (calendar.add_working_days(raised, working_days) - calendar.start()).count());
}

bool ContactDesk::refused(const Contact& c) {
  const sim::Date date = calendar_.start() + std::chrono::days{c.raised};
  const double people = std::max(headcount_->count_at(date), 0);
  if (static_cast<double>(waiting()) < bounds_.max_waiting_per_person * people) return false;
  missed(c.raised);
  return true;
}

std::int32_t ContactDesk::work_out_drop_day(std::int32_t due) {
  const std::int32_t drop = due_day(calendar_, due, bounds_.drop_after_working_days) + 1;
  if (due < 0) return drop;
  const auto d = static_cast<std::size_t>(due);
  if (d >= drop_days_.size()) drop_days_.resize(d + 1, -1);
  return drop_days_[d] = drop;
}

void ContactDesk::missed(std::int32_t day) {
  AgencyWeek& wk = week(day);
  ++wk.required;
  ++wk.missed;
}

std::size_t ContactDesk::overdue(std::int32_t day) const {
  std::size_t n = in_hand_ && in_hand_->contact.due < day ? 1 : 0;
  for (const Entry& e : queue_) n += e.due() < day;
  return n;
}

void ContactDesk::work_until(std::int32_t day, std::vector<Made>& made) {
  while (worked_through_ < day) work_day(++worked_through_, made);
}

void ContactDesk::work_day(std::int32_t day, std::vector<Made>& made) {
  AgencyWeek& wk = week(day);
  const sim::Date date = calendar_.start() + std::chrono::days{day};
  if (!calendar_.is_working_day(date)) return;
  if (bounds_.drop_after_working_days > 0) drop_overdue(day, wk, made);
  double left = 0;  // minutes of contact time today
  if (limited()) {
    const int people = std::max(headcount_->count_at(date), 0);
    const double hours = people * staff_->contact_hours_per_person_day();
    wk.capacity += hours;
    wk.staff_hours += people * staff_->working_hours_per_person_day();
    left = hours * 60;
  }
  // When the day's hours cover everything waiting, the order does not matter:
  // every contact is made today. (Only the day a contact is made is recorded.)
  if (!limited() || waiting_minutes_ <= left)
    make_everything(day, wk, made);
  else
    work_in_order(day, left, wk, made);
}

// Contacts are dropped on the first working day after they have waited the
// bound past their due day. Earliest due is on top of the heap, and the drop
// day rises with the due day, so only the top need be looked at. (A task is
// never dropped: one on top holds back the contacts beneath it until it is
// made, a day or so at most.) Without the heap (heap_ false) the desk cleared
// its queue on its last working day, so nothing waiting can be that old.
void ContactDesk::drop_overdue(std::int32_t day, AgencyWeek& wk, std::vector<Made>& made) {
  auto drop = [&](const Waiting& w) {
    waiting_minutes_ -= w.contact.minutes - w.done;
    made.push_back({w.contact.key, w.contact.raised, w.contact.due, day, w.contact.counts, true});
    ++wk.missed;
  };
  if (in_hand_ && in_hand_->contact.drop <= day) {
    drop(*in_hand_);
    in_hand_.reset();
  }
  while (heap_ && !queue_.empty() && contacts_[queue_.front().slot].drop <= day)
    drop(take_top());
  if (queue_.empty() && !in_hand_) waiting_minutes_ = 0;  // no rounding drift
}

ContactDesk::Waiting ContactDesk::take_top() {
  std::pop_heap(queue_.begin(), queue_.end(), after);
  const Entry e = queue_.back();
  queue_.pop_back();
  free_.push_back(e.slot);
  return {contacts_[e.slot], e.seq(), 0};
}

void ContactDesk::make(const Contact& c, std::int32_t day, AgencyWeek& wk,
                       std::vector<Made>& made) {
  made.push_back({c.key, c.raised, c.due, day, c.counts});
  if (!c.counts) return;
  ++wk.made;
  if (day > c.due) ++wk.late;
}

void ContactDesk::make_everything(std::int32_t day, AgencyWeek& wk, std::vector<Made>& made) {
  if (in_hand_) {
    wk.hours += (in_hand_->contact.minutes - in_hand_->done) / 60;
    make(in_hand_->contact, day, wk, made);
    in_hand_.reset();
  }
  // In the queue's own order (the heap's, if it is one), as the hours add up.
  for (const Entry& e : queue_) {
    const Contact& c = contacts_[e.slot];
    wk.hours += c.minutes / 60;
    make(c, day, wk, made);
  }
  queue_.clear();
  contacts_.clear();
  free_.clear();
  heap_ = false;
  waiting_minutes_ = 0;
}

// Earliest due first, until `left` minutes run out: the contact in hand then
// carries into the next working day.
// REQUIRES: limited()
void ContactDesk::work_in_order(std::int32_t day, double left, AgencyWeek& wk,
                                std::vector<Made>& made) {
  if (!heap_) {
    std::make_heap(queue_.begin(), queue_.end(), after);
    heap_ = true;
  }
  for (;;) {
    if (!in_hand_) {
      if (queue_.empty()) return;
      in_hand_ = take_top();
    }
    Waiting& w = *in_hand_;
    const double need = w.contact.minutes - w.done;
    if (need > left) {
      w.done += left;
      wk.hours += left / 60;
      waiting_minutes_ -= left;
      return;
    }
    left -= need;
    wk.hours += need / 60;
    waiting_minutes_ -= need;
    make(w.contact, day, wk, made);
    in_hand_.reset();
  }
}

}  // namespace models
