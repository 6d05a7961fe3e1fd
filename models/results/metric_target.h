#pragma once

// A target on one figure of a run, as `casesim seek` takes it:
// "charge_to_trial_start_days <= 365", "charge_to_trial_start_days.p90 <= 365",
// "outcome_share.convicted >= 0.3". The figure is a metric's mean (the
// default, or ".mean"), or for a delay its median (".median") or 90th
// percentile (".p90"), each estimated across replications with an interval.

#include <optional>
#include <string>
#include <string_view>

#include "models/results/run_summary.h"

namespace models {

enum class Statistic : unsigned char { kMean, kMedian, kP90 };

// A figure of a run: a metric and which of its statistics.
struct Figure {
  std::string metric;  // e.g. "charge_to_trial_start_days"
  Statistic statistic = Statistic::kMean;

  std::string to_string() const;  // as typed: "charge_to_trial_start_days.p90"
};

// The figure's estimate across replications with its two-sided interval at
// `level`: for the mean, the mean of the replications' means; for the median
// and p90, the mean of each replication's median or 90th percentile. nullopt
// when the run has no such metric, or the statistic is not kept for it
// (medians and 90th percentiles are kept for delays). The interval is NaN
// with fewer than two replications.
struct Estimate {
  double value = 0, low = 0, high = 0;
};
std::optional<Estimate> estimate(const RunSummary& summary, const Figure& figure, double level);

struct MetricTarget {
  Figure figure;
  bool at_most = true;  // "<=": the figure must be at most `value`; ">=": at least
  double value = 0;

  std::string to_string() const;  // "charge_to_trial_start_days.p90 <= 365"
  // Met with confidence: the whole interval is on the right side of the
  // value (its upper end at most the value for "<=", its lower end at least
  // the value for ">=").
  bool met_by(const Estimate& e) const { return at_most ? e.high <= value : e.low >= value; }
};

// Reads "FIGURE <= VALUE" or "FIGURE >= VALUE" (spaces optional; "<" and
// ">" read the same). Throws ScenarioError naming --target otherwise.
MetricTarget parse_metric_target(std::string_view text);

// Why `summary` cannot give `figure` (no such metric, with the nearest
// name; or a median asked of a figure that has none), or "" when it can.
std::string figure_problem(const RunSummary& summary, const Figure& figure);

}  // namespace models
