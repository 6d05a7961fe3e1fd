#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/engine/replication_result.h"
#include "models/results/run_summary.h"

namespace output {

// Which part of cases.csv to make: every replication's cases (`casesim run
// --cases all`) are written one replication at a time, each row led by its
// replication (from 1), the header only before the first.
struct CasesPart {
  std::optional<std::size_t> replication;  // none: one replication, no such column
  bool header = true;
};

// cases.csv: one row per case of one replication (docs/outputs.md "cases.csv").
std::string cases_csv(const models::CaseFlowModel& model,
                      const std::vector<models::CaseRecord>& cases, const CasesPart& part = {});

// timeseries.csv: one row per week, one column per series, averaged over
// replications (see README "timeseries.csv").
std::string timeseries_csv(const models::CaseFlowModel& model, const models::WeekSeries& weeks);

// summary.csv: one row per metric, the fields of summary.json (name, unit,
// mean, interval, median, p90, n, better, group, description).
std::string summary_csv(const models::RunSummary& summary);

// replications.csv: one row per replication (numbered from 1) and metric,
// the value the summary's interval is built from.
std::string replications_csv(const models::RunSummary& summary);

// Quotes a CSV field when it needs it (RFC 4180).
std::string csv_field(const std::string& text);

}  // namespace output
