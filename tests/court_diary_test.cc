// The court diary: sitting days, bookings and the search for a first date.
#include <catch2/catch.hpp>

#include "models/engine/court_diary.h"
#include "sim/slot_index.h"

namespace {
sim::Date date(const char* iso) { return *sim::parse_iso_date(iso); }
}  // namespace

TEST_CASE("a slot index finds the first open run without gaps", "[courts][diary]") {
  sim::SlotIndex index(20, true);
  for (std::size_t i : {3u, 4u, 9u, 15u}) index.set(i, false);
  REQUIRE(index.next_open(3) == 5u);
  REQUIRE(index.next_closed(5) == 9u);
  REQUIRE(index.first_run(0, 3) == 0u);
  REQUIRE(index.first_run(1, 3) == 5u);   // 1-2 too short
  REQUIRE(index.first_run(0, 5) == 10u);  // 5-8 has only 4
  REQUIRE(index.first_run(0, 6) == std::nullopt);
  REQUIRE(index.first_run(16, 4) == 16u);
  REQUIRE(index.first_run(16, 5) == std::nullopt);
  index.set(9, true);
  REQUIRE(index.first_run(0, 6) == 5u);
}

TEST_CASE("a slot index agrees with a plain scan on a random pattern", "[courts][diary]") {
  sim::SlotIndex index(1000, true);
  std::vector<bool> open(1000, true);
  std::uint64_t x = 12345;
  for (int step = 0; step < 3000; ++step) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    const std::size_t i = (x >> 33) % 1000;
    const bool state = ((x >> 20) & 3) != 0;
    index.set(i, state);
    open[i] = state;
  }
  for (std::size_t from = 0; from < 1000; from += 37) {
    std::size_t closed = from;
    while (closed < 1000 && open[closed]) ++closed;
    REQUIRE(index.next_closed(from) == closed);
  }
  for (std::size_t from = 0; from < 1000; from += 37)
    for (std::size_t len = 1; len <= 8; ++len) {
      std::optional<std::size_t> scan;
      for (std::size_t p = from; p + len <= 1000 && !scan; ++p) {
        bool run = true;
        for (std::size_t k = p; k < p + len; ++k) run = run && open[k];
        if (run) scan = p;
      }
      CAPTURE(from, len);
      REQUIRE(index.first_run(from, len) == scan);
    }
}

TEST_CASE("one trial in an empty diary sits on the first working day, past weekend and holiday",
          "[courts][diary]") {
  // The diary starts on Thursday 24 December 2026. Ready on Christmas Day
  // (day 1), a trial can first sit on Tuesday 29 December: Friday 25 is
  // Christmas, then the weekend, and Monday 28 is the Boxing Day substitute.
  const sim::WorkingCalendar calendar(date("2026-12-24"));
  models::CourtDiary diary(calendar, std::vector<int>(30, 1), std::vector<int>(30, 1), 1.0);
  REQUIRE(diary.date(0) == date("2026-12-24"));
  const auto from = diary.first_day_at_or_after(1.0);
  const auto day = diary.find(from, 3);
  REQUIRE(day.has_value());
  REQUIRE(diary.date(*day) == date("2026-12-29"));
  REQUIRE(diary.time_of(*day) == 5.0);
  diary.book(*day, 3);  // Tue 29, Wed 30, Thu 31 December
  // New Year's Day is a holiday: the next 2-day trial sits Mon 4 and Tue 5 January.
  const auto next = diary.find(from, 2);
  REQUIRE(diary.date(*next) == date("2027-01-04"));
}

TEST_CASE("overlisting books more trials than rooms, and judges bind too", "[courts][diary]") {
  const sim::WorkingCalendar calendar(date("2027-03-01"));  // a Monday
  models::CourtDiary overlisted(calendar, std::vector<int>(10, 4), std::vector<int>(10, 4), 1.5);
  REQUIRE(overlisted.capacity(0) == 6);
  models::CourtDiary judged(calendar, std::vector<int>(10, 4), std::vector<int>(10, 2), 1.0);
  REQUIRE(judged.capacity(0) == 2);
  judged.book(0, 1);
  judged.book(0, 1);
  REQUIRE(judged.find(0, 1) == 1u);
  judged.release(0, 1);
  REQUIRE(judged.find(0, 1) == 0u);
}
