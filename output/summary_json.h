#pragma once

#include <string>

#include "models/results/run_summary.h"
#include "models/scenario/scenario.h"

namespace output {

// summary.json: the scenario's name and settings, then every metric with
// mean, 95% interval, median, p90 and n (see README "summary.json").
std::string summary_json(const models::Scenario& scenario, const models::RunSummary& summary);

}  // namespace output
