#include "models/engine/court_diary.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace models {

CourtDiary::CourtDiary(const sim::WorkingCalendar& calendar, std::vector<int> rooms,
                       std::vector<int> judges, double overlisting, bool on_average)
    : rooms_(std::move(rooms)), judges_(std::move(judges)), overlisting_(overlisting) {
  assert(rooms_.size() == judges_.size());
  const std::size_t n = rooms_.size();
  sim::Date d = calendar.next_working_day(calendar.start());
  for (std::size_t i = 0; i < n; ++i) {
    dates_.push_back(d);
    times_.push_back(calendar.time_of(d));
    d = calendar.working_day_after(d);
  }
  capacity_.resize(n);
  bookings_.assign(n, 0);
  free_.reset(n, false);
  carried_.assign(n, 0.0);
  double carry = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (on_average) carried_[i] = carry;
    capacity_[i] = allowance(i, sittings(i));
    if (on_average) carry = std::max(0.0, overlisting_ * sittings(i) + carry - capacity_[i]);
    refresh(i);
  }
}

std::size_t CourtDiary::first_day_at_or_after(sim::Time t) const {
  return static_cast<std::size_t>(std::lower_bound(times_.begin(), times_.end(), t) -
                                  times_.begin());
}

void CourtDiary::book(std::size_t day, std::size_t length) {
  assert(day + length <= days());
  for (std::size_t i = day; i < day + length; ++i) {
    ++bookings_[i];
    refresh(i);
  }
}

void CourtDiary::release(std::size_t day, std::size_t length) {
  assert(day + length <= days());
  for (std::size_t i = day; i < day + length; ++i) {
    assert(bookings_[i] > 0);
    --bookings_[i];
    refresh(i);
  }
}

int CourtDiary::lend_idle(std::size_t day) {
  const int keep = std::min(sittings(day), bookings_[day]);
  const int lent = sittings(day) - keep;
  rooms_[day] -= lent;
  judges_[day] -= lent;
  capacity_[day] = std::max(bookings_[day], allowance(day, keep));
  refresh(day);
  return lent;
}

}  // namespace models
