// The case-flow engine: cases moving along a scenario's pathway on the kernel.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "models/engine/case_flow_model.h"
#include "models/results/run_summary.h"
#include "models/scenario/scenario_loader.h"
#include "sim/replication_runner.h"

namespace {

// A small pathway: investigation (work) -> decision -> charge (delay) -> trial
// (court on a pool) -> outcomes, with withdrawal in investigation.
std::string pathway(const std::string& investigators = "5", const std::string& extra = "",
                    const std::string& child_scale = "2") {
  return R"({
    "meta": {"name": "t", "start_date": "2024-01-01", "horizon_days": 1500, "warmup_days": 200,
             "replications": 4, "seed": 7},
    "arrivals": {"reports_per_year": 365},
    "case_types": {"adult": {"share": 0.7}, "child": {"share": 0.3, "duration_scale": )" +
         child_scale + R"(}},
    "resources": {"investigators": {"count": )" +
         investigators + R"(}, "courtrooms": {"count": 50}},
    "pathway": {"entry": "investigation", "stages": {
      "investigation": {"kind": "work", "pool": "investigators",
                        "duration": {"exponential": {"mean": 3}}, "withdrawal_per_year": 10,
                        "next": "decision"},
      "decision": {"kind": "decision", "branches": [{"to": "charged", "probability": 0.5},
                                                    {"to": "nfa", "probability": 0.5}]},
      "charged": {"kind": "delay", "milestone": "charge", "duration": 30, "next": "trial"},
      "trial": {"kind": "court", "pool": "courtrooms", "milestone": "trial_start",
                "duration": 2, "next": "convicted"},
      "nfa": {"kind": "terminal", "outcome": "police_nfa"},
      "convicted": {"kind": "terminal", "outcome": "convicted"}}}
    )" + extra + "}";
}

std::vector<models::ReplicationResult> run_all(const models::CaseFlowModel& model, unsigned threads,
                                               bool keep_cases = false) {
  return sim::run_replications<models::ReplicationResult>(
      static_cast<std::size_t>(model.scenario().meta.replications), threads, [&](std::size_t r) {
        models::RunOptions o;
        o.keep_cases = keep_cases;
        return model.run(r, o);
      });
}

}  // namespace

TEST_CASE("the same seed gives identical results on one thread and on two", "[model]") {
  const auto s = models::load_scenario_text(pathway());
  const models::CaseFlowModel model(s);
  const auto one = models::summarise(model, run_all(model, 1));
  const auto two = models::summarise(model, run_all(model, 2));
  REQUIRE(one.events == two.events);
  REQUIRE(one.metrics.size() == two.metrics.size());
  for (std::size_t i = 0; i < one.metrics.size(); ++i) {
    CAPTURE(one.metrics[i].name);
    REQUIRE(one.metrics[i].per_replication.size() == two.metrics[i].per_replication.size());
    for (std::size_t r = 0; r < one.metrics[i].per_replication.size(); ++r) {
      const double a = one.metrics[i].per_replication[r], b = two.metrics[i].per_replication[r];
      REQUIRE((a == b || (std::isnan(a) && std::isnan(b))));
    }
  }
}

TEST_CASE("a fixed delay between milestones is measured exactly", "[model]") {
  const auto s = models::load_scenario_text(pathway("5", "", "1"));
  const models::CaseFlowModel model(s);
  const auto summary = models::summarise(model, run_all(model, 2));
  // charge -> trial start is the fixed 30-day delay plus no courtroom wait.
  const auto* m = summary.find("charge_to_trial_start_days");
  REQUIRE(m != nullptr);
  REQUIRE(m->mean == Approx(30.0));
  REQUIRE(m->p90 == Approx(30.0));
  REQUIRE(summary.find("outcome_share.convicted") != nullptr);
}

TEST_CASE("common random numbers: a policy change leaves every case's report and type alone",
          "[model][crn]") {
  const auto base = models::load_scenario_text(pathway("5"));
  const auto more = models::load_scenario_text(pathway("9"));
  const models::CaseFlowModel a(base), b(more);
  models::RunOptions o;
  o.keep_cases = true;
  const auto ra = a.run(0, o), rb = b.run(0, o);
  REQUIRE(ra.cases.size() == rb.cases.size());
  std::size_t faster = 0;
  for (std::size_t i = 0; i < ra.cases.size(); ++i) {
    REQUIRE(ra.cases[i].serial == rb.cases[i].serial);
    REQUIRE(ra.cases[i].type == rb.cases[i].type);
    REQUIRE(ra.cases[i].milestone[0] == rb.cases[i].milestone[0]);
    const double ca = ra.cases[i].milestone[static_cast<std::size_t>(models::Milestone::kCompletion)];
    const double cb = rb.cases[i].milestone[static_cast<std::size_t>(models::Milestone::kCompletion)];
    if (cb < ca) ++faster;
  }
  // More investigators never make the queue longer, so some cases finish sooner.
  REQUIRE(faster > 0);
}

