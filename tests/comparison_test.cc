// Paired comparison of a policy against a baseline: verdicts, the arithmetic
// of the paired interval, and why pairing by replication pays (common random
// numbers).
#include "models/results/comparison.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "models/engine/case_flow_model.h"
#include "models/results/run_summary.h"
#include "models/scenario/scenario_loader.h"
#include "output/comparison_table.h"
#include "sim/replication_runner.h"

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

models::Metric metric(std::string name, models::Better better, std::vector<double> values) {
  models::Metric m;
  m.name = std::move(name);
  m.unit = models::Unit::kDays;
  m.description = "test metric";
  m.better = better;
  m.per_replication = std::move(values);
  return m;
}

models::RunSummary summary(std::string name, std::vector<models::Metric> metrics) {
  models::RunSummary s;
  s.scenario = std::move(name);
  s.replications = metrics.empty() ? 0 : metrics.front().per_replication.size();
  s.metrics = std::move(metrics);
  return s;
}

const models::MetricDifference& find(const models::ScenarioComparison& c, const std::string& name) {
  for (const auto& m : c.metrics)
    if (m.name == name) return m;
  FAIL("no metric " << name);
  return c.metrics.front();
}

}  // namespace

TEST_CASE("the paired difference and its interval match a hand computation", "[compare]") {
  using models::Better;
  const auto base = summary("base", {metric("delay", Better::kLower, {100, 110, 120, 130})});
  const auto policy = summary("policy", {metric("delay", Better::kLower, {90, 101, 108, 121})});
  const auto c = models::compare(base, policy);
  REQUIRE(c.baseline == "base");
  REQUIRE(c.policy == "policy");
  const auto& d = find(c, "delay");
  // Differences -10, -9, -12, -9: mean -10, sample variance 6/3 = 2, and
  // t_{0.975, 3} = 3.182446305, so the half-width is 3.182446305 sqrt(2/4).
  const double half = 3.182446305 * std::sqrt(2.0 / 4.0);
  REQUIRE(d.pairs == 4);
  REQUIRE(d.baseline_mean == Approx(115.0));
  REQUIRE(d.policy_mean == Approx(105.0));
  REQUIRE(d.difference == Approx(-10.0));
  REQUIRE(d.ci_low == Approx(-10.0 - half).epsilon(1e-8));
  REQUIRE(d.ci_high == Approx(-10.0 + half).epsilon(1e-8));
  REQUIRE(d.relative == Approx(-10.0 / 115.0));
  REQUIRE(d.unit == models::Unit::kDays);
  REQUIRE(d.better == Better::kLower);
  REQUIRE(d.verdict == models::Verdict::kBetter);
}

TEST_CASE("the verdict follows the interval and the metric's better direction", "[compare]") {
  using models::Better;
  using models::Verdict;
  const std::vector<double> base_values{0.50, 0.52, 0.48, 0.51};
  const std::vector<double> up{0.60, 0.63, 0.57, 0.62};     // clearly higher
  const std::vector<double> mixed{0.52, 0.50, 0.49, 0.51};  // differences +2, -2, +1, 0 points
  const auto base = summary("base", {metric("lower_up", Better::kLower, base_values),
                                     metric("higher_up", Better::kHigher, base_values),
                                     metric("neither_up", Better::kNeither, base_values),
                                     metric("lower_mixed", Better::kLower, base_values),
                                     metric("neither_mixed", Better::kNeither, base_values)});
  const auto policy = summary(
      "policy",
      {metric("lower_up", Better::kLower, up), metric("higher_up", Better::kHigher, up),
       metric("neither_up", Better::kNeither, up), metric("lower_mixed", Better::kLower, mixed),
       metric("neither_mixed", Better::kNeither, mixed)});
  const auto c = models::compare(base, policy);
  REQUIRE(find(c, "lower_up").verdict == Verdict::kWorse);
  REQUIRE(find(c, "higher_up").verdict == Verdict::kBetter);
  REQUIRE(find(c, "neither_up").verdict == Verdict::kChanged);
  REQUIRE(find(c, "lower_mixed").verdict == Verdict::kNoClearDifference);
  REQUIRE(find(c, "neither_mixed").verdict == Verdict::kNoClearDifference);
  // And the reverse movement of a lower-is-better metric is an improvement.
  const auto reverse = models::compare(policy, base);
  REQUIRE(find(reverse, "lower_up").verdict == Verdict::kBetter);
  REQUIRE(find(reverse, "higher_up").verdict == Verdict::kWorse);
}

