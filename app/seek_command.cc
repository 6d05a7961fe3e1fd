// `casesim seek FILE --vary POINTER=FROM:TO --target "FIGURE <= VALUE"`:
// the smallest (or, with --largest, the largest) value of one lever meeting
// the target with stated confidence, by bisection, every value run with the
// same seed and replications.

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "app/commands.h"
#include "app/scenario_run.h"
#include "models/engine/case_flow_model.h"
#include "models/results/goal_seek.h"
#include "models/results/sweep.h"
#include "models/scenario/scenario_loader.h"
#include "output/output_set.h"
#include "output/sweep_files.h"

namespace app {

namespace fs = std::filesystem;

namespace {

// For a target on charge to trial start: its parts at one lever value, in
// words ("" for any other figure, or a run without courts).
std::string where_time_goes(const models::RunSummary& s, const std::string& metric) {
  if (metric != "charge_to_trial_start_days") return {};
  const auto* prep = s.find("charge_to_trial.preparation_days");
  const auto* first = s.find("charge_to_trial.waiting_for_first_date_days");
  const auto* lost = s.find("charge_to_trial.lost_to_date_changes_days");
  if (!prep || !first || !lost) return {};
  return fmt::format("{:.0f} days before the case asks for a trial date, {:.0f} waiting for "
                     "the first date, {:.0f} lost to dates that did not hold (means)",
                     prep->mean, first->mean, lost->mean);
}

models::ScenarioError usage(const std::string& option, const std::string& why) {
  return models::ScenarioError({{option, "", why}});
}

// The figure names a scenario reports, known before anything runs: the
// summary of no replications has every metric, each without a value.
std::string target_problem(const models::Scenario& s, const models::Figure& f) {
  const models::CaseFlowModel model(s);
  return models::figure_problem(models::summarise(model, {}), f);
}

}  // namespace

int seek(const SeekCommandOptions& opt) {
  const std::vector<models::LeverSetting> settings = lever_settings(opt.levers);
  const models::MetricTarget target = models::parse_metric_target(opt.target);
  if (!(opt.confidence > 0 && opt.confidence < 1))
    throw usage("--confidence", fmt::format("{} is out of range; expected a level between 0 and 1, "
                                            "e.g. 0.95", opt.confidence));
  const models::ScenarioSource source = models::ScenarioSource::read(opt.file);
  const models::VariedLever lever = models::parse_varied_lever(opt.vary, source);
  if (!lever.values.empty() && lever.values.size() != 2)
    throw usage("--vary " + lever.pointer, "seek takes a range FROM:TO, e.g. 1:20");

  models::SeekOptions options;
  options.low = lever.low;
  options.high = lever.high;
  options.whole = lever.whole;
  options.largest = opt.largest;
  options.tolerance = opt.tolerance.value_or((lever.high - lever.low) / 100);
  if (!lever.whole && !(options.tolerance > 0))
    throw usage("--tolerance", "expected a number > 0 (and a range FROM < TO)");

  // Both ends load before anything runs, so a range the scenario cannot
  // take is refused with nothing run; and the target must name a figure.
  const models::Scenario low_end =
      source.load(models::point_settings(settings, {lever}, {lever.low}));
  source.load(models::point_settings(settings, {lever}, {lever.high}));
  if (const std::string why = target_problem(low_end, target.figure); !why.empty())
    throw usage(fmt::format("--target \"{}\"", opt.target), why);
  const int replications = opt.replications.value_or(low_end.meta.replications);
  const std::uint64_t seed = opt.seed.value_or(low_end.meta.seed);
  if (replications < 2)
    throw usage("--replications", "seek needs an interval, so at least 2 replications");

  const unsigned threads = opt.threads.value_or(std::max(1u, std::thread::hardware_concurrency()));
  const fs::path dir = !opt.out.empty()
                           ? fs::path(opt.out)
                           : fs::path("out") / ("seek-" + fs::path(opt.file).stem().string());
  // Fail on an unwritable folder before spending minutes simulating.
  output::OutputSet files(dir);

  output::SeekRun run;
  const models::PointRunOptions run_options{replications, seed, threads, false};
  const bool tell = !opt.quiet && ::isatty(STDERR_FILENO);
  std::map<double, std::string> parts;  // by lever value: where charge to trial went
  run.result = models::seek(target, options, [&](double value) {
    const auto summaries =
        models::run_points(source, settings, {lever}, {{value}}, run_options, [](std::size_t) {});
    const models::Metric* m = summaries.front().find(target.figure.metric);
    if (m) run.unit = m->unit;
    parts[value] = where_time_goes(summaries.front(), target.figure.metric);
    const auto e = models::estimate(summaries.front(), target.figure, opt.confidence);
    if (tell)
      std::cerr << fmt::format("  {} = {:g}: {:.4g} ({:.4g} to {:.4g})\n", lever.pointer, value,
                               e->value, e->low, e->high);
    return *e;
  });
  run.scenario = &low_end;
  if (auto p = parts.find(run.result.best.value); p != parts.end()) run.where_time_goes = p->second;
  std::string lever_args = lever_arguments(settings);
  if (!lever_args.empty()) lever_args.insert(0, 1, ' ');
  run.command = fmt::format("casesim seek {} --vary {} --target \"{}\"{}{}{} -r {} -s {}",
                            opt.file, opt.vary, opt.target, opt.largest ? " --largest" : "",
                            opt.confidence != 0.95 ? fmt::format(" --confidence {}", opt.confidence) : "",
                            lever_args, replications,
                            seed);
  run.settings = settings;
  run.lever = lever;
  run.target = target;
  run.confidence = opt.confidence;
  run.options = options;
  run.replications = replications;
  run.seed = seed;

  files.add("seek.json", output::seek_json(run));
  files.commit();
  if (!opt.quiet) {
    std::cout << output::seek_text(run);
    fmt::print("wrote {}/seek.json\n", dir.string());
  }
  return 0;
}

}  // namespace app
