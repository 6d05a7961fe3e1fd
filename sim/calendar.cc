#include "sim/calendar.h"

#include <algorithm>
#include <cassert>
#include <climits>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace sim {
namespace {

using std::chrono::days;
using std::chrono::Friday;
using std::chrono::Monday;
using std::chrono::Saturday;
using std::chrono::Sunday;
using std::chrono::weekday;
using std::chrono::year_month_day;

constexpr int kMinYear = 1583;  // first full Gregorian year; the computus needs it
constexpr int kMaxYear = 9999;  // four-digit ISO years
// The tabulated span around the start year. Two years back covers warm-up
// periods and cases already open at the start; sixty forward outlasts any
// plausible horizon, so the slow path is for tests and oddities.
constexpr int kYearsBefore = 2;
constexpr int kYearsAfter = 60;

Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

int year_of(Date d) {
  return static_cast<int>(year_month_day{d}.year());
}

bool weekend(Date d) {
  const weekday w{d};
  return w == Saturday || w == Sunday;
}

// Monday to Friday among the days before `x`, counted from Monday 5 January
// 1970; differences of this give weekday counts over any span in O(1).
long long weekdays_before(Date x) {
  const long long since_monday = (x - ymd(1970, 1, 5)).count();
  long long weeks = since_monday / 7;
  long long rest = since_monday % 7;
  if (rest < 0) {
    rest += 7;
    --weeks;
  }
  return 5 * weeks + std::min(rest, 5LL);
}

// The holidays the standing rules give, before any one-off change. Already in
// date order: Easter Monday is at latest 26 April, before any Monday in May.
std::vector<Date> regular_holidays(int y) {
  using std::chrono::last;
  using std::chrono::month;
  using std::chrono::year;
  std::vector<Date> out;
  out.reserve(8);

  const Date new_year = ymd(y, 1, 1);
  const weekday ny{new_year};
  out.push_back(ny == Saturday ? new_year + days{2} : ny == Sunday ? new_year + days{1} : new_year);

  const Date easter = easter_sunday(y);
  out.push_back(easter - days{2});
  out.push_back(easter + days{1});

  out.push_back(Date{year{y} / month{5} / Monday[1]});
  out.push_back(Date{year{y} / month{5} / Monday[last]});
  out.push_back(Date{year{y} / month{8} / Monday[last]});

  // Christmas and Boxing Day: a day lost to a weekend moves to the next
  // weekday not already a holiday, so on a Sunday Christmas it is Boxing Day
  // that keeps Monday 26th and Christmas that takes Tuesday 27th.
  const weekday xmas{ymd(y, 12, 25)};
  unsigned christmas = 25;
  unsigned boxing = 26;
  if (xmas == Saturday) {
    christmas = 27;
    boxing = 28;
  } else if (xmas == Sunday) {
    christmas = 27;
  } else if (xmas == Friday) {
    boxing = 28;
  }
  out.push_back(ymd(y, 12, std::min(christmas, boxing)));
  out.push_back(ymd(y, 12, std::max(christmas, boxing)));

  assert(std::is_sorted(out.begin(), out.end()));
  return out;
}

// The year's holidays after the one-off changes, sorted and without repeats.
std::vector<Date> holidays_in_year(int y, const HolidayRules& rules) {
  std::vector<Date> out = regular_holidays(y);
  // All removals before any addition, so a move onto another move's old date
  // is not undone.
  for (const auto& [from, to] : rules.moved) {
    if (year_of(from) == y) out.erase(std::remove(out.begin(), out.end(), from), out.end());
  }
  for (const auto& [from, to] : rules.moved) {
    if (year_of(to) == y) out.push_back(to);
  }
  for (const Date d : rules.extra) {
    if (year_of(d) == y) out.push_back(d);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len, int& out) {
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  int y = 0;
  int m = 0;
  int d = 0;
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
  const year_month_day date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return Date{date};
}

std::string to_iso(Date date) {
  const year_month_day ymd{date};
  const int y = static_cast<int>(ymd.year());
  if (y >= 0 && y <= 9999) {
    // By hand: snprintf cost a third of writing a national cases.csv.
    const auto m = static_cast<unsigned>(ymd.month());
    const auto d = static_cast<unsigned>(ymd.day());
    const auto digit = [](unsigned v) { return static_cast<char>('0' + v % 10); };
    const auto year = static_cast<unsigned>(y);
    const char text[10] = {digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), '-',
                           digit(m / 10),      digit(m),          '-',              digit(d / 10),
                           digit(d)};
    return std::string(text, sizeof text);
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

Date easter_sunday(int year) {
  assert(year >= kMinYear && year <= kMaxYear);
  const int a = year % 19;  // place in the 19-year Metonic cycle
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;  // epact: days to the Paschal full moon
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;  // days from that full moon to Sunday
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

HolidayRules england_and_wales() {
  // Data, not logic: a scenario may extend this table (a future coronation or
  // jubilee) instead of editing code. Every move and addition is by royal
  // proclamation and listed on gov.uk.
  HolidayRules rules;
  rules.moved = {
      {ymd(1995, 5, 1), ymd(1995, 5, 8)},   // early May to VE Day's 50th anniversary
      {ymd(2002, 5, 27), ymd(2002, 6, 4)},  // spring, for the Golden Jubilee
      {ymd(2012, 5, 28), ymd(2012, 6, 4)},  // spring, for the Diamond Jubilee
      {ymd(2020, 5, 4), ymd(2020, 5, 8)},   // early May to VE Day's 75th anniversary
      {ymd(2022, 5, 30), ymd(2022, 6, 2)},  // spring, for the Platinum Jubilee
  };
  rules.extra = {
      ymd(1999, 12, 31),  // millennium
      ymd(2002, 6, 3),    // Golden Jubilee
      ymd(2011, 4, 29),   // wedding of Prince William and Catherine Middleton
      ymd(2012, 6, 5),    // Diamond Jubilee
      ymd(2022, 6, 3),    // Platinum Jubilee
      ymd(2022, 9, 19),   // state funeral of Queen Elizabeth II
      ymd(2023, 5, 8),    // coronation of King Charles III
  };
  return rules;
}

WorkingCalendar::WorkingCalendar(Date start, HolidayRules rules)
    : start_(start), rules_(std::move(rules)) {
  for (const auto& [from, to] : rules_.moved) {
    const std::vector<Date> regular = regular_holidays(year_of(from));
    if (!std::binary_search(regular.begin(), regular.end(), from)) {
      throw std::invalid_argument("holiday rules move " + to_iso(from) + " to " + to_iso(to) +
                                  ", but " + to_iso(from) + " is not a regular bank holiday");
    }
  }

  const int start_year = year_of(start);
  assert(start_year >= kMinYear && start_year <= kMaxYear);
  const int first_year = std::max(kMinYear, start_year - kYearsBefore);
  const int last_year = std::min(kMaxYear, start_year + kYearsAfter);
  first_ = ymd(first_year, 1, 1);
  end_ = ymd(last_year + 1, 1, 1);

  for (int y = first_year; y <= last_year; ++y) {
    const std::vector<Date> year = holidays_in_year(y, rules_);
    holidays_.insert(holidays_.end(), year.begin(), year.end());
  }

  const auto span = static_cast<std::size_t>((end_ - first_).count());
  working_before_.resize(span + 1);
  working_before_[0] = 0;
  auto next_holiday = holidays_.begin();
  for (std::size_t i = 0; i < span; ++i) {
    const Date d = first_ + days{static_cast<days::rep>(i)};
    bool holiday = false;
    if (next_holiday != holidays_.end() && *next_holiday == d) {
      holiday = true;
      ++next_holiday;
    }
    working_before_[i + 1] = working_before_[i] + (holiday || weekend(d) ? 0 : 1);
  }
  reaching_.assign(static_cast<std::size_t>(working_before_.back()) + 1, 0);
  for (std::size_t k = 1; k <= span; ++k) {
    if (working_before_[k] != working_before_[k - 1])
      reaching_[static_cast<std::size_t>(working_before_[k])] = static_cast<std::int32_t>(k);
  }
}

bool WorkingCalendar::is_weekend(Date d) const {
  return weekend(d);
}

bool WorkingCalendar::is_bank_holiday(Date d) const {
  if (tabulated(d)) return std::binary_search(holidays_.begin(), holidays_.end(), d);
  const std::vector<Date> year = holidays_in_year(year_of(d), rules_);
  return std::binary_search(year.begin(), year.end(), d);
}

bool WorkingCalendar::is_working_day(Date d) const {
  if (tabulated(d)) {
    const std::size_t i = index(d);
    return working_before_[i + 1] != working_before_[i];
  }
  return !weekend(d) && !is_bank_holiday(d);
}

std::vector<Date> WorkingCalendar::bank_holidays(int year) const {
  const Date jan1 = ymd(year, 1, 1);
  if (tabulated(jan1)) {
    const auto from = std::lower_bound(holidays_.begin(), holidays_.end(), jan1);
    const auto to = std::lower_bound(from, holidays_.end(), ymd(year + 1, 1, 1));
    return std::vector<Date>(from, to);
  }
  return holidays_in_year(year, rules_);
}

Date WorkingCalendar::next_working_day(Date d) const {
  return is_working_day(d) ? d : add_working_days(d, 1);
}

Date WorkingCalendar::add_working_days(Date d, int n) const {
  assert(n >= 0);
  if (n == 0) return d;
  if (tabulated(d)) {
    // The answer is the day k-1 for the first k with working_before_[k]
    // reaching the target count; past the table's end, fall back.
    const std::int64_t target = std::int64_t{working_before_[index(d) + 1]} + n;
    if (target < static_cast<std::int64_t>(reaching_.size())) {
      return first_ + days{reaching_[static_cast<std::size_t>(target)] - 1};
    }
  }
  return add_working_days_untabulated(d, n);
}

Date WorkingCalendar::add_working_days_untabulated(Date d, int n) const {
  // Day by day, computing each year's holidays once; only dates outside the
  // table come here, so speed matters less than agreeing with the fast path.
  int cached_year = INT_MIN;
  std::vector<Date> year;
  while (n > 0) {
    d += days{1};
    bool working;
    if (tabulated(d)) {
      working = is_working_day(d);
    } else if (weekend(d)) {
      working = false;
    } else {
      const int y = year_of(d);
      if (y != cached_year) {
        year = holidays_in_year(y, rules_);
        cached_year = y;
      }
      working = !std::binary_search(year.begin(), year.end(), d);
    }
    if (working) --n;
  }
  return d;
}

int WorkingCalendar::working_days_between(Date a, Date b) const {
  if (b < a) return -working_days_between(b, a);
  if (a == b) return 0;
  if (tabulated(a + days{1}) && tabulated(b)) {
    return working_before_[index(b) + 1] - working_before_[index(a) + 1];
  }
  return working_days_between_untabulated(a, b);
}

int WorkingCalendar::working_days_between_untabulated(Date a, Date b) const {
  // Weekdays in (a, b] in closed form, less the holidays there that fall on
  // weekdays, taken a year at a time.
  long long count = weekdays_before(b + days{1}) - weekdays_before(a + days{1});
  for (int y = year_of(a + days{1}); y <= year_of(b); ++y) {
    for (const Date h : bank_holidays(y)) {
      if (h > a && h <= b && !weekend(h)) --count;
    }
  }
  return static_cast<int>(count);
}

Date WorkingCalendar::date_of(Time t) const {
  assert(std::isfinite(t) && std::abs(t) < 1e7);
  return start_ + days{static_cast<days::rep>(std::floor(t))};
}

}  // namespace sim
