#pragma once

// Simulating one scenario and turning it into its result files: shared by
// `run`, which does it once, and `compare`, which does it for every scenario
// into one output folder.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/engine/replication_result.h"
#include "models/results/run_summary.h"
#include "output/output_set.h"

namespace app {

struct ScenarioRun {
  models::RunSummary summary;
  // For cases.csv: the first replication's cases, or with `every_replication`
  // each replication's, in order.
  std::vector<std::vector<models::CaseRecord>> cases;
  bool every_replication = false;
};

// Runs replications 0..meta.replications-1 of `model` on `threads` threads.
// `on_done(finished)` is called from the worker threads as replications end.
// Only the summary and the first replication's cases are kept (every
// replication's with `all_cases`, `--cases all`), so memory does not grow
// with the replications of every scenario of a comparison unless asked.
ScenarioRun simulate(const models::CaseFlowModel& model, unsigned threads,
                     const std::function<void(std::size_t)>& on_done, bool all_cases = false);

// Adds summary.json, summary.csv, replications.csv, cases.csv,
// timeseries.csv and the pathway drawing to `files`, each name prefixed by
// `folder` ("" or "baseline/"). Returns the SVG drawing ("" without
// Graphviz), for the HTML report.
std::string add_scenario_files(const models::CaseFlowModel& model, const ScenarioRun& run,
                               output::OutputSet& files, const std::filesystem::path& dir,
                               const std::string& folder, bool quiet);

// Adds pathway.dot, and pathway.svg where Graphviz is installed (saying so on
// stderr otherwise, unless quiet), under `folder`; `dir` is the set's folder,
// where Graphviz draws before the set takes the drawing. Returns the SVG.
std::string add_pathway_files(const models::Scenario& s, output::OutputSet& files,
                              const std::filesystem::path& dir, const std::string& folder,
                              bool quiet);

}  // namespace app
