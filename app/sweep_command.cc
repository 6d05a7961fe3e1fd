// `casesim sweep FILE --vary POINTER=LIST ...`: one scenario at every point
// of a grid (one or two levers) or of a Latin hypercube sample (many), every
// point with the same seed and replications, then the files that read each
// figure against the levers.

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "app/commands.h"
#include "app/progress_bar.h"
#include "app/scenario_run.h"
#include "models/results/sweep.h"
#include "models/scenario/scenario_loader.h"
#include "output/output_set.h"
#include "output/report_text.h"
#include "output/sweep_files.h"

namespace app {

namespace fs = std::filesystem;

namespace {

models::ScenarioError usage(const std::string& option, const std::string& why) {
  return models::ScenarioError({{option, "", why}});
}

// The command as it could be typed again, for the page and sweep.json.
std::string command_line(const SweepOptions& opt, const std::vector<models::LeverSetting>& settings,
                         int replications, std::uint64_t seed) {
  std::string out = "casesim sweep " + opt.file;
  for (const auto& v : opt.vary) out += " --vary " + v;
  if (opt.design == "lhs") out += fmt::format(" --design lhs --points {}", *opt.points);
  const std::string levers = lever_arguments(settings);
  if (!levers.empty()) out += " " + levers;
  return out + fmt::format(" -r {} -s {}", replications, seed);
}

}  // namespace

int sweep(const SweepOptions& opt) {
  const std::vector<models::LeverSetting> settings = lever_settings(opt.levers);
  const models::ScenarioSource source = models::ScenarioSource::read(opt.file);
  std::vector<models::VariedLever> levers;
  std::vector<models::Diagnostic> problems;
  for (const auto& v : opt.vary) {
    try {
      levers.push_back(models::parse_varied_lever(v, source));
    } catch (const models::ScenarioError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw models::ScenarioError(std::move(problems));
  const bool lhs = opt.design == "lhs";
  if (!lhs && opt.design != "grid")
    throw usage("--design", fmt::format("'{}' is not a design; expected grid or lhs", opt.design));
  if (lhs && !opt.points)
    throw usage("--design lhs", "needs --points N, the number of points to sample");
  if (!lhs && opt.points)
    throw usage("--points", "is for --design lhs; a grid runs every combination of the values");
  if (!lhs && levers.size() > 2)
    throw usage("--vary", fmt::format("{} levers on a grid; expected one or two (for more, "
                                      "--design lhs --points N samples them together)",
                                      levers.size()));
  for (const auto& l : levers) {
    if (!lhs && l.values.empty())
      throw usage("--vary " + l.pointer,
                  "a range FROM:TO needs a step on a grid; expected FROM:TO:STEP or a list");
    if (lhs && !(l.high > l.low))
      throw usage("--vary " + l.pointer, "a Latin hypercube needs a range FROM:TO with FROM < TO");
  }

  // Defaults from the file as written; every point uses them (common random numbers).
  const models::Scenario as_written = source.load(settings);
  const int replications = opt.replications.value_or(as_written.meta.replications);
  const std::uint64_t seed = opt.seed.value_or(as_written.meta.seed);
  const auto points = lhs ? models::latin_hypercube(levers, static_cast<std::size_t>(*opt.points), seed)
                          : models::grid_points(levers);

  const unsigned threads = opt.threads.value_or(std::max(1u, std::thread::hardware_concurrency()));
  const fs::path dir = !opt.out.empty()
                           ? fs::path(opt.out)
                           : fs::path("out") / ("sweep-" + fs::path(opt.file).stem().string());
  // Fail on an unwritable folder before spending minutes simulating.
  output::OutputSet files(dir);
  files.set_csv_byte_order_mark(opt.csv_bom);

  const std::size_t total = points.size() * static_cast<std::size_t>(replications);
  if (!opt.quiet)
    fmt::print("{} points x {} replications, seed {} at every point\n", points.size(),
               replications, seed);
  ProgressBar progress(total, !opt.quiet && ::isatty(STDERR_FILENO));
  models::PointRunOptions run_options{replications, seed, threads, false};
  output::SweepRun run;
  run.summaries = models::run_points(source, settings, levers, points, run_options,
                                     [&](std::size_t done) { progress.update(done); });
  progress.finish();
  const models::Scenario first = source.load(models::point_settings(settings, levers, points[0]));
  run.scenario = &first;
  run.command = command_line(opt, settings, replications, seed);
  run.settings = settings;
  run.levers = levers;
  run.latin_hypercube = lhs;
  run.points = points;
  run.replications = replications;
  run.seed = seed;
  if (opt.figures.empty()) {
    run.figures = output::sweep_headline_figures(first, run.summaries.front());
  } else {
    for (const auto& f : opt.figures)
      if (!run.summaries.front().find(f))
        problems.push_back({"--figure", "", fmt::format("'{}' is not a figure of this scenario; "
                                                        "expected a metric of summary.json", f)});
    if (!problems.empty()) throw models::ScenarioError(std::move(problems));
    run.figures = opt.figures;
  }

  files.add("sweep.csv", output::sweep_csv(run));
  files.add("sweep.json", output::sweep_json(run));
  files.add("sweep-report.html", output::sweep_report(run));
  const auto written = files.commit();
  if (!opt.quiet) {
    // The charted figures, one line a point.
    for (std::size_t p = 0; p < points.size(); ++p) {
      std::string line;
      for (std::size_t l = 0; l < levers.size(); ++l)
        line += fmt::format("{}{}={:g}", l ? " " : "", levers[l].pointer, points[p][l]);
      fmt::print("{}\n", line);
      for (const auto& f : run.figures)
        if (const auto* m = run.summaries[p].find(f))
          fmt::print("    {:<46} {}\n", f,
                     output::report_text::figure_with_interval(*m, first.meta.start_date));
    }
    fmt::print("\nwrote {} files to {}/ (sweep-report.html to read)\n", written.size(),
               dir.string());
  }
  return 0;
}

}  // namespace app
