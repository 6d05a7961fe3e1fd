#include "sim/calendar.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

using sim::Date;
using std::chrono::days;

// Dates in tests are written as text so that they read like the gov.uk list.
Date on(const char* iso) {
  const auto d = sim::parse_iso_date(iso);
  REQUIRE(d.has_value());
  return *d;
}

std::vector<Date> dates(std::initializer_list<const char*> isos) {
  std::vector<Date> out;
  for (const char* iso : isos) out.push_back(on(iso));
  return out;
}

const sim::WorkingCalendar& calendar_2020() {
  static const sim::WorkingCalendar calendar(on("2020-01-01"));
  return calendar;
}

}  // namespace

TEST_CASE("bank holidays are the published England and Wales list for 2020 to 2027", "[calendar]") {
  const auto& cal = calendar_2020();
  // VE Day moved the early May holiday to Friday 8 May; Boxing Day fell on a Saturday.
  CHECK(cal.bank_holidays(2020) == dates({"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
                                          "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"}));
  // Christmas on a Saturday: both days are substituted, Monday 27 and Tuesday 28.
  CHECK(cal.bank_holidays(2021) == dates({"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03",
                                          "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"}));
  // Platinum Jubilee (spring holiday moved to 2 June, extra 3 June), the state
  // funeral, and Christmas on a Sunday (Boxing Day keeps Monday 26).
  CHECK(cal.bank_holidays(2022) ==
        dates({"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
               "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"}));
  // New Year's Day on a Sunday; the coronation.
  CHECK(cal.bank_holidays(2023) ==
        dates({"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29",
               "2023-08-28", "2023-12-25", "2023-12-26"}));
  CHECK(cal.bank_holidays(2024) == dates({"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06",
                                          "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"}));
  CHECK(cal.bank_holidays(2025) == dates({"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
                                          "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"}));
  CHECK(cal.bank_holidays(2026) == dates({"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
                                          "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"}));
  CHECK(cal.bank_holidays(2027) == dates({"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
                                          "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"}));
}

TEST_CASE("earlier one-off changes are in the built-in rules", "[calendar]") {
  const sim::WorkingCalendar cal(on("1996-01-01"));
  CHECK(cal.bank_holidays(1995) == dates({"1995-01-02", "1995-04-14", "1995-04-17", "1995-05-08",
                                          "1995-05-29", "1995-08-28", "1995-12-25", "1995-12-26"}));
  CHECK(cal.is_bank_holiday(on("1999-12-31")));
  CHECK(cal.is_bank_holiday(on("2000-01-03")));  // New Year's Day 2000 was a Saturday
  CHECK(cal.is_bank_holiday(on("2002-06-03")));
  CHECK(cal.is_bank_holiday(on("2002-06-04")));
  CHECK_FALSE(cal.is_bank_holiday(on("2002-05-27")));
  CHECK(cal.is_bank_holiday(on("2011-04-29")));
  CHECK(cal.is_bank_holiday(on("2012-06-04")));
  CHECK(cal.is_bank_holiday(on("2012-06-05")));
  CHECK_FALSE(cal.is_bank_holiday(on("2012-05-28")));
  CHECK_FALSE(cal.is_bank_holiday(on("2020-05-04")));
  CHECK_FALSE(cal.is_bank_holiday(on("2022-05-30")));
}

TEST_CASE("Easter follows the Gregorian computus in any year", "[calendar]") {
  CHECK(sim::easter_sunday(2021) == on("2021-04-04"));
  CHECK(sim::easter_sunday(2023) == on("2023-04-09"));
  CHECK(sim::easter_sunday(2024) == on("2024-03-31"));
  CHECK(sim::easter_sunday(2025) == on("2025-04-20"));
  CHECK(sim::easter_sunday(2026) == on("2026-04-05"));
  CHECK(sim::easter_sunday(2027) == on("2027-03-28"));
  // The latest and earliest possible Easters.
  CHECK(sim::easter_sunday(2038) == on("2038-04-25"));
  CHECK(sim::easter_sunday(2285) == on("2285-03-22"));
  CHECK(sim::easter_sunday(1818) == on("1818-03-22"));
  // Far from the tabulated years the calendar still computes them.
  const auto& cal = calendar_2020();
  CHECK(cal.is_bank_holiday(on("2285-03-20")));  // Good Friday
  CHECK(cal.is_bank_holiday(on("2285-03-23")));  // Easter Monday
  CHECK(cal.is_bank_holiday(on("2038-04-23")));
  CHECK(cal.is_bank_holiday(on("2038-04-26")));
}

