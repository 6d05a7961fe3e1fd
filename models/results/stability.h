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

// Adds a kTrend metric per series (cases a year, the replications' mean
// slope with its interval) and returns the drifts among them.
std::vector<Drift> add_trend_metrics(const CaseFlowModel& model,
                                     const std::vector<ReplicationResult>& results,
                                     std::vector<Metric>& out);

}  // namespace models
