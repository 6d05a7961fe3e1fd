#include "app/commands.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>

#include "app/calibration_beside.h"
#include "app/job.h"
#include "app/progress_bar.h"
#include "app/scenario_run.h"
#include "models/analysis/markov_analysis.h"
#include "models/engine/case_flow_model.h"
#include "models/results/run_summary.h"
#include "models/scenario/pathway_graph.h"
#include "models/scenario/run_cost.h"
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_loader.h"
#include "output/csv_tables.h"
#include "output/html_report.h"
#include "output/markov_report.h"
#include "output/output_set.h"
#include "output/summary_json.h"
#include "output/summary_table.h"
#include "sim/replication_runner.h"

namespace app {

namespace fs = std::filesystem;

namespace {

fs::path out_dir(const Options& opt) {
  if (!opt.out.empty()) return opt.out;
  return fs::path("out") / fs::path(opt.file).stem();
}

}  // namespace

void check_cost(const models::Scenario& scenario, unsigned threads, const Limits& limits,
                std::size_t sharing, bool all_cases) {
  if (all_cases && job().size() > 1)
    throw models::ScenarioError({{scenario.source, "",
                                  fmt::format("--cases all keeps every replication's cases in "
                                              "one process, but this job has {}; expected it "
                                              "run as one process (without mpirun or srun)",
                                              job().size())}});
  models::check_run_cost(scenario, models::estimate_run_cost(scenario, threads, all_cases),
                         {limits.max_memory_gb * 1e9, limits.max_cases}, sharing);
}

std::vector<models::Diagnostic> strict_problems(const models::Scenario& s) {
  std::vector<models::Diagnostic> problems = s.warnings;
  for (auto& p : problems) p.message += " (a warning, an error with --strict)";
  return problems;
}

void tell_warnings(const models::Scenario& s, bool strict, bool quiet) {
  if (strict && !s.warnings.empty()) throw models::ScenarioError(strict_problems(s));
  if (quiet || !job().writes()) return;
  for (const auto& w : s.warnings) std::cerr << "casesim: warning: " << w.to_string() << "\n";
}

int validate(const Options& opt) {
  const models::Scenario s = models::load_scenario(opt.file);
  tell_warnings(s, opt.strict, false);
  // What `run` would refuse, validate refuses too.
  check_cost(s, std::max(1u, std::thread::hardware_concurrency()), opt.limits);
  std::size_t initial = s.initial_cases.size();
  fmt::print("{}: valid. \"{}\": {} stages, {} resources, {} case types, {} deadlines, {} open "
             "cases at start, {} replications of {:g} days from {}.\n",
             opt.file, s.meta.name, s.stages.size(), s.pools.size(), s.case_types.size(),
             s.deadlines.size(), initial, s.meta.replications, s.meta.horizon_days,
             sim::to_iso(s.meta.start_date));
  if (const std::size_t w = s.warnings.size(); w > 0)
    fmt::print("{} warning{} (on stderr): what can move nothing; --strict makes {} an error.\n", w,
               w == 1 ? "" : "s", w == 1 ? "it" : "each");
  return 0;
}

int graph(const Options& opt) {
  const models::Scenario s = models::load_scenario(opt.file);
  const fs::path dir = out_dir(opt);
  output::OutputSet files(dir);
  add_pathway_files(s, files, dir, "", false);
  for (const auto& p : files.commit()) fmt::print("wrote {}\n", p.string());
  return 0;
}

int analyse(const Options& opt) {
  const models::Scenario s = models::load_scenario(opt.file);
  const models::MarkovResult r = models::analyse(s);
  if (opt.json) {
    std::cout << output::markov_json(s, r);
    return 0;
  }
  std::cout << output::markov_table(s, r);
  return 0;
}

int run(const Options& opt) {
  models::Scenario s = models::load_scenario(opt.file, lever_settings(opt.levers));
  tell_warnings(s, opt.strict, opt.quiet);
  if (opt.replications) s.meta.replications = *opt.replications;
  if (opt.seed) s.meta.seed = *opt.seed;
  const unsigned threads = opt.threads.value_or(default_threads());
  check_cost(s, threads, opt.limits, 1, opt.all_cases);
  const fs::path dir = out_dir(opt);
  // Fail on an unwritable folder before spending minutes simulating.
  std::unique_ptr<output::OutputSet> files;
  if (job().writes()) {
    files = std::make_unique<output::OutputSet>(dir);
    files->set_csv_byte_order_mark(opt.csv_bom);
  }

  const models::CaseFlowModel model(s);
  job().phase("load");
  ProgressBar progress(static_cast<std::size_t>(s.meta.replications),
                       !opt.quiet && ::isatty(STDERR_FILENO));
  const ScenarioRun result = simulate(
      model, threads, [&](std::size_t done) { progress.update(done); }, opt.all_cases);
  progress.finish();
  if (!job().writes()) return 0;
  const models::RunSummary& summary = result.summary;

  const std::string svg = add_scenario_files(model, result, *files, dir, "", opt.quiet);
  files->add("report.html",
             output::html_report({{&s, &summary, svg, calibration_beside(s)}, {}, {}}));
  const auto written = files->commit();
  job().phase("write");
  if (!opt.quiet) {
    std::cout << output::summary_table(summary);
    fmt::print("\nwrote {} files to {}/\n", written.size(), dir.string());
  }
  return 0;
}

}  // namespace app
