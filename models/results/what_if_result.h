#pragma once

// What a workshop sees of one what-if against the scenario as written: the
// headline figures as paired differences (common random numbers: replication
// r of each met the same reports and luck) and the series its charts draw.
// Built from the replications finished so far, so it can be rebuilt as more
// finish and the intervals narrow.

#include <span>
#include <string>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/engine/replication_result.h"
#include "models/results/comparison.h"

namespace models {

// One bar pair of the workshop's funnel: counting-cohort cases a year.
struct FunnelBar {
  std::string label;  // "Reports", "Charged", ...
  double baseline = 0;  // a year, mean over replications
  double what_if = 0;
};

// One agency's weekly hours of victim contacts against the hours its staff
// have for them, after the warm-up, mean over replications; capacity 0 for
// an agency whose contacts take no one's time.
struct AgencyLoad {
  std::string agency;
  double baseline_hours = 0, baseline_capacity = 0;
  double what_if_hours = 0, what_if_capacity = 0;
};

struct WhatIfResult {
  std::size_t replications = 0;  // pairs behind every figure
  // name: stable key ("report_to_trial_start_days", "contacts_on_time.wcu");
  // description: the card's label in plain words.
  std::vector<MetricDifference> headlines;
  std::vector<double> week_day;  // days from the start, one per week
  std::vector<double> trials_baseline, trials_what_if;  // trials outstanding each week
  double warmup_days = 0;
  std::vector<FunnelBar> funnel;
  std::vector<AgencyLoad> load;
};

// REQUIRES: both spans hold replications 0..n-1 of the same seed, and
// `what_if` simulates the same dates as `baseline`.
WhatIfResult what_if_result(const CaseFlowModel& baseline, std::span<const ReplicationResult> base,
                            const CaseFlowModel& what_if, std::span<const ReplicationResult> what);

}  // namespace models
