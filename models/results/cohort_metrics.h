#pragma once

// The figures measured on the counting cohort (models/scenario/counting_cohort.h)
// and by year of the counted period: delays with their cases still open,
// medians and 90th percentiles by Kaplan-Meier where some are censored, the
// attrition funnel, charges and convictions a year, withdrawal before and
// after charge, date changes, and where charge-to-trial time goes.

#include <utility>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/engine/replication_result.h"
#include "models/results/run_summary.h"
#include "sim/sample.h"

namespace models {

// A delay's median and 90th percentile from the cases that finished and
// those still open at the horizon (censored): one Kaplan-Meier curve when any
// is censored, else the sample's own quantiles. NaN where the curve never
// falls that far. (Sorts both samples, which later reads reuse.)
// REQUIRES: neither sample condensed
std::pair<double, double> delay_median_p90(const sim::Sample& finished, const sim::Sample& censored);

// Fills each delay's median and 90th percentile (cohort and years), then
// frees the samples' values: what condense() does for these tallies.
void condense_cohort(ReplicationResult& r);

// The six delays on the cohort, each with its share still open.
// With offence dates, also offence to report and offence to completion.
void add_delay_metrics(const CaseFlowModel& model, const std::vector<ReplicationResult>& results,
                       std::vector<Metric>& out);

// Funnel, throughput, withdrawal before and after charge, date changes, the
// charge-to-trial breakdown, and delays by year.
void add_cohort_metrics(const CaseFlowModel& model, const std::vector<ReplicationResult>& results,
                        std::vector<Metric>& out);

}  // namespace models
