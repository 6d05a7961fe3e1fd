#pragma once

// Paired comparison of a policy scenario against a baseline.
//
// Both were run with the same seed and replication indices, so replication r
// of each met the same arrivals and the same luck at every stage they share
// (common random numbers). The difference is taken replication by
// replication, policy minus baseline, and its 95% Student-t interval is built
// from those paired differences: the noise common to both runs cancels.

#include <string>
#include <vector>

#include "models/results/run_summary.h"

namespace models {

enum class Verdict {
  kBetter,              // the interval excludes 0 on the side the metric's `better` favours
  kWorse,               // the interval excludes 0 on the other side
  kNoClearDifference,   // the interval contains 0
  kChanged,             // the interval excludes 0, for a metric with no better direction
  kNotComparable,       // fewer than two paired replications had a value in both runs
};
const char* verdict_name(Verdict v);  // "better", "worse", "no clear difference", "changed", "not comparable"

struct MetricDifference {
  std::string name;  // as in RunSummary, e.g. "report_to_charge_days"
  MetricKind kind{};  // the catalogue's fields, as the baseline's Metric has them
  std::string subject;
  Unit unit{};
  Better better = Better::kNeither;
  MetricGroup group{};
  std::string description;
  double baseline_mean = 0;
  double policy_mean = 0;
  double difference = 0;  // mean over replications of (policy - baseline)
  double ci_low = 0;      // 95% interval of the paired difference
  double ci_high = 0;
  double relative = 0;    // difference / baseline_mean; NaN when the baseline mean is 0
  std::size_t pairs = 0;  // replications with a value in both runs
  Verdict verdict = Verdict::kNotComparable;
  // "" for the mean; "median" or "p90" for a delay's paired difference of
  // each replication's median or 90th percentile (name ends ".median", ".p90").
  std::string statistic;
  // Why the verdict is not what the interval alone says ("" when it is).
  std::string note;
};

struct ScenarioComparison {
  std::string baseline;  // scenario names
  std::string policy;
  std::vector<MetricDifference> metrics;  // every metric the two summaries share, baseline order
};

// Every shared metric's mean, and for delays also their medians and 90th
// percentiles (paired the same way). A delay that came out shorter while more
// of its cases were still open at the horizon is not called better: the
// shortening may be cases pushed past the end of the run, so its verdict is
// "not comparable" with a note saying why.
// REQUIRES: both summaries come from runs with the same seed and replication count.
ScenarioComparison compare(const RunSummary& baseline, const RunSummary& policy);

}  // namespace models
