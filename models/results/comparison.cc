#include "models/results/comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

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

MetricDifference difference(const Metric& base, const std::vector<double>& base_values,
                            const std::vector<double>& policy_values) {
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
  const std::size_t n = std::min(base_values.size(), policy_values.size());
  for (std::size_t r = 0; r < n; ++r) {
    const double b = base_values[r], p = policy_values[r];
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
  auto own = [](const std::vector<double>& v) {
    sim::RunningStats s;
    for (double x : v)
      if (!std::isnan(x)) s.add(x);
    return s.count() ? s.mean() : kNaN;
  };
  d.baseline_mean = d.pairs > 0 ? base_paired.mean() : own(base_values);
  d.policy_mean = d.pairs > 0 ? policy_paired.mean() : own(policy_values);
  d.difference = d.pairs > 0 ? ci.mean : kNaN;
  d.verdict = verdict_for(ci, d.better);
  d.ci_low = d.verdict == Verdict::kNotComparable ? kNaN : ci.low;
  d.ci_high = d.verdict == Verdict::kNotComparable ? kNaN : ci.high;
  d.relative =
      d.baseline_mean != 0 && !std::isnan(d.difference) ? d.difference / d.baseline_mean : kNaN;
  return d;
}

// The share of a delay's cases still open at the horizon, by the delay's
// metric: "still_open_share.<subject>" for a delay, and
// "by_year_still_open.<subject>" for a delay by year.
const Metric* still_open(const RunSummary& r, const MetricDifference& d) {
  if (d.kind == MetricKind::kDelay) return r.find(metric_name(MetricKind::kDelayStillOpen, d.subject));
  if (d.kind == MetricKind::kDelayByYear)
    return r.find(metric_name(MetricKind::kDelayByYearStillOpen, d.subject));
  return nullptr;
}

void censoring_guard(const RunSummary& baseline, const RunSummary& policy, MetricDifference& d) {
  if (d.verdict != Verdict::kBetter) return;
  const Metric* b = still_open(baseline, d);
  const Metric* p = still_open(policy, d);
  if (!b || !p) return;
  const MetricDifference open = difference(*b, b->per_replication, p->per_replication);
  // More of the policy's cases unfinished, by more than the noise and by at
  // least a percentage point: the shorter delay may be those cases missing.
  if (open.verdict != Verdict::kWorse || !(open.difference >= 0.01)) return;
  d.verdict = Verdict::kNotComparable;
  d.note = fmt::format(
      "shorter, but {:.1f}% of the policy's cases were still open at the horizon against {:.1f}% "
      "of the baseline's: the difference may be cases pushed past the end of the run, not "
      "faster ones (lengthen meta.follow_up_days)",
      100 * open.policy_mean, 100 * open.baseline_mean);
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
  for (const auto& m : baseline.metrics) {
    const Metric* p = policy.find(m.name);
    if (!p) continue;
    out.metrics.push_back(difference(m, m.per_replication, p->per_replication));
    censoring_guard(baseline, policy, out.metrics.back());
    if (m.per_replication_median.empty() || p->per_replication_median.empty()) continue;
    for (const char* statistic : {"median", "p90"}) {
      const bool median = statistic[0] == 'm';
      MetricDifference d =
          difference(m, median ? m.per_replication_median : m.per_replication_p90,
                     median ? p->per_replication_median : p->per_replication_p90);
      d.name += std::string(".") + statistic;
      d.statistic = statistic;
      d.description = std::string(median ? "median" : "90th percentile") + " of " + d.description;
      censoring_guard(baseline, policy, d);
      out.metrics.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace models
