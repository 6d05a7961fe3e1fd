#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/time.h"

namespace sim {

// A civil date. Arithmetic is in whole days (Date + std::chrono::days{n}).
using Date = std::chrono::sys_days;

// Strict ISO 8601 calendar date: exactly "YYYY-MM-DD", four-digit year, no
// sign, no spaces, nothing after. A date that does not exist (2023-02-29,
// 2022-04-31, month 13) is rejected rather than normalised, because a typo in a
// scenario file must not silently become another day.
std::optional<Date> parse_iso_date(std::string_view text);

// "YYYY-MM-DD". Round-trips with parse_iso_date for years 0000 to 9999.
std::string to_iso(Date date);

// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
// REQUIRES: 1583 <= year <= 9999 (the Gregorian calendar's years)
Date easter_sunday(int year);

// The one-off departures from the regular bank-holiday rules, kept as data so
// that a scenario can add a future coronation or jubilee without a code change.
struct HolidayRules {
  // Additional bank holidays (a state funeral, a royal wedding).
  std::vector<Date> extra;
  // A regular holiday moved: {from, to}. `from` must be one of the regular
  // holidays of its year; the calendar's constructor rejects any other date,
  // since such a move would silently change nothing.
  std::vector<std::pair<Date, Date>> moved;
};

// The one-off changes to England and Wales bank holidays since 1995.
HolidayRules england_and_wales();

// Working days in England and Wales: Monday to Friday, less bank holidays.
//
// The regular holidays are computed for any year: New Year's Day, Good Friday,
// Easter Monday, the first Monday of May, the last Mondays of May and August,
// Christmas and Boxing Day, each falling on a weekend replaced by the next
// free weekday. These are the rules in force since 1978; earlier years get the
// same rules, which is wrong for them but outside any scenario's reach.
//
// Years from two before the start to sixty after are tabulated on
// construction, so lookups and additions there cost an array read; other years are computed on demand, with the same answers. The
// object is immutable after construction, so const methods may be called from
// any number of threads at once.
//
// All dates and years passed in must lie in 1583..9999.
class WorkingCalendar {
 public:
  // Throws std::invalid_argument if a move in `rules` starts from a date that
  // is not a regular holiday.
  explicit WorkingCalendar(Date start, HolidayRules rules = england_and_wales());

  // The date at simulated time 0.
  Date start() const { return start_; }

  bool is_weekend(Date d) const;
  // True for every date in the holiday list, even one a scenario put on a
  // weekend (which changes no working day).
  bool is_bank_holiday(Date d) const;
  bool is_working_day(Date d) const;

  // The year's bank holidays in date order, after moves and extras.
  std::vector<Date> bank_holidays(int year) const;

  // `d` itself if it is a working day, else the first working day after it.
  Date next_working_day(Date d) const;
  // The first working day strictly after `d`, whatever `d` is.
  Date working_day_after(Date d) const { return add_working_days(d, 1); }

  // The n-th working day strictly after `d`; n == 0 gives `d` unchanged even
  // when `d` is not a working day. Days are counted from the day after `d`,
  // as Victims' Code and CPS deadlines are: Friday + 1 = Monday; the Friday
  // before a bank-holiday Monday + 1 = Tuesday; Saturday + 1 = Monday (the
  // weekend adds nothing, the first working day after it is day 1).
  // REQUIRES: n >= 0
  Date add_working_days(Date d, int n) const;

  // The number of working days w with a < w <= b; if b < a, minus the number
  // with b < w <= a. Hence working_days_between(d, add_working_days(d, n)) == n
  // for every d and every n >= 0.
  int working_days_between(Date a, Date b) const;

  // The date containing simulated time t: start() + floor(t) days.
  // REQUIRES: t is finite (not kNever) and the result lies in 1583..9999
  Date date_of(Time t) const;
  // Midnight at the start of `d`, in days since start(); date_of inverts it.
  Time time_of(Date d) const { return static_cast<Time>((d - start_).count()); }

 private:
  bool tabulated(Date d) const { return d >= first_ && d < end_; }
  std::size_t index(Date d) const { return static_cast<std::size_t>((d - first_).count()); }
  // The slow paths, for dates outside [first_, end_).
  Date add_working_days_untabulated(Date d, int n) const;
  int working_days_between_untabulated(Date a, Date b) const;

  Date start_;
  HolidayRules rules_;
  Date first_;                  // first tabulated day, 1 January
  Date end_;                    // one past the last tabulated day, 1 January
  std::vector<Date> holidays_;  // every holiday in [first_, end_), sorted
  // working_before_[i]: working days in [first_, first_ + i). One array gives
  // both "is day i working" (a difference of neighbours) and O(1) counts.
  std::vector<std::int32_t> working_before_;
  // reaching_[c]: the first k with working_before_[k] == c, so the c-th
  // working day of the table is day k - 1. Makes adding working days an
  // array read (a binary search over the table cost 5% of a national run).
  std::vector<std::int32_t> reaching_;
};

}  // namespace sim
