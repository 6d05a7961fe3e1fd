#include "models/results/comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/confidence_interval.h"
#include "sim/running_stats.h"

namespace models {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Which side of 0 the interval lies on decides the verdict; an interval
// touching 0 is not evidence of a difference.
Verdict verdict_for(const sim::ConfidenceInterval& ci, Better better) {
  if (ci.n < 2 || std::isnan(ci.half_width)) return Verdict::kNotComparable;
  const bool up = ci.low > 0, down = ci.high < 0;
  if (!up && !down) return Verdict::kNoClearDifference;
  if (better == Better::kNeither) return Verdict::kChanged;
  return (up == (better == Better::kHigher)) ? Verdict::kBetter : Verdict::kWorse;
}

MetricDifference difference(const Metric& base, const Metric& policy) {
  MetricDifference d;
  d.name = base.name;
  d.kind = base.kind;
  d.subject = base.subject;
  d.unit = base.unit;
  d.better = base.better;
  d.group = base.group;
  d.description = base.description;

  // Replication r of each run met the same luck, so r pairs with r. A
  // replication where either run had no value (no case reached the
  // milestones) says nothing about the difference and is left out.
  std::vector<double> differences;
  sim::RunningStats base_paired, policy_paired;
  const std::size_t n = std::min(base.per_replication.size(), policy.per_replication.size());
  for (std::size_t r = 0; r < n; ++r) {
    const double b = base.per_replication[r], p = policy.per_replication[r];
    if (std::isnan(b) || std::isnan(p)) continue;
    differences.push_back(p - b);
    base_paired.add(b);
    policy_paired.add(p);
  }
  d.pairs = differences.size();

  const sim::ConfidenceInterval ci = sim::confidence_interval(differences);
  // The means are over the same replications as the difference, so that
  // policy_mean - baseline_mean == difference; with no pairs at all, each
  // run's own mean is still worth showing.
  d.baseline_mean = d.pairs > 0 ? base_paired.mean() : base.mean;
  d.policy_mean = d.pairs > 0 ? policy_paired.mean() : policy.mean;
  d.difference = d.pairs > 0 ? ci.mean : kNaN;
  d.verdict = verdict_for(ci, d.better);
  d.ci_low = d.verdict == Verdict::kNotComparable ? kNaN : ci.low;
  d.ci_high = d.verdict == Verdict::kNotComparable ? kNaN : ci.high;
  d.relative =
      d.baseline_mean != 0 && !std::isnan(d.difference) ? d.difference / d.baseline_mean : kNaN;
  return d;
}

}  // namespace

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kBetter:
      return "better";
    case Verdict::kWorse:
      return "worse";
    case Verdict::kNoClearDifference:
      return "no clear difference";
    case Verdict::kChanged:
      return "changed";
    case Verdict::kNotComparable:
      return "not comparable";
  }
  return "not comparable";
}

ScenarioComparison compare(const RunSummary& baseline, const RunSummary& policy) {
  ScenarioComparison out;
  out.baseline = baseline.scenario;
  out.policy = policy.scenario;
  for (const auto& m : baseline.metrics)
    if (const Metric* p = policy.find(m.name)) out.metrics.push_back(difference(m, *p));
  return out;
}

}  // namespace models
