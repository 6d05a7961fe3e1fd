// Trials moved again and again (issue 16 item 3): causes that persist for a
// case, and the court moving fixed trials, as the date-change distribution
// shows them.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_loader.h"
#include "tests/scenario_runs.h"

namespace {

using casesim_test::metric;
using casesim_test::run;

// Reports go straight to a one-day trial in a diary with rooms to spare, so
// a listing fails only by the chances given: no cracking, no withdrawal, no
// want of a room. `listing` adds keys to the trial's listing (each ending in
// a comma); `early` is its early_adjournment.
std::string trial_scenario(const std::string& early, const std::string& listing = "",
                           int seed = 11) {
  return R"({
    "meta": {"name": "date changes", "start_date": "2027-01-04", "horizon_days": 2600,
             "warmup_days": 200, "follow_up_days": 400, "replications": 8, "seed": )" +
         std::to_string(seed) + R"(},
    "arrivals": {"reports_per_year": 300},
    "case_types": {"adult": {"share": 1}},
    "resources": {"rooms": {"count": 10}},
    "courts": {"rooms": "rooms"},
    "pathway": {"entry": "trial", "stages": {
      "trial": {"kind": "court", "milestone": "trial_start",
                "listing": {)" + listing + R"("notice": 28, "relist_notice": 28, "sitting_days": 1,
                            "early_adjournment": )" + early + R"(},
                "next": "verdict"},
      "verdict": {"kind": "terminal", "outcome": "verdict"}}}
  })";
}

double half_width(const models::Metric& m) { return (m.ci_high - m.ci_low) / 2; }

// Independent chances at the same mean adjournment rate as `persistent`:
// with every listing failing with chance p, a listed case has p / (1 - p)
// date changes on average, so p = m / (1 + m) matches its mean m.
std::string independent_like(const models::RunSummary& persistent) {
  const double m = metric(persistent, "early_adjournments_per_listed_case").mean;
  return trial_scenario(R"({"defence_not_ready": )" + std::to_string(m / (1 + m)) + "}");
}

// The same mean adjournment rate (vacated listings over listings, and date
// changes per listed case), within the runs' own intervals; then a longer
// tail (four or more changes) and more cases never moved: the spread of a
// mixture, not a shift of the mean.
void require_longer_tail(const models::RunSummary& persistent,
                         const models::RunSummary& independent) {
  for (const char* name : {"trials.vacated_share", "early_adjournments_per_listed_case"}) {
    const auto a = metric(persistent, name), b = metric(independent, name);
    INFO(name << ": persistent " << a.mean << " +- " << half_width(a) << ", independent "
              << b.mean << " +- " << half_width(b));
    REQUIRE(std::abs(a.mean - b.mean) <= half_width(a) + half_width(b));
  }
  const auto tail_p = metric(persistent, "date_changes.four_or_more_share");
  const auto tail_i = metric(independent, "date_changes.four_or_more_share");
  INFO("4+ changes: persistent " << tail_p.ci_low << " to " << tail_p.ci_high << ", independent "
                                 << tail_i.ci_low << " to " << tail_i.ci_high);
  REQUIRE(tail_p.ci_low > tail_i.ci_high);
  const auto none_p = metric(persistent, "date_changes.none_share");
  const auto none_i = metric(independent, "date_changes.none_share");
  INFO("no change: persistent " << none_p.ci_low << " to " << none_p.ci_high << ", independent "
                                << none_i.ci_low << " to " << none_i.ci_high);
  REQUIRE(none_p.ci_low > none_i.ci_high);
}

// The problem a scenario is refused for, as "pointer: message".
std::string refusal(const std::string& text) {
  try {
    models::load_scenario_text(text, "test.json");
  } catch (const models::ScenarioError& e) {
    REQUIRE(e.problems().size() == 1);
    const auto& d = e.problems().front();
    REQUIRE(d.file == "test.json");
    return d.pointer + ": " + d.message;
  }
  FAIL("the scenario loaded; expected it to be refused");
  return {};
}

const char* const kPlainEarly = R"({"defence_not_ready": 0.25})";
const std::string kListing = "/pathway/stages/trial/listing";

}  // namespace

TEST_CASE("a case-level frailty gives a longer tail of date changes than independent chances at "
          "the same mean adjournment rate",
          "[courts][date_changes]") {
  const auto persistent = run(
      trial_scenario(R"({"defence_not_ready": 0.2})",
                     R"("persistence": {"frailty_cv": 1.5},)"));
  require_longer_tail(persistent, run(independent_like(persistent)));
}

TEST_CASE("a cause that raises its own chance each time gives a longer tail of date changes than "
          "independent chances at the same mean adjournment rate",
          "[courts][date_changes]") {
  const auto persistent =
      run(trial_scenario(kPlainEarly, R"("persistence": {"same_cause_multiplier": 1.6},)"));
  require_longer_tail(persistent, run(independent_like(persistent)));
}

TEST_CASE("persistence leaves causes that are not the case's own alone", "[courts][date_changes]") {
  // "other" is not a case-side cause by default, so nothing changes.
  const auto plain = run(trial_scenario(R"({"other": 0.25})"));
  const auto persistent = run(trial_scenario(
      R"({"other": 0.25})", R"("persistence": {"frailty_cv": 1, "same_cause_multiplier": 2},)"));
  for (const char* name : {"date_changes.none_share", "date_changes.four_or_more_share",
                           "early_adjournments_per_listed_case"})
    REQUIRE(metric(plain, name).mean == metric(persistent, name).mean);
}