TEST_CASE("verdict names are the words the outputs use", "[compare]") {
  using models::Verdict;
  REQUIRE(std::string(models::verdict_name(Verdict::kBetter)) == "better");
  REQUIRE(std::string(models::verdict_name(Verdict::kWorse)) == "worse");
  REQUIRE(std::string(models::verdict_name(Verdict::kNoClearDifference)) == "no clear difference");
  REQUIRE(std::string(models::verdict_name(Verdict::kChanged)) == "changed");
  REQUIRE(std::string(models::verdict_name(Verdict::kNotComparable)) == "not comparable");
}

TEST_CASE("replications without a value in both runs are left out of the pairs", "[compare]") {
  using models::Better;
  const auto base =
      summary("base", {metric("delay", Better::kLower, {10, 12, 14, kNaN, 11}),
                       metric("rare", Better::kLower, {kNaN, 5, kNaN, kNaN, 7}),
                       metric("never", Better::kLower, {kNaN, kNaN, kNaN, kNaN, kNaN})});
  const auto policy =
      summary("policy", {metric("delay", Better::kLower, {8, 11, 11, 9, kNaN}),
                         metric("rare", Better::kLower, {3, 4, kNaN, 2, kNaN}),
                         metric("never", Better::kLower, {kNaN, kNaN, kNaN, kNaN, kNaN})});
  const auto c = models::compare(base, policy);

  // delay: replications 0-2 pair up; differences -2, -1, -3, standard
  // deviation 1, t_{0.975, 2} = 4.302652730.
  const auto& d = find(c, "delay");
  REQUIRE(d.pairs == 3);
  REQUIRE(d.baseline_mean == Approx(12.0));
  REQUIRE(d.policy_mean == Approx(10.0));
  REQUIRE(d.difference == Approx(-2.0));
  const double half = 4.302652730 / std::sqrt(3.0);
  REQUIRE(d.ci_low == Approx(-2.0 - half).epsilon(1e-8));
  REQUIRE(d.ci_high == Approx(-2.0 + half).epsilon(1e-8));
  REQUIRE(d.verdict == models::Verdict::kNoClearDifference);

  // rare: only replication 1 has both; one pair is no interval.
  const auto& r = find(c, "rare");
  REQUIRE(r.pairs == 1);
  REQUIRE(r.difference == Approx(-1.0));
  REQUIRE(std::isnan(r.ci_low));
  REQUIRE(std::isnan(r.ci_high));
  REQUIRE(r.verdict == models::Verdict::kNotComparable);

  const auto& n = find(c, "never");
  REQUIRE(n.pairs == 0);
  REQUIRE(std::isnan(n.difference));
  REQUIRE(std::isnan(n.relative));
  REQUIRE(n.verdict == models::Verdict::kNotComparable);
}

