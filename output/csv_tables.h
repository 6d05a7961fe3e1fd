#pragma once

#include <string>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/engine/replication_result.h"
#include "models/results/run_summary.h"

namespace output {

// cases.csv: one row per case of one replication (see README "cases.csv").
std::string cases_csv(const models::CaseFlowModel& model,
                      const std::vector<models::CaseRecord>& cases);

// timeseries.csv: one row per week, one column per series, averaged over
// replications (see README "timeseries.csv").
std::string timeseries_csv(const models::CaseFlowModel& model, const models::WeekSeries& weeks);

// Quotes a CSV field when it needs it (RFC 4180).
std::string csv_field(const std::string& text);

}  // namespace output
