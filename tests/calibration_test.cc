// Measuring a run against the published figures, and moving an assumption.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "models/results/calibration_targets.h"
#include "models/engine/case_flow_model.h"
#include "models/scenario/scenario_loader.h"

namespace {

// Report -> investigation -> CPS decision -> PTPH -> trial, with every
// outcome the measures read. A year's warm-up and eight years' horizon, so
// the cohort is reports from day 365 to day 2922 - 1461 = 1461.
const char* kScenario = R"({
  "meta": {"name": "calibration", "start_date": "2027-01-04", "horizon_days": 2922,
           "warmup_days": 365, "seed": 1,
           "assumptions": [{"parameter": "/pathway/stages/investigation/duration",
                            "reason": "a test"}]},
  "arrivals": {"reports_per_year": 100},
  "case_types": {"adult": {"share": 0.8}, "child": {"share": 0.2, "child_victim": true}},
  "pathway": {"entry": "investigation", "stages": {
    "investigation": {"kind": "delay", "duration": {"lognormal": {"median": 100, "p90": 200}},
                      "next": "decision"},
    "decision": {"kind": "decision", "branches": [{"to": "charged", "probability": 0.5},
                                                  {"to": "cps_nfa", "probability": 0.5}]},
    "charged": {"kind": "delay", "milestone": "charge", "duration": 10, "next": "ptph"},
    "ptph": {"kind": "delay", "milestone": "ptph", "duration": 1,
             "branches": [{"to": "guilty_plea", "probability": 0.2}, {"to": "trial", "probability": 0.8}]},
    "trial": {"kind": "delay", "milestone": "trial_start", "duration": 5,
              "branches": [{"to": "convicted", "probability": 0.6}, {"to": "acquitted", "probability": 0.4}]},
    "guilty_plea": {"kind": "terminal", "outcome": "guilty_plea"},
    "cps_nfa": {"kind": "terminal", "outcome": "cps_nfa"},
    "convicted": {"kind": "terminal", "outcome": "convicted"},
    "acquitted": {"kind": "terminal", "outcome": "acquitted"}}}
})";

models::CaseRecord record(const models::CaseFlowModel& m, std::uint32_t type, double report,
                          std::initializer_list<std::pair<models::Milestone, double>> reached,
                          const std::string& outcome, const std::string& last_stage) {
  models::CaseRecord c;
  c.type = type;
  c.milestone.fill(models::kNotReached);
  c.milestone[0] = report;
  for (const auto& [m, t] : reached) c.milestone[static_cast<std::size_t>(m)] = t;
  const auto& o = m.outcomes();
  c.outcome = outcome.empty() ? -1
                              : static_cast<std::int32_t>(std::find(o.begin(), o.end(), outcome) -
                                                          o.begin());
  c.last_stage = static_cast<std::uint32_t>(*m.scenario().stage_index(last_stage));
  return c;
}

double value(const std::vector<double>& v, const std::string& id, int nth = 0) {
  const auto& targets = models::calibration_targets();
  for (std::size_t i = 0; i < targets.size(); ++i)
    if (targets[i].id == id && nth-- == 0) return v[i];
  FAIL("no target " << id);
  return 0;
}

}  // namespace