TEST_CASE("only metrics both runs have are compared, in the baseline's order", "[compare]") {
  using models::Better;
  const auto base = summary(
      "base", {metric("b", Better::kLower, {1, 2}), metric("only_base", Better::kLower, {1, 2}),
               metric("a", Better::kLower, {0, 0})});
  const auto policy = summary(
      "policy", {metric("a", Better::kLower, {1, 1}), metric("only_policy", Better::kLower, {1, 2}),
                 metric("b", Better::kLower, {1, 2})});
  const auto c = models::compare(base, policy);
  REQUIRE(c.metrics.size() == 2);
  REQUIRE(c.metrics[0].name == "b");
  REQUIRE(c.metrics[1].name == "a");
  // b is unchanged in every replication: a zero-width interval at 0.
  REQUIRE(c.metrics[0].difference == 0.0);
  REQUIRE(c.metrics[0].ci_low == 0.0);
  REQUIRE(c.metrics[0].verdict == models::Verdict::kNoClearDifference);
  // a rises by exactly 1 everywhere from a baseline of 0: certain, but no
  // relative change can be given.
  REQUIRE(c.metrics[1].difference == 1.0);
  REQUIRE(c.metrics[1].ci_low == 1.0);
  REQUIRE(c.metrics[1].verdict == models::Verdict::kWorse);
  REQUIRE(std::isnan(c.metrics[1].relative));
}

namespace {

// Investigation by a pool of five officers, a report a day needing 3.5
// officer-days on average (utilisation 0.7), then charge and an outcome. The
// policy (a forensics fast track, say) makes investigation 10% shorter.
std::string fast_track(double investigation_scale) {
  return R"({
    "meta": {"name": "fast track", "start_date": "2024-01-01",
             "horizon_days": 730, "warmup_days": 180, "replications": 20, "seed": 11},
    "arrivals": {"reports_per_year": 365},
    "case_types": {"adult": {"share": 1}},
    "resources": {"officers": {"count": 5}},
    "pathway": {"entry": "investigation", "stages": {
      "investigation": {"kind": "work", "pool": "officers",
                        "duration": {"gamma": {"shape": 2, "scale": )" +
         std::to_string(1.75 * investigation_scale) + R"(}}, "next": "charged"},
      "charged": {"kind": "delay", "milestone": "charge", "duration": 1, "next": "done"},
      "done": {"kind": "terminal", "outcome": "charged"}}}
  })";
}

models::RunSummary simulate(const models::CaseFlowModel& model, std::uint64_t first_replication) {
  const auto reps = static_cast<std::size_t>(model.scenario().meta.replications);
  return models::summarise(
      model, sim::run_replications<models::ReplicationResult>(reps, 2, [&](std::size_t r) {
        models::RunOptions o;
        o.keep_weeks = false;
        return model.run(first_replication + r, o);
      }));
}

}  // namespace

TEST_CASE(
    "common random numbers give a narrower interval for the difference than independent "
    "runs",
    "[compare][crn]") {
  const auto base_scenario = models::load_scenario_text(fast_track(1.0));
  const auto policy_scenario = models::load_scenario_text(fast_track(0.9));
  const models::CaseFlowModel base_model(base_scenario), policy_model(policy_scenario);
  const auto base = simulate(base_model, 0);
  // Common random numbers: replication r of the policy meets the arrivals
  // and durations of replication r of the baseline.
  const auto crn = models::compare(base, simulate(policy_model, 0));
  // Independent: the policy's replications are other ones (1000 onwards),
  // so the pairs share no luck; the same estimator on the same number of
  // pairs is then an ordinary two-sample interval.
  const auto independent = models::compare(base, simulate(policy_model, 1000));

  const auto& c = find(crn, "report_to_charge_days");
  const auto& i = find(independent, "report_to_charge_days");
  const double crn_half_width = (c.ci_high - c.ci_low) / 2;
  const double independent_half_width = (i.ci_high - i.ci_low) / 2;
  CAPTURE(c.difference, crn_half_width, i.difference, independent_half_width);
  REQUIRE(c.pairs == 20);
  REQUIRE(i.pairs == 20);
  // Both designs see the shorter time to charge (about 0.6 of 4.1 days)...
  REQUIRE(c.verdict == models::Verdict::kBetter);
  REQUIRE(i.verdict == models::Verdict::kBetter);
  // ...but pairing cancels the luck both runs share (the same busy weeks,
  // the same long investigations): with seed 11 the half-widths measured
  // 0.071 and 0.207 days, a factor of 2.9 (2.2 to 3.3 over seeds 11-15), so
  // independent runs would need about 8 times the replications for the same
  // precision. The gain is smaller when the policy removes most of the queue
  // (a fifth officer for four: a factor of 1.3), since the baseline's own
  // noise, which pairing cannot cancel, then dominates the difference.
  REQUIRE(crn_half_width < independent_half_width);
  REQUIRE(crn_half_width * 2 < independent_half_width);
}

