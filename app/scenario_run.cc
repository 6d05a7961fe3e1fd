#include "app/scenario_run.h"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>

#include "app/commands.h"
#include "app/job.h"
#include "models/results/replication_codec.h"
#include "models/scenario/pathway_graph.h"
#include "output/pathway_diagram.h"
#include "output/communication_csv.h"
#include "output/csv_tables.h"
#include "output/summary_json.h"
#include "sim/replication_runner.h"

namespace app {

namespace fs = std::filesystem;

ScenarioRun simulate(const models::CaseFlowModel& model, unsigned threads,
                     const std::function<void(std::size_t)>& on_done, bool all_cases) {
  const auto reps = static_cast<std::size_t>(model.scenario().meta.replications);
  auto results = sim::run_replications<models::ReplicationResult>(
      job(), reps, threads,
      [&](std::size_t r) {
        models::RunOptions ro;
        ro.keep_cases = all_cases || r == 0;  // cases.csv shows the first replication
        models::ReplicationResult result = model.run(r, ro);
        // Condensed here, on the worker threads: the sorting behind medians
        // runs in parallel (at national scale it took longer than a
        // replication when done one replication after another at the end),
        // and the values are freed as each replication ends.
        models::condense(result);
        return result;
      },
      on_done, models::encode_replication, models::decode_replication);
  job().phase("simulate");
  ScenarioRun out;
  out.summary = models::summarise(model, results);
  job().phase("summarise");
  if (out.summary.stopped_cases > 0)
    std::cerr << "casesim: warning: " << model.scenario().meta.name << ": "
              << out.summary.stopped_cases
              << " case(s) stopped: they went round stages without the clock moving (the "
                 "zero-time guard; summary.json run.stopped_cases); they are left open where "
                 "they stopped\n";
  out.every_replication = all_cases;
  for (auto& r : results) {
    out.cases.push_back(std::move(r.cases));
    if (!all_cases) break;
  }
  return out;
}

std::string add_pathway_files(const models::Scenario& s, output::OutputSet& files,
                              const fs::path& dir, const std::string& folder, bool quiet) {
  const std::string dot = output::to_dot(s);
  files.add(folder + "pathway.dot", dot);
  std::string why;
  const fs::path svg_temp = dir / (".pathway.svg.tmp." + std::to_string(::getpid()));
  if (!output::write_svg(dot, svg_temp.string(), &why)) {
    if (!quiet)
      std::cerr << "casesim: no " << folder << "pathway.svg (" << why << "); " << folder
                << "pathway.dot was written\n";
    return {};
  }
  std::string svg;
  {
    std::ifstream in(svg_temp);
    svg.assign(std::istreambuf_iterator<char>(in), {});
  }
  fs::remove(svg_temp);
  files.add(folder + "pathway.svg", svg);
  return svg;
}

std::string add_scenario_files(const models::CaseFlowModel& model, const ScenarioRun& run,
                               output::OutputSet& files, const fs::path& dir,
                               const std::string& folder, bool quiet) {
  files.add(folder + "summary.json", output::summary_json(model.scenario(), run.summary));
  files.add(folder + "summary.csv", output::summary_csv(run.summary));
  files.add(folder + "replications.csv", output::replications_csv(run.summary));
  if (!run.every_replication) {
    static const std::vector<models::CaseRecord> none;
    files.add(folder + "cases.csv",
              output::cases_csv(model, run.cases.empty() ? none : run.cases.front()));
  } else {
    // A replication at a time: the text of every replication's cases at
    // once would be several times the size of their records.
    files.add(folder + "cases.csv", run.cases.size(), [&](std::size_t r) {
      return output::cases_csv(model, run.cases[r], {.replication = r + 1, .header = r == 0});
    });
  }
  files.add(folder + "timeseries.csv", output::timeseries_csv(model, run.summary.weeks));
  if (model.scenario().communication)
    files.add(folder + "communication.csv",
              output::communication_csv(model.calendar(), run.summary.agencies,
                                        run.summary.communication_weeks,
                                        model.scenario().communication->failures.any_missed()));
  return add_pathway_files(model.scenario(), files, dir, folder, quiet);
}

}  // namespace app