TEST_CASE("the court's moves of fixed trials appear under their own causes and change dates",
          "[courts][date_changes]") {
  const auto still = run(trial_scenario("{}"));
  REQUIRE(metric(still, "date_changes.none_share").mean == 1.0);
  REQUIRE(still.find("trials.vacated_cause_share.judge_unavailable") == nullptr);

  const auto moved = run(trial_scenario(
      "{}", R"("court_moves": {"chances": {"judge_unavailable": 0.15, "custody_case_took_room": 0.05},
                               "notice": {"uniform": {"min": 1, "max": 14}}},)"));
  // One listing in five is moved: three in four of those for the judge.
  const auto vacated = metric(moved, "trials.vacated_share");
  INFO("vacated " << vacated.ci_low << " to " << vacated.ci_high);
  REQUIRE(std::abs(vacated.mean - 0.2) <= 2 * half_width(vacated));
  const auto judge = metric(moved, "trials.vacated_cause_share.judge_unavailable");
  INFO("judge " << judge.ci_low << " to " << judge.ci_high);
  REQUIRE(std::abs(judge.mean - 0.75) <= 2 * half_width(judge));
  REQUIRE(metric(moved, "trials.vacated_cause_share.custody_case_took_room").mean ==
          Approx(1 - judge.mean));
  REQUIRE(metric(moved, "trials.vacated_cause_share.other_trial_overran").mean == 0.0);
  REQUIRE(metric(moved, "trials.vacated_cause_share.defence_not_ready").mean == 0.0);
  // Date changes: independent moves at 0.2 a listing leave 0.8 unmoved,
  // 0.16 moved once.
  const auto none = metric(moved, "date_changes.none_share");
  const auto one = metric(moved, "date_changes.one_share");
  INFO("none " << none.mean << " +- " << half_width(none) << "; one " << one.mean << " +- "
               << half_width(one));
  REQUIRE(std::abs(none.mean - 0.8) <= 2 * half_width(none));
  REQUIRE(std::abs(one.mean - 0.16) <= 2 * half_width(one));
}

TEST_CASE("a court move and the case's own adjournment: the earlier vacates the listing",
          "[courts][date_changes]") {
  // Every listing is moved by the court a day before its day, and every one
  // is also vacated by the defence at a random moment before that (notice
  // 28 days), which almost always comes first.
  const auto both = run(trial_scenario(
      R"({"defence_not_ready": 0.5})",
      R"("court_moves": {"chances": {"other_trial_overran": 0.5}, "notice": 1},)"));
  const auto overran = metric(both, "trials.vacated_cause_share.other_trial_overran");
  const auto defence = metric(both, "trials.vacated_cause_share.defence_not_ready");
  REQUIRE(overran.mean + defence.mean == Approx(1.0));
  // Half the listings are moved by the court; a quarter of all listings
  // are also vacated by the defence first (at a uniform moment of the four
  // weeks, before the last day), so a third of vacated listings are the
  // court's: 0.25 / 0.75.
  INFO("overran " << overran.ci_low << " to " << overran.ci_high);
  REQUIRE(std::abs(overran.mean - 1.0 / 3) <= 0.05);
}

TEST_CASE("persistence and court moves are checked like every other value", "[courts][scenario]") {
  auto with = [](const std::string& keys) { return trial_scenario(kPlainEarly, keys); };
  CHECK(refusal(with(R"("persistence": {"frailty_cv": 4},)")) ==
        kListing + "/persistence/frailty_cv: 4 is out of range; expected a coefficient of "
                   "variation from 0 to 3 (0: every case alike)");
  CHECK(refusal(with(R"("persistence": {"same_cause_multiplier": -1},)")) ==
        kListing + "/persistence/same_cause_multiplier: -1 is out of range; expected a "
                   "multiplier from 0 to 10 per earlier adjournment for that cause");
  CHECK(refusal(with(R"("persistence": {"max_chance": 0},)")) ==
        kListing + "/persistence/max_chance: 0 is out of range; expected a probability above 0 "
                   "and at most 1");
  CHECK(refusal(with(R"("persistence": {"causes": ["defence_not_ready", "overrun"]},)"))
            .starts_with(kListing + "/persistence/causes/1: unknown adjournment cause 'overrun'"));
  CHECK(refusal(with(R"("persistence": {"causes": "defence_not_ready"},)")) ==
        kListing + "/persistence/causes: expected an array of adjournment causes that belong to "
                   "the case, got a string");
  CHECK(refusal(with(R"("persistence": {"frailty": 1},)"))
            .starts_with(kListing + "/persistence/frailty: unknown key 'frailty'"));
  CHECK(refusal(with(R"("court_moves": {"notice": 3},)")) ==
        kListing + "/court_moves/chances: missing; expected the chances by cause that the court "
                   "moves a fixed trial before its day");
  CHECK(refusal(with(R"("court_moves": {"chances": {"judge_ill": 0.1}},)")) ==
        kListing + "/court_moves/chances/judge_ill: unknown court move cause 'judge_ill'; "
                   "expected one of: custody_case_took_room, other_trial_overran, "
                   "judge_unavailable");
  CHECK(refusal(with(R"("court_moves": {"chances": {"judge_unavailable": 1.5}},)")) ==
        kListing + "/court_moves/chances/judge_unavailable: 1.5 is out of range; expected a "
                   "probability between 0 and 1");
  CHECK(refusal(with(R"("court_moves": {"chances": {"judge_unavailable": 0.6,
                                                    "custody_case_took_room": 0.5}},)")) ==
        kListing + "/court_moves/chances: chances sum to 1.1; expected at most 1");
  CHECK(refusal(with(R"("court_moves": {"chances": {}, "notice": {"exponential": {"mean": -2}}},)"))
            .starts_with(kListing + "/court_moves/notice/exponential/mean: -2 is out of range"));
}
