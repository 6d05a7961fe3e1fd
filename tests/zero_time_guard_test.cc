// The engine's zero-time guard: a case that goes round stages without the
// clock moving is stopped, counted and reported, instead of holding the run at
// one instant for ever. The loader refuses such pathways
// (pathway_graph_test.cc), so these tests make them by changing a loaded
// scenario in memory, as a scenario built in code could.
#include <catch2/catch.hpp>
#include <algorithm>
#include <string>

#include "models/engine/case_flow_model.h"
#include "models/results/run_summary.h"
#include "models/scenario/scenario_loader.h"
#include "output/summary_json.h"
#include "sim/replication_runner.h"

namespace {

// investigation (work, 5 investigators) -> decision -> charged (delay) ->
// convicted, or no further action.
const char* kPathway = R"({
  "meta": {"name": "t", "start_date": "2024-01-01", "horizon_days": 400, "warmup_days": 0, "follow_up_days": 0,
           "replications": 2, "seed": 11},
  "arrivals": {"reports_per_year": 120},
  "case_types": {"adult": {"share": 1}},
  "resources": {"investigators": {"count": 5}},
  "pathway": {"entry": "investigation", "stages": {
    "investigation": {"kind": "work", "pool": "investigators",
                      "duration": {"exponential": {"mean": 3}}, "withdrawal_per_year": 5,
                      "next": "decision"},
    "decision": {"kind": "decision", "branches": [{"to": "charged", "probability": 0.5},
                                                  {"to": "nfa", "probability": 0.5}]},
    "charged": {"kind": "delay", "milestone": "charge", "duration": 30, "next": "convicted"},
    "nfa": {"kind": "terminal", "outcome": "police_nfa"},
    "convicted": {"kind": "terminal", "outcome": "convicted"}}}})";

models::Branch to(std::size_t stage) {
  models::Branch b;
  b.to = stage;
  b.probability = 1;
  return b;
}

struct Looped {
  models::Scenario scenario;
  std::size_t decision = 0, charged = 0;
};

// through_events: decision -> charged (0 days) -> decision, so every round
// is a stage-end event at the same instant; otherwise the decision leads to
// itself, a round with no event at all.
Looped looped(bool through_events) {
  Looped l{models::load_scenario_text(kPathway)};
  models::Scenario& s = l.scenario;
  l.decision = *s.stage_index("decision");
  l.charged = *s.stage_index("charged");
  if (through_events) {
    s.stages[l.decision].branches = {to(l.charged)};
    s.stages[l.charged].duration = sim::Distribution::fixed(0);
    s.stages[l.charged].branches = {to(l.decision)};
  } else {
    s.stages[l.decision].branches = {to(l.decision)};
  }
  return l;
}

}  // namespace

TEST_CASE("a case going round stages at one instant is stopped and counted", "[model][guard]") {
  const bool through_events = GENERATE(true, false);
  CAPTURE(through_events);
  const Looped l = looped(through_events);
  const models::CaseFlowModel model(l.scenario);
  models::RunOptions o;
  o.keep_cases = true;
  const auto r = model.run(0, o);  // without the guard this never returns
  // Every case that got past investigation is stopped, left open at the stage
  // where it went round; none reaches a terminal stage through the loop.
  std::uint64_t looping = 0;
  for (const auto& c : r.cases) {
    if (c.outcome >= 0) continue;
    if (c.last_stage == l.decision || c.last_stage == l.charged) ++looping;
  }
  REQUIRE(r.stopped_cases > 0);
  REQUIRE(r.stopped_cases == looping);
  // A stopped case gives back its investigator: far more than 5 are stopped.
  REQUIRE(r.stopped_cases > 20);
  REQUIRE(r.open_at_end >= r.stopped_cases);  // every report is of the cohort (no follow-up)
  const auto convicted = std::find(model.outcomes().begin(), model.outcomes().end(), "convicted");
  REQUIRE(r.outcome_count[static_cast<std::size_t>(convicted - model.outcomes().begin())] == 0);
}

TEST_CASE("the run's summary counts the stopped cases of every replication", "[model][guard]") {
  const Looped l = looped(true);
  const models::CaseFlowModel model(l.scenario);
  const auto results = sim::run_replications<models::ReplicationResult>(
      2, 2, [&](std::size_t r) { return model.run(r); });
  const auto summary = models::summarise(model, results);
  REQUIRE(summary.stopped_cases == results[0].stopped_cases + results[1].stopped_cases);
  REQUIRE(summary.stopped_cases > 0);
  const std::string json = output::summary_json(l.scenario, summary);
  REQUIRE(json.find("\"stopped_cases\": " + std::to_string(summary.stopped_cases)) !=
          std::string::npos);
}

TEST_CASE("a pathway with no zero-time loop stops nothing and its summary says nothing",
          "[model][guard]") {
  const auto s = models::load_scenario_text(kPathway);
  const models::CaseFlowModel model(s);
  const auto results = sim::run_replications<models::ReplicationResult>(
      2, 1, [&](std::size_t r) { return model.run(r); });
  const auto summary = models::summarise(model, results);
  REQUIRE(summary.stopped_cases == 0);
  REQUIRE(output::summary_json(s, summary).find("stopped_cases") == std::string::npos);
}