TEST_CASE("weekends and holidays are not working days", "[calendar]") {
  const auto& cal = calendar_2020();
  CHECK(cal.is_weekend(on("2026-03-07")));  // Saturday
  CHECK(cal.is_weekend(on("2026-03-08")));
  CHECK_FALSE(cal.is_weekend(on("2026-03-09")));
  CHECK(cal.is_working_day(on("2026-03-09")));
  CHECK_FALSE(cal.is_working_day(on("2026-03-08")));
  CHECK_FALSE(cal.is_working_day(on("2026-12-28")));  // substitute Boxing Day
  CHECK(cal.is_working_day(on("2026-12-29")));
}

TEST_CASE("adding working days counts from the day after", "[calendar]") {
  const auto& cal = calendar_2020();
  CHECK(cal.add_working_days(on("2026-03-06"), 1) == on("2026-03-09"));  // Friday -> Monday
  CHECK(cal.add_working_days(on("2026-03-06"), 5) == on("2026-03-13"));
  // The Friday before the early May bank holiday.
  CHECK(cal.add_working_days(on("2025-05-02"), 1) == on("2025-05-06"));
  // Christmas Eve 2026 is a Thursday; Friday 25 and Monday 28 are holidays.
  CHECK(cal.add_working_days(on("2026-12-24"), 1) == on("2026-12-29"));
  // A weekend start adds nothing: Saturday + 1 is Monday.
  CHECK(cal.add_working_days(on("2026-03-07"), 1) == on("2026-03-09"));
  CHECK(cal.add_working_days(on("2026-03-07"), 0) == on("2026-03-07"));
  // Easter 2026: Maundy Thursday + 1 skips Good Friday to Easter Tuesday.
  CHECK(cal.add_working_days(on("2026-04-02"), 1) == on("2026-04-07"));

  CHECK(cal.next_working_day(on("2026-03-09")) == on("2026-03-09"));
  CHECK(cal.next_working_day(on("2026-03-07")) == on("2026-03-09"));
  CHECK(cal.next_working_day(on("2026-12-25")) == on("2026-12-29"));
  CHECK(cal.working_day_after(on("2026-03-09")) == on("2026-03-10"));
  CHECK(cal.working_day_after(on("2026-03-07")) == on("2026-03-09"));
}

TEST_CASE("working days between counts days after a up to and including b", "[calendar]") {
  const auto& cal = calendar_2020();
  CHECK(cal.working_days_between(on("2026-03-06"), on("2026-03-09")) == 1);
  CHECK(cal.working_days_between(on("2026-03-09"), on("2026-03-06")) == -1);
  CHECK(cal.working_days_between(on("2026-03-09"), on("2026-03-09")) == 0);
  CHECK(cal.working_days_between(on("2026-03-07"), on("2026-03-08")) == 0);
  // 2025: 261 weekdays less 8 bank holidays, none on a weekend.
  CHECK(cal.working_days_between(on("2024-12-31"), on("2025-12-31")) == 253);
}

TEST_CASE("working days between inverts adding working days", "[calendar]") {
  const auto& cal = calendar_2020();
  // Starts spread over every weekday and both holiday seasons, some in and
  // some beyond the tabulated years (2018 to 2080).
  std::uint64_t state = 12345;
  for (int trial = 0; trial < 2000; ++trial) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const int offset = static_cast<int>((state >> 33) % 40000) - 2000;  // 2014 to about 2124
    const int n = static_cast<int>((state >> 17) % 400);
    const Date d = on("2020-01-01") + days{offset};
    const Date later = cal.add_working_days(d, n);
    INFO("start " << sim::to_iso(d) << " plus " << n);
    REQUIRE(cal.working_days_between(d, later) == n);
    REQUIRE(cal.working_days_between(later, d) == -n);
    if (n > 0) REQUIRE(cal.is_working_day(later));
  }
}

TEST_CASE("adding working days agrees with counting them one day at a time", "[calendar]") {
  // Every start in and around the table (2018 to 2080), including sums that
  // run past its end, against a walk over is_working_day.
  const auto& cal = calendar_2020();
  for (Date d = on("2017-12-20"); d <= on("2081-01-10"); d += days{1}) {
    for (int n : {1, 2, 3, 10, 28}) {
      Date walk = d;
      for (int left = n; left > 0;) {
        walk += days{1};
        if (cal.is_working_day(walk)) --left;
      }
      INFO("start " << sim::to_iso(d) << " plus " << n);
      REQUIRE(cal.add_working_days(d, n) == walk);
    }
  }
}

