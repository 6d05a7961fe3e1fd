#pragma once

// Whether the counted period is stationary: for the outstanding caseload,
// the trials waiting (all, and those waiting over 52 weeks since charge) and
// each pool's queue, the trend over the counted years, from each
// replication's weekly snapshots. A queue that keeps growing makes every
// delay depend on the length of the run; a drift says so in plain words.

#include <string>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/engine/replication_result.h"
#include "models/results/run_summary.h"

namespace models {

// One replication's straight-line fit of one series over the counted weeks:
// slope (cases a year; NaN with fewer than three weeks), and the mean time
// (years) and level it passes through.
struct TrendFit {
  double slope = 0, mean_t = 0, mean_y = 0;
};

// The fits of every series, in a fixed order, for one replication. Small
// enough to carry from a worker (or an MPI rank) instead of the weeks.
std::vector<TrendFit> replication_trends(const CaseFlowModel& model, const ReplicationResult& r);

// The series' plain labels ("cases waiting for trial"), in the fits' order.
std::vector<std::string> trend_labels(const Scenario& s);

// Adds a kTrend metric per series (cases a year, the replications' mean
// slope with its interval) and returns the drifts among them.
// per_replication[r] is replication_trends() of replication r.
std::vector<Drift> add_trend_metrics(const CaseFlowModel& model,
                                     const std::vector<std::vector<TrendFit>>& per_replication,
                                     std::vector<Metric>& out);
std::vector<Drift> add_trend_metrics(const CaseFlowModel& model,
                                     const std::vector<ReplicationResult>& results,
                                     std::vector<Metric>& out);

}  // namespace models
