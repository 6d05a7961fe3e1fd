#include "app/commands.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <memory>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/progress_bar.h"
#include "models/case_flow_model.h"
#include "models/markov_analysis.h"
#include "models/pathway_graph.h"
#include "models/run_summary.h"
#include "models/scenario_loader.h"
#include "output/csv_tables.h"
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

// Writes the pathway drawing into `files`; the SVG only where Graphviz is
// installed, and it says so otherwise.
void add_pathway_files(const models::Scenario& s, output::OutputSet& files, const fs::path& dir,
                       bool quiet) {
  const std::string dot = models::to_dot(s);
  files.add("pathway.dot", dot);
  std::string why;
  const fs::path svg_temp = dir / (".pathway.svg.tmp." + std::to_string(::getpid()));
  if (models::write_svg(dot, svg_temp.string(), &why)) {
    std::string svg;
    {
      std::ifstream in(svg_temp);
      svg.assign(std::istreambuf_iterator<char>(in), {});
    }
    fs::remove(svg_temp);
    files.add("pathway.svg", svg);
  } else if (!quiet) {
    std::cerr << "casesim: no pathway.svg (" << why << "); pathway.dot was written\n";
  }
}

std::vector<fs::path> commit(output::OutputSet& files) {
  try {
    return files.commit();
  } catch (const std::exception& e) {
    throw OutputError(e.what());
  }
}

}  // namespace

int validate(const Options& opt) {
  const models::Scenario s = models::load_scenario(opt.file);
  std::size_t initial = s.initial_cases.size();
  fmt::print("{}: valid. \"{}\": {} stages, {} resources, {} case types, {} deadlines, {} open "
             "cases at start, {} replications of {:g} days from {}.\n",
             opt.file, s.meta.name, s.stages.size(), s.pools.size(), s.case_types.size(),
             s.deadlines.size(), initial, s.meta.replications, s.meta.horizon_days,
             sim::to_iso(s.meta.start_date));
  return 0;
}

int graph(const Options& opt) {
  const models::Scenario s = models::load_scenario(opt.file);
  const fs::path dir = out_dir(opt);
  try {
    output::OutputSet files(dir);
    add_pathway_files(s, files, dir, false);
    for (const auto& p : commit(files)) fmt::print("wrote {}\n", p.string());
  } catch (const OutputError&) {
    throw;
  } catch (const std::exception& e) {
    throw OutputError(e.what());
  }
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
  models::Scenario s = models::load_scenario(opt.file);
  if (opt.replications) s.meta.replications = *opt.replications;
  if (opt.seed) s.meta.seed = *opt.seed;
  const unsigned threads = opt.threads.value_or(std::max(1u, std::thread::hardware_concurrency()));
  const fs::path dir = out_dir(opt);
  // Fail on an unwritable folder before spending minutes simulating.
  std::unique_ptr<output::OutputSet> files;
  try {
    files = std::make_unique<output::OutputSet>(dir);
  } catch (const std::exception& e) {
    throw OutputError(e.what());
  }

  const models::CaseFlowModel model(s);
  const auto reps = static_cast<std::size_t>(s.meta.replications);
  ProgressBar progress(reps, !opt.quiet && ::isatty(STDERR_FILENO));
  const auto results = sim::run_replications<models::ReplicationResult>(
      reps, threads,
      [&](std::size_t r) {
        models::RunOptions ro;
        ro.keep_cases = r == 0;  // cases.csv shows the first replication
        return model.run(r, ro);
      },
      [&](std::size_t done) { progress.update(done); });
  progress.finish();
  const models::RunSummary summary = models::summarise(model, results);

  try {
    files->add("summary.json", output::summary_json(s, summary));
    files->add("cases.csv", output::cases_csv(model, results.front().cases));
    files->add("timeseries.csv", output::timeseries_csv(model, summary.weeks));
    add_pathway_files(s, *files, dir, opt.quiet);
  } catch (const std::exception& e) {
    throw OutputError(e.what());
  }
  const auto written = commit(*files);
  if (!opt.quiet) {
    std::cout << output::summary_table(summary);
    fmt::print("\nwrote {} files to {}/\n", written.size(), dir.string());
  }
  return 0;
}

}  // namespace app