TEST_CASE("more investigators shorten the time to charge when they are the bottleneck",
          "[model]") {
  auto to_charge = [](const std::string& count) {
    const auto s = models::load_scenario_text(pathway(count));
    const models::CaseFlowModel model(s);
    return *models::summarise(model, run_all(model, 2)).find("report_to_charge_days");
  };
  // 1 case a day needing 3.9 unit-days on average: 4 units are busy, 9 ample.
  const auto scarce = to_charge("4"), ample = to_charge("9");
  REQUIRE(scarce.ci_low > ample.ci_high);
}

TEST_CASE("a capacity change takes effect on its date", "[model]") {
  const auto s = models::load_scenario_text(pathway(
      R"(0, "changes": [{"from": "2024-07-19", "count": 20}])"));
  const models::CaseFlowModel model(s);
  models::RunOptions o;
  o.keep_cases = true;
  const auto r = model.run(0, o);
  // With no investigators until day 200 nobody is charged before it.
  double first_charge = 1e9;
  for (const auto& c : r.cases) {
    const double t = c.milestone[static_cast<std::size_t>(models::Milestone::kCharge)];
    if (!std::isnan(t)) first_charge = std::min(first_charge, t);
  }
  REQUIRE(first_charge >= 200.0);
  REQUIRE(first_charge < 230.0);
}

TEST_CASE("withdrawal is a competing risk that ISVA support can remove", "[model]") {
  const auto without = models::load_scenario_text(pathway("50"));
  const auto with = models::load_scenario_text(
      pathway("50", R"(, "withdrawal": {"isva_share": 1, "isva_multiplier": 0})"));
  const models::CaseFlowModel a(without), b(with);
  const auto sa = models::summarise(a, run_all(a, 2));
  const auto sb = models::summarise(b, run_all(b, 2));
  // Hazard 10/year over a 3-day mean: P(withdraw) = h m / (1 + h m) for adults.
  REQUIRE(sa.find("outcome_share.victim_withdrawal")->mean > 0.05);
  REQUIRE(sb.find("outcome_share.victim_withdrawal")->mean == 0.0);
}

TEST_CASE("today's caseload is in place at the start and is counted apart", "[model]") {
  const auto s = models::load_scenario_text(pathway("5", R"(, "initial_state": {"cases": [
      {"id": "A", "type": "adult", "stage": "charged", "report_date": "2023-01-01",
       "stage_entry_date": "2023-12-22"},
      {"id": "B", "type": "child", "stage": "investigation", "report_date": "2023-06-01",
       "stage_entry_date": "2023-06-01"}]})"));
  const models::CaseFlowModel model(s);
  models::RunOptions o;
  o.keep_cases = true;
  const auto r = model.run(0, o);
  REQUIRE(r.initial_cases == 2);
  const models::CaseRecord* a = nullptr;
  for (const auto& c : r.cases)
    if (c.initial && c.serial == 0) a = &c;
  REQUIRE(a != nullptr);
  // Case A entered its fixed 30-day stage 10 days before the start: 20 days left.
  REQUIRE(a->milestone[static_cast<std::size_t>(models::Milestone::kTrialStart)] == Approx(20.0));
  REQUIRE(a->milestone[0] == Approx(-365.0));
  REQUIRE(std::isfinite(r.initial_cleared_day));
}

TEST_CASE("working-day deadlines skip weekends and bank holidays", "[model][deadline]") {
  // Trial start is always 30 calendar days after charge. Any 30 days hold four
  // whole weeks (20 working days) plus 0-2 more, less up to three bank
  // holidays (Christmas, Boxing Day, New Year): between 17 and 22 working days.
  auto met = [](const std::string& limit) {
    const auto s = models::load_scenario_text(pathway(
        "50",
        R"(, "deadlines": {"d": {"from": "charge", "to": "trial_start", "limit": )" + limit +
            R"(, "unit": "working_days"}})",
        "1"));
    const models::CaseFlowModel model(s);
    return models::summarise(model, run_all(model, 2)).find("deadline.d.met_share")->mean;
  };
  REQUIRE(met("16") == 0.0);
  REQUIRE(met("22") == 1.0);
  const double some = met("20");
  REQUIRE(some > 0.0);
  REQUIRE(some < 1.0);
}