TEST_CASE("targets are measured on the cohort, adults apart, as worked out by hand",
          "[calibration]") {
  const auto s = models::load_scenario_text(kScenario);
  const models::CaseFlowModel model(s);
  using M = models::Milestone;
  models::ReplicationResult r;
  const double years = (2922 - 365) / 365.25;
  r.new_cases = 4;  // the cohort's reports: not what T1 counts
  // Adults in the cohort: one charged and convicted, one charged who
  // pleaded at the PTPH, one refused charge, one withdrawn before charge.
  r.cases.push_back(record(model, 0, 400, {{M::kCharge, 600}, {M::kPtph, 610},
                                           {M::kTrialStart, 700}, {M::kCompletion, 705}},
                           "convicted", "convicted"));
  r.cases.push_back(record(model, 0, 500, {{M::kCharge, 900}, {M::kPtph, 910}, {M::kCompletion, 910}},
                           "guilty_plea", "guilty_plea"));
  r.cases.push_back(record(model, 0, 500, {{M::kCompletion, 550}}, "cps_nfa", "cps_nfa"));
  r.cases.push_back(record(model, 0, 500, {{M::kCompletion, 520}}, "victim_withdrawal",
                           "investigation"));
  // A child case, acquitted: counts for all-type measures only.
  r.cases.push_back(record(model, 1, 700, {{M::kCharge, 800}, {M::kPtph, 810},
                                           {M::kTrialStart, 900}, {M::kCompletion, 905}},
                           "acquitted", "acquitted"));
  // Outside the cohort (reported in the warm-up, and too late): ignored.
  r.cases.push_back(record(model, 0, 100, {{M::kCompletion, 150}}, "victim_withdrawal", "investigation"));
  r.cases.push_back(record(model, 0, 2000, {{M::kCompletion, 2050}}, "victim_withdrawal",
                           "investigation"));
  const auto v = models::measure_targets(model, r);
  // Reports a year count every report after the warm-up, the one too late
  // for the cohort too (six here), not only the cohort's.
  CHECK(value(v, "T1") == Approx(6 / years));
  CHECK(value(v, "T2") == Approx(1.0 / 4));       // withdrawn, of 4 adults closed or charged
  CHECK(value(v, "T3") == Approx(2.0 / 4));
  CHECK(value(v, "T4") == Approx(3.0 / 4));       // 3 charged, 1 refused
  CHECK(value(v, "T5") == Approx(2 / (4 * years)));  // adult charges a quarter
  CHECK(value(v, "T6") == Approx(200));           // median of 200, 400, 100
  CHECK(value(v, "T7") == Approx((105 + 10) / 2.0));
  CHECK(value(v, "T8") == Approx(300));
  CHECK(value(v, "T9") == Approx(2.0 / 3));       // of three past the PTPH, one pleaded there
  CHECK(value(v, "T10") == Approx(0.5));
  CHECK(value(v, "T11") == Approx(0.0));
  CHECK(std::isnan(value(v, "T14")));             // no courts in this scenario
}

TEST_CASE("a run of the model measures every target it can, with intervals", "[calibration]") {
  const auto s = models::load_scenario_text(kScenario);
  const models::CaseFlowModel model(s);
  std::vector<std::vector<double>> reps;
  for (std::uint64_t r = 0; r < 5; ++r) {
    models::RunOptions o;
    o.keep_cases = true;
    reps.push_back(models::measure_targets(model, model.run(r, o)));
  }
  const auto checks = models::check_targets(reps);
  const auto& t4 = checks[3];
  REQUIRE(t4.target.id == "T4");
  REQUIRE(t4.replications == 5);
  // Half the decisions charge.
  REQUIRE(t4.ci_low < 0.5);
  REQUIRE(t4.ci_high > 0.5);
  // 100 reports a year arrive throughout, not only in the cohort's years.
  const auto& t1 = checks[0];
  REQUIRE(t1.target.id == "T1");
  REQUIRE(t1.ci_low < 100);
  REQUIRE(t1.ci_high > 100);
  const auto& t10 = checks[9];
  REQUIRE(t10.ci_low < 0.6);
  REQUIRE(t10.ci_high > 0.6);
  REQUIRE_FALSE(checks[13].measured());  // trial days need courts
}

TEST_CASE("an assumption moved by a factor stretches every number under its pointer",
          "[calibration][scenario]") {
  const auto dir = std::filesystem::temp_directory_path() / "casesim-calibration-test";
  std::filesystem::create_directories(dir);
  const auto file = dir / "scenario.json";
  std::ofstream(file) << kScenario;
  const auto base = models::load_scenario(file);
  REQUIRE(base.meta.assumptions.size() == 1);
  REQUIRE(base.meta.assumptions[0].value == R"({"lognormal":{"median":100,"p90":200}})");
  const auto moved = models::load_scenario(file, {{"/pathway/stages/investigation/duration", models::LeverMove::kScale, "1.25"}});
  const auto& d = moved.stages[*moved.stage_index("investigation")].duration;
  REQUIRE(d.quantile(0.5) == Approx(125));
  REQUIRE(d.quantile(0.9) == Approx(250));
  try {
    models::load_scenario(file, {{"/pathway/stages/nowhere", models::LeverMove::kScale, "1.25"}});
    FAIL("loaded");
  } catch (const models::ScenarioError& e) {
    REQUIRE(e.problems().size() == 1);
    REQUIRE(e.problems()[0].pointer == "/pathway/stages/nowhere");
  }
  std::filesystem::remove_all(dir);
}