TEST_CASE("answers do not depend on which years are tabulated", "[calendar]") {
  // Started in 2020 the table ends with 2080; started in 2200 it begins in
  // 2198. Around 2080 one calendar is fast and the other computes on demand.
  const auto& near = calendar_2020();
  const sim::WorkingCalendar far(on("2200-01-01"));
  const Date from = on("2079-06-01");
  for (int i = 0; i < 1000; ++i) {
    const Date d = from + days{i};
    INFO(sim::to_iso(d));
    REQUIRE(near.is_working_day(d) == far.is_working_day(d));
    REQUIRE(near.is_bank_holiday(d) == far.is_bank_holiday(d));
    REQUIRE(near.add_working_days(d, 30) == far.add_working_days(d, 30));
    REQUIRE(near.working_days_between(from, d) == far.working_days_between(from, d));
  }
  REQUIRE(near.bank_holidays(2080) == far.bank_holidays(2080));
}

TEST_CASE("scenarios extend the holiday rules as data", "[calendar]") {
  sim::HolidayRules rules = sim::england_and_wales();
  rules.extra.push_back(on("2031-06-13"));  // a Friday
  const sim::WorkingCalendar cal(on("2030-01-01"), rules);
  CHECK(cal.is_bank_holiday(on("2031-06-13")));
  CHECK(cal.add_working_days(on("2031-06-12"), 1) == on("2031-06-16"));
  CHECK(cal.bank_holidays(2031).size() == 9);

  sim::HolidayRules typo = sim::england_and_wales();
  typo.moved.emplace_back(on("2031-05-06"), on("2031-05-09"));  // not a holiday
  CHECK_THROWS_AS(sim::WorkingCalendar(on("2030-01-01"), typo), std::invalid_argument);
}

TEST_CASE("ISO dates are parsed strictly", "[calendar]") {
  CHECK(sim::parse_iso_date("2024-02-29").has_value());
  CHECK_FALSE(sim::parse_iso_date("2023-02-29").has_value());
  CHECK_FALSE(sim::parse_iso_date("2022-13-01").has_value());
  CHECK_FALSE(sim::parse_iso_date("2022-04-31").has_value());
  CHECK_FALSE(sim::parse_iso_date("2022-00-10").has_value());
  CHECK_FALSE(sim::parse_iso_date("2022-01-00").has_value());
  CHECK_FALSE(sim::parse_iso_date("2024-02-29x").has_value());
  CHECK_FALSE(sim::parse_iso_date("2024-02-29 ").has_value());
  CHECK_FALSE(sim::parse_iso_date(" 2024-02-29").has_value());
  CHECK_FALSE(sim::parse_iso_date("2024-2-29").has_value());
  CHECK_FALSE(sim::parse_iso_date("2024/02/29").has_value());
  CHECK_FALSE(sim::parse_iso_date("+024-02-29").has_value());
  CHECK_FALSE(sim::parse_iso_date("").has_value());
  CHECK(sim::to_iso(on("2024-02-29")) == "2024-02-29");
  CHECK(sim::to_iso(on("0987-06-05")) == "0987-06-05");
  // Every day of years 0000 to 9999 against printf and back through the parser.
  for (Date d = on("0000-01-01"); d <= on("9999-12-31"); d += days{1}) {
    const std::chrono::year_month_day ymd{d};
    char expected[16];
    std::snprintf(expected, sizeof expected, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    const std::string text = sim::to_iso(d);
    REQUIRE(text == expected);
    REQUIRE(sim::parse_iso_date(text) == d);
  }
}

TEST_CASE("simulated time maps to dates and back", "[calendar]") {
  const sim::WorkingCalendar cal(on("2024-04-01"));
  CHECK(cal.start() == on("2024-04-01"));
  CHECK(cal.date_of(0.0) == on("2024-04-01"));
  CHECK(cal.date_of(0.999) == on("2024-04-01"));
  CHECK(cal.date_of(1.0) == on("2024-04-02"));
  CHECK(cal.date_of(-0.5) == on("2024-03-31"));
  CHECK(cal.time_of(on("2025-04-01")) == 365.0);
  for (int i = -800; i < 20000; i += 7) {
    const Date d = cal.start() + days{i};
    REQUIRE(cal.date_of(cal.time_of(d)) == d);
    REQUIRE(cal.date_of(cal.time_of(d) + 0.75) == d);
  }
}

TEST_CASE("const methods may be called from several threads", "[calendar]") {
  const auto& cal = calendar_2020();
  const Date from = on("2020-01-01");
  auto work = [&](std::int64_t& sum) {
    for (int i = 0; i < 30000; i += 3) {
      const Date d = from + days{i};  // runs past the table into computed years
      sum += cal.working_days_between(from, cal.add_working_days(d, 10));
      sum += cal.is_bank_holiday(d) ? 1 : 0;
    }
  };
  std::int64_t expected = 0;
  work(expected);
  std::vector<std::int64_t> sums(4, 0);
  std::vector<std::thread> threads;
  for (auto& s : sums) threads.emplace_back(work, std::ref(s));
  for (auto& t : threads) t.join();
  for (const auto s : sums) CHECK(s == expected);
}