namespace {

// A difference of the catalogue's metric of kind `kind` and `subject`.
models::MetricDifference headline(models::MetricKind kind, std::string subject, double base,
                                  double policy, double low, double high,
                                  models::Verdict verdict) {
  const models::MetricSpec& spec = models::metric_spec(kind);
  models::MetricDifference d;
  d.name = models::metric_name(kind, subject);
  d.kind = kind;
  d.subject = std::move(subject);
  d.unit = spec.unit;
  d.better = spec.better;
  d.group = spec.group;
  d.baseline_mean = base;
  d.policy_mean = policy;
  d.difference = policy - base;
  d.ci_low = low;
  d.ci_high = high;
  d.pairs = 10;
  d.verdict = verdict;
  return d;
}

}  // namespace

TEST_CASE("the terminal table says each headline difference in words", "[compare]") {
  using models::Verdict;
  using K = models::MetricKind;
  models::Scenario base, policy;
  base.meta.name = "base";
  policy.meta.name = "policy";
  output::ComparisonRun run;
  run.baseline.scenario = &base;
  run.policies.push_back({&policy, "policy", {}});
  run.replications = 10;
  run.seed = 1;
  models::ScenarioComparison c;
  c.metrics = {
      headline(K::kDelay, "report_to_trial_start", 600.1, 540.3, -71.6, -48.0, Verdict::kBetter),
      headline(K::kDelay, "report_to_charge", 200, 202, -1.0, 5.0, Verdict::kNoClearDifference),
      headline(K::kDelay, "charge_to_first_hearing", 14.4741, 14.4784, 0.0017, 0.0069,
               Verdict::kWorse),
      headline(K::kWithdrawalOutcomeShare, "victim_withdrawal", 0.531, 0.502, -0.031, -0.028,
               Verdict::kBetter),
      headline(K::kOutcomeShare, "convicted", 0.2, 0.25, 0.04, 0.06, Verdict::kChanged),
      headline(K::kPoolUtilisation, "investigators", 0.6, 0.5, -0.11, -0.09, Verdict::kChanged),
  };
  run.comparisons.push_back(c);
  const std::string table = output::comparison_table(run);
  CAPTURE(table);
  // Names are padded to the longest headline name with its colon (32), then a space.
  const std::string pad(32 - 27 + 1, ' ');
  REQUIRE_THAT(table, Catch::Contains("  report_to_trial_start_days:" + pad +
                                      "600.1 -> 540.3 days, 59.8 shorter (95% CI 48.0 to 71.6) "
                                      "— better\n"));
  REQUIRE_THAT(table, Catch::Contains("200.0 -> 202.0 days, 2.0 longer (95% CI 1.0 shorter to "
                                      "5.0 longer) — no clear difference\n"));
  // A real but tiny difference is not shown as 0.0.
  REQUIRE_THAT(table, Catch::Contains("14.5 -> 14.5 days, 0.0043 longer (95% CI 0.0017 to "
                                      "0.0069) — worse\n"));
  REQUIRE_THAT(table, Catch::Contains("outcome_share.victim_withdrawal: 53.1% -> 50.2%, 2.9 "
                                      "points lower (95% CI 2.8 to 3.1) — better\n"));
  // Utilisation and outcomes with no better direction are not headline
  // figures; they are in the files.
  REQUIRE_THAT(table, !Catch::Contains("utilisation"));
  REQUIRE_THAT(table, !Catch::Contains("convicted"));
}
