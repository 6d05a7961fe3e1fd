#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <vector>

#include "sim/calendar.h"
#include "sim/slot_index.h"
#include "sim/time.h"

namespace models {

// The Crown Court's diary for RASSO hearings: which sitting days (working
// days) have room for another booking.
//
// A booking holds a place on each of `length` consecutive sitting days. A day
// takes floor(overlisting x min(rooms, judges)) bookings: a trial needs a
// courtroom and a ticketed judge, and listing officers book more trials than
// rooms (overlisting > 1) because some will crack or not go ahead. With
// `on_average` the fraction left by the floor is carried to the next day, so
// a centre of two rooms overlisted by 1.2 takes a third booking on two days
// in five instead of never. Whether a booked trial actually finds a room is
// decided on the day, not here.
//
// Finding the first date is a search for the first run of free days in a
// sim::SlotIndex, so a diary booked up for months costs a few tree
// descents, not a walk through every day.
class CourtDiary {
 public:
  // `rooms[i]` and `judges[i]` are the counts on sitting day i, for the
  // sitting days from `calendar.start()` on. REQUIRES: equal lengths.
  CourtDiary(const sim::WorkingCalendar& calendar, std::vector<int> rooms, std::vector<int> judges,
             double overlisting, bool on_average = false);

  std::size_t days() const { return dates_.size(); }
  sim::Date date(std::size_t day) const { return dates_[day]; }
  // Simulated time at which sitting day `day` begins.
  sim::Time time_of(std::size_t day) const { return times_[day]; }
  // The first sitting day that begins at or after `t` (days() if none).
  std::size_t first_day_at_or_after(sim::Time t) const;

  int rooms(std::size_t day) const { return rooms_[day]; }
  int judges(std::size_t day) const { return judges_[day]; }
  // Trials that can sit on a day: each needs a room and a judge.
  int sittings(std::size_t day) const { return std::min(rooms_[day], judges_[day]); }
  int bookings(std::size_t day) const { return bookings_[day]; }
  int capacity(std::size_t day) const { return capacity_[day]; }

  // The first day >= from starting `length` consecutive sitting days that
  // all have room for another booking; nullopt if the diary has none.
  std::optional<std::size_t> find(std::size_t from, std::size_t length) const {
    return free_.first_run(from, length);
  }
  // REQUIRES: find() returned `day` for this length (or the days are free).
  void book(std::size_t day, std::size_t length);
  // Releases a booking (vacated before the day).
  void release(std::size_t day, std::size_t length);
  // Gives the sittings that no booking needs on `day` to other work, for
  // good, and returns how many (a room lent goes with its judge). The day
  // keeps the overlisting allowance of the sittings it still has.
  int lend_idle(std::size_t day);

 private:
  void refresh(std::size_t day) { free_.set(day, bookings_[day] < capacity_[day]); }
  int allowance(std::size_t day, int sittings) const {
    if (sittings == 0) return 0;  // a carried fraction never books a day with no room
    // The small epsilon keeps 1.2 x 5 = 6 from flooring to 5.
    return static_cast<int>(std::floor(overlisting_ * sittings + carried_[day] + 1e-9));
  }

  std::vector<sim::Date> dates_;
  std::vector<sim::Time> times_;
  std::vector<int> rooms_;
  std::vector<int> judges_;
  std::vector<int> capacity_;
  std::vector<int> bookings_;
  double overlisting_;
  std::vector<double> carried_;  // the fraction carried into each day (0 when rounding down)
  sim::SlotIndex free_;
};

}  // namespace models
