// A trial the court diary can never seat (no run of its sitting days is ever
// free) waits for ever; the run must say so rather than leave it out of every
// delay in silence.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "tests/scenario_runs.h"

namespace {

// One room; other work takes `share` of its sitting days, in runs of
// `run_days`; trials need `sitting_days` consecutive days.
std::string one_room(double share, int run_days, int sitting_days,
                     const std::string& courts_more = "") {
  return R"({
    "meta": {"name": "one room", "start_date": "2027-01-04", "horizon_days": 900,
             "warmup_days": 100, "follow_up_days": 300, "replications": 2, "seed": 3},
    "arrivals": {"reports_per_year": 20},
    "case_types": {"adult": {"share": 1}},
    "resources": {"rooms": {"count": 1}},
    "courts": {"rooms": "rooms", "other_work": {"share": )" +
         std::to_string(share) + R"(, "run_days": )" + std::to_string(run_days) + R"(})" +
         courts_more + R"(},
    "pathway": {"entry": "trial", "stages": {
      "trial": {"kind": "court", "milestone": "trial_start",
                "listing": {"notice": 28, "relist_notice": 28, "sitting_days": )" +
         std::to_string(sitting_days) + R"(},
                "next": "verdict"},
      "verdict": {"kind": "terminal", "outcome": "verdict"}}}
  })";
}

bool says_undatable(const models::RunSummary& s) {
  return std::any_of(s.cautions.begin(), s.cautions.end(), [](const std::string& c) {
    return c.find("could not be given any date") != std::string::npos;
  });
}

}  // namespace

TEST_CASE("Trials longer than any run of free sitting days are named, not silently lost") {
  // Other work in runs of 2 days out of every 4 leaves runs of 2 free days:
  // a 3-day trial never fits.
  const auto never = casesim_test::run(one_room(0.5, 2, 3));
  CHECK(says_undatable(never));
  // The same room with 2-day trials seats them all.
  const auto fits = casesim_test::run(one_room(0.5, 2, 2));
  CHECK_FALSE(says_undatable(fits));
}

TEST_CASE("Trials queued for a listing round that no day can seat are named too") {
  // Fixed at most 8 weeks ahead, trials wait in a queue between rounds; one
  // that no run of free days can ever take must not wait there unseen.
  const std::string window = R"(, "fix_ahead_days": 56)";
  const auto never = casesim_test::run(one_room(0.5, 2, 3, window));
  CHECK(says_undatable(never));
  const auto fits = casesim_test::run(one_room(0.5, 2, 2, window));
  CHECK_FALSE(says_undatable(fits));
}

TEST_CASE("A court with no rooms at all says so, not that its runs of days are short") {
  std::string text = one_room(0, 1, 1);
  const std::string one = R"("rooms": {"count": 1})";
  text.replace(text.find(one), one.size(), R"("rooms": {"count": 0})");
  const auto none = casesim_test::run(text);
  REQUIRE(says_undatable(none));
  bool named = false;
  for (const std::string& c : none.cautions)
    named |= c.find("the courts have no rooms (/resources/rooms/count is 0") != std::string::npos;
  CHECK(named);
}
