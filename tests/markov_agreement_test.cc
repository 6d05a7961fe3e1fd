// `casesim analyse` and `casesim run` must agree where both are exact: with
// capacity so ample that nobody queues and a constant withdrawal hazard, the
// simulated pathway is the absorbing semi-Markov chain the analysis solves.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/engine/case_flow_model.h"
#include "models/analysis/markov_analysis.h"
#include "models/scenario/scenario_loader.h"
#include "sim/confidence_interval.h"
#include "sim/replication_runner.h"

namespace {

constexpr const char* kAmple = R"({
  "meta": {"name": "ample", "start_date": "2024-01-01", "horizon_days": 3000,
           "warmup_days": 100, "replications": 30, "seed": 11},
  "arrivals": {"reports_per_year": 1500},
  "case_types": {"adult": {"share": 0.6},
                 "child": {"share": 0.4, "duration_scale": 1.5, "withdrawal_scale": 0.5}},
  "resources": {"investigators": {"count": 100000}, "lawyers": {"count": 100000}},
  "pathway": {"entry": "investigation", "stages": {
    "investigation": {"kind": "work", "pool": "investigators",
                      "duration": {"lognormal": {"median": 40, "p90": 120}},
                      "withdrawal_per_year": 2, "next": "police_decision"},
    "police_decision": {"kind": "decision", "branches": [
        {"to": "review", "probability": 0.4, "by_type": {"child": 0.6}},
        {"to": "police_nfa", "probability": 0.6, "by_type": {"child": 0.4}}]},
    "review": {"kind": "work", "pool": "lawyers", "milestone": "referral",
               "duration": {"exponential": {"mean": 20}}, "withdrawal_per_year": 1,
               "branches": [{"to": "charged", "probability": 0.5},
                            {"to": "action_plan", "probability": 0.3},
                            {"to": "cps_nfa", "probability": 0.2}]},
    "action_plan": {"kind": "delay", "duration": {"gamma": {"shape": 2, "scale": 10}},
                    "withdrawal_per_year": 1.5, "next": "review"},
    "charged": {"kind": "delay", "milestone": "charge", "duration": {"weibull": {"shape": 1.5, "scale": 50}},
                "withdrawal_per_year": 0.5, "next": "trial"},
    "trial": {"kind": "court", "milestone": "trial_start", "duration": 5,
              "branches": [{"to": "convicted", "probability": 0.6},
                           {"to": "acquitted", "probability": 0.4}]},
    "police_nfa": {"kind": "terminal", "outcome": "police_nfa"},
    "cps_nfa": {"kind": "terminal", "outcome": "cps_nfa"},
    "convicted": {"kind": "terminal", "outcome": "convicted"},
    "acquitted": {"kind": "terminal", "outcome": "acquitted"}}},
  "withdrawal": {"isva_share": 0.5, "isva_multiplier": 0.5}
})";

// Cases reported this long before the horizon have all closed: the longest
// paths here take a few hundred days, so nothing is cut short by the horizon
// and the sample is not biased towards quick outcomes.
constexpr double kCutoffDays = 1200;

}  // namespace

TEST_CASE("the simulation agrees with the absorbing Markov chain when capacity is ample",
          "[markov][model][slow]") {
  const auto s = models::load_scenario_text(kAmple);
  const models::MarkovResult exact = models::analyse(s);
  REQUIRE(exact.warning.empty());

  const models::CaseFlowModel model(s);
  const auto results = sim::run_replications<models::ReplicationResult>(
      static_cast<std::size_t>(s.meta.replications), 2, [&](std::size_t r) {
        models::RunOptions o;
        o.keep_cases = true;
        o.keep_weeks = false;
        return model.run(r, o);
      });

  const auto& outcomes = model.outcomes();
  REQUIRE(outcomes == exact.outcomes);
  const std::size_t kCompletion = static_cast<std::size_t>(models::Milestone::kCompletion);
  const std::size_t kCharge = static_cast<std::size_t>(models::Milestone::kCharge);

  std::vector<std::vector<double>> share(outcomes.size());
  std::vector<double> completion, charged, to_charge;
  std::size_t stragglers = 0, window = 0;
  for (const auto& r : results) {
    std::vector<double> count(outcomes.size(), 0);
    double n = 0, total_days = 0, n_charged = 0, charge_days = 0;
    for (const auto& c : r.cases) {
      const double report = c.milestone[0];
      if (c.initial || report < s.meta.warmup_days || report > s.meta.horizon_days - kCutoffDays)
        continue;
      if (c.outcome < 0) {  // a rare straggler from the lognormal tail
        ++stragglers;
        continue;
      }
      ++n;
      ++count[static_cast<std::size_t>(c.outcome)];
      total_days += c.milestone[kCompletion] - report;
      if (!std::isnan(c.milestone[kCharge])) {
        ++n_charged;
        charge_days += c.milestone[kCharge] - report;
      }
    }
    window += static_cast<std::size_t>(n);
    for (std::size_t o = 0; o < outcomes.size(); ++o) share[o].push_back(count[o] / n);
    completion.push_back(total_days / n);
    charged.push_back(n_charged / n);
    to_charge.push_back(charge_days / n_charged);
  }

  // Leaving out still-open cases must be too rare to bias anything.
  REQUIRE(static_cast<double>(stragglers) < 1e-4 * static_cast<double>(window));

  // Intervals come from the run's own replications. There are outcomes + 3
  // comparisons, so each uses a Bonferroni-corrected level that keeps the
  // chance of any false alarm at 1%.
  const double level = 1 - 0.01 / static_cast<double>(outcomes.size() + 3);
  for (std::size_t o = 0; o < outcomes.size(); ++o) {
    const auto ci = sim::confidence_interval(share[o], level);
    INFO(outcomes[o] << ": simulated " << ci.low << " to " << ci.high << ", exact "
                     << exact.outcome_probability[o]);
    CHECK(ci.contains(exact.outcome_probability[o]));
  }
  const auto ci_completion = sim::confidence_interval(completion, level);
  INFO("completion: " << ci_completion.low << " to " << ci_completion.high << ", exact "
                      << exact.mean_days_to_completion);
  CHECK(ci_completion.contains(exact.mean_days_to_completion));

  const auto ci_charged = sim::confidence_interval(charged, level);
  CHECK(ci_charged.contains(*exact.milestone_probability[kCharge]));
  const auto ci_to_charge = sim::confidence_interval(to_charge, level);
  INFO("to charge: " << ci_to_charge.low << " to " << ci_to_charge.high << ", exact "
                     << *exact.milestone_mean_days[kCharge]);
  CHECK(ci_to_charge.contains(*exact.milestone_mean_days[kCharge]));
}
