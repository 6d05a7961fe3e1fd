#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/engine/replication_result.h"
#include "models/results/metric_catalogue.h"

namespace models {

// One reported figure across replications.
//   mean, ci_low, ci_high: the mean over replications of each replication's
//     value, with its 95% Student-t interval (NaN when fewer than 2
//     replications had a value);
//   median, p90: for delays, the mean over replications of each
//     replication's median and 90th percentile of cases; for other metrics,
//     the median and 90th percentile of the replications' values;
//   n: observations behind it (cases for delays and shares, replications
//     otherwise).
struct Metric {
  std::string name;     // stable, e.g. "report_to_charge_days", "outcome_share.convicted"
  MetricKind kind{};    // its row of the catalogue (metric_catalogue.h)
  std::string subject;  // the pool, stage, outcome... of a kind that has one; else ""
  Unit unit{};          // these three as the catalogue declares them for `kind`
  Better better = Better::kNeither;
  MetricGroup group{};
  std::string description;
  double mean = 0, ci_low = 0, ci_high = 0, median = 0, p90 = 0;
  std::uint64_t n = 0;
  std::vector<double> per_replication;  // the values the interval is built from
  // Delays only (empty otherwise): each replication's median and 90th
  // percentile, NaN where it had no case, for intervals on those (seek).
  std::vector<double> per_replication_median, per_replication_p90;
};

// Weekly series averaged over replications, for timeseries.csv and charts.
struct WeekSeries {
  std::vector<double> day;
  // "open_cases.initial", "open_cases.new", "open.<stage>", "queue.<pool>",
  // "utilisation.<pool>"
  std::vector<std::string> names;
  std::vector<std::vector<double>> mean;  // [series][week]
  std::vector<std::vector<double>> low;   // 95% interval of the mean; NaN with one replication
  std::vector<std::vector<double>> high;
};

// A series that does not settle over the counted period (stability.h).
// Flagged when the trend's 95% interval leaves out zero (with one
// replication: no interval, so on size alone) and the change over the
// counted period is at least a tenth of the series' mean level and at least
// five cases: a drift too small to change a reading is not one.
struct Drift {
  std::string series;   // "open_cases", "waiting_for_trial", "queue.<pool>"...
  std::string label;    // "cases waiting for trial"
  double per_year = 0, ci_low = 0, ci_high = 0;  // cases a year
  double start = 0, end = 0;  // the fitted level at the start and the end of the counted period
  std::string message;  // the plain-words warning
};

// The counting cohort as run (models/scenario/counting_cohort.h), for the
// outputs to state.
struct CohortSpan {
  double first_report = 0, last_report = 0, follow_up = 0;
  bool shortened = false;  // the default follow-up was cut for a short run
};

struct RunSummary {
  std::string scenario;
  std::uint64_t seed = 0;
  std::size_t replications = 0;
  std::vector<Metric> metrics;
  WeekSeries weeks;
  // With a "communication" section: each agency's contact work by week, the
  // mean over replications ([agency][week], for communication.csv).
  std::vector<std::string> agencies;
  std::vector<std::vector<AgencyWeek>> communication_weeks;
  std::uint64_t events = 0;
  CohortSpan cohort;
  std::vector<Drift> drifts;
  // Plain-words cautions beside the figures (drifts, a short follow-up,
  // delays with many cases still open), for the terminal and summary.json.
  std::vector<std::string> cautions;
  std::uint64_t stopped_cases = 0;  // by the engine's zero-time guard, all replications

  const Metric* find(const std::string& name) const;
};

RunSummary summarise(const CaseFlowModel& model, const std::vector<ReplicationResult>& results);

// Of each sample of a replication (delays, lateness, listing lead times,
// silences), summarise() reads only the count, mean, median and 90th
// percentile: keeps those and frees the values, so that a run holds one
// replication's values per thread rather than every replication's until the
// last has run. The summary is the same to the bit. The per-case records are
// left alone.
void condense(ReplicationResult& r);

}  // namespace models
