#pragma once

// report.html: one self-contained page a planner opens, prints or puts on a
// screen. Charts are Vega-Lite specifications written from the results and
// drawn by the Vega libraries inlined into the page, so it works offline.

#include <string>
#include <vector>

#include "models/results/comparison.h"
#include "models/results/run_summary.h"
#include "models/scenario/scenario.h"
#include "output/calibration_sensitivity.h"

namespace output {

struct ReportScenario {
  const models::Scenario* scenario = nullptr;
  const models::RunSummary* summary = nullptr;
  std::string pathway_svg;  // may be empty (Graphviz missing)
  SensitivityShown sensitivity = {};  // from CALIBRATION.md beside the scenario, if any
};

struct ReportInput {
  ReportScenario baseline;               // `run`: the scenario; `compare`: the baseline
  std::vector<ReportScenario> policies;  // `compare` only
  std::vector<models::ScenarioComparison> comparisons;  // one per policy, same order
};

std::string html_report(const ReportInput& input);

}  // namespace output
