// `casesim compare BASELINE POLICY...`: every scenario run with the same seed
// and replications, so replication r of each meets the same reports and the
// same luck (common random numbers), then every policy compared with the
// baseline replication by replication.

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "app/commands.h"
#include "app/calibration_beside.h"
#include "app/job.h"
#include "app/progress_bar.h"
#include "app/scenario_run.h"
#include "models/engine/case_flow_model.h"
#include "models/results/comparison.h"
#include "models/scenario/scenario_loader.h"
#include "output/comparison_files.h"
#include "output/comparison_table.h"
#include "output/html_report.h"
#include "output/output_set.h"
#include "sim/calendar.h"

namespace app {

namespace fs = std::filesystem;

namespace {

struct Entry {
  std::string file;
  models::Scenario scenario;
  std::string folder;
  std::vector<std::string> warnings;
  std::unique_ptr<models::CaseFlowModel> model;  // refers to `scenario`: entries never move
  ScenarioRun run;
  std::string pathway_svg;
};

// Loads every file before running any, so that one command reports the
// problems of all of them (exit code 2) and nothing is run.
// With `strict`, a file's warnings are among its problems.
std::vector<std::unique_ptr<Entry>> load_all(const std::vector<std::string>& files,
                                             const std::vector<models::LeverSetting>& levers,
                                             bool strict) {
  std::vector<std::unique_ptr<Entry>> entries;
  std::vector<models::Diagnostic> problems;
  for (const auto& file : files) {
    try {
      auto e = std::make_unique<Entry>();
      e->file = file;
      e->scenario = models::load_scenario(file, levers);
      if (strict) {
        const auto warned = strict_problems(e->scenario);
        problems.insert(problems.end(), warned.begin(), warned.end());
      }
      entries.push_back(std::move(e));
    } catch (const models::ScenarioError& error) {
      problems.insert(problems.end(), error.problems().begin(), error.problems().end());
    }
  }
  if (!problems.empty()) throw models::ScenarioError(std::move(problems));
  return entries;
}

// Each scenario's files go to a folder named after its file; two files of
// the same name (a/policy.json, b/policy.json) get policy and policy-2.
void name_folders(std::vector<std::unique_ptr<Entry>>& entries) {
  std::set<std::string> taken;
  for (auto& e : entries) {
    std::string stem = fs::path(e->file).stem().string();
    if (stem.empty()) stem = "scenario";
    std::string folder = stem;
    for (int n = 2; taken.count(folder); ++n) folder = stem + "-" + std::to_string(n);
    taken.insert(folder);
    e->folder = folder;
  }
}

// A policy simulating other dates than the baseline still runs, but its
// differences then mix the policy with the change of period: say so.
std::vector<std::string> period_warnings(const models::Meta& base, const models::Meta& policy) {
  if (base.start_date == policy.start_date && base.horizon_days == policy.horizon_days &&
      base.warmup_days == policy.warmup_days)
    return {};
  return {fmt::format(
      "this policy simulates {:g} days from {} and counts reports after {:g} days; the baseline "
      "{:g} days from {}, after {:g} days. The differences mix the policy with the change of "
      "period; give both the same meta.start_date, horizon_days and warmup_days to compare like "
      "with like.",
      policy.horizon_days, sim::to_iso(policy.start_date), policy.warmup_days, base.horizon_days,
      sim::to_iso(base.start_date), base.warmup_days)};
}

}  // namespace

int compare(const Options& opt, const std::vector<std::string>& policies) {
  std::vector<std::string> files{opt.file};
  files.insert(files.end(), policies.begin(), policies.end());
  auto entries = load_all(files, lever_settings(opt.levers), opt.strict);
  for (const auto& e : entries) tell_warnings(e->scenario, false, opt.quiet);
  name_folders(entries);

  // Common random numbers need the same seed and replication indices in
  // every run: the baseline's, unless the command line says otherwise.
  const models::Meta& base_meta = entries.front()->scenario.meta;
  const std::uint64_t seed = opt.seed.value_or(base_meta.seed);
  const int replications = opt.replications.value_or(base_meta.replications);
  std::vector<std::string> notes;
  for (std::size_t i = 1; i < entries.size(); ++i) {
    auto& e = *entries[i];
    models::Meta& meta = e.scenario.meta;
    std::vector<std::string> overridden;
    if (!opt.seed && meta.seed != seed)
      overridden.push_back(fmt::format("seed {} (the file says {})", seed, meta.seed));
    if (!opt.replications && meta.replications != replications)
      overridden.push_back(
          fmt::format("{} replications (the file says {})", replications, meta.replications));
    if (!overridden.empty())
      notes.push_back(
          fmt::format("{} runs with the baseline's {}, so that every scenario meets the same luck",
                      e.file, fmt::join(overridden, " and ")));
    e.warnings = period_warnings(base_meta, meta);
  }
  if (replications < 2)
    notes.push_back(
        "with one replication no difference has an interval, so there are no "
        "verdicts; run two or more (--replications)");
  for (auto& e : entries) {
    e->scenario.meta.seed = seed;
    e->scenario.meta.replications = replications;
  }

  const unsigned threads = opt.threads.value_or(default_threads());
  for (const auto& e : entries)
    check_cost(e->scenario, threads, opt.limits, entries.size(), opt.all_cases);
  const fs::path dir = !opt.out.empty()
                           ? fs::path(opt.out)
                           : fs::path("out") / ("compare-" + fs::path(opt.file).stem().string());
  // Fail on an unwritable folder before spending minutes simulating.
  std::unique_ptr<output::OutputSet> out;
  if (job().writes()) {
    out = std::make_unique<output::OutputSet>(dir);
    out->set_csv_byte_order_mark(opt.csv_bom);
  }
  if (!opt.quiet)
    for (const auto& n : notes) std::cout << "note: " << n << "\n";

  const auto reps = static_cast<std::size_t>(replications);
  ProgressBar progress(reps * entries.size(), !opt.quiet && ::isatty(STDERR_FILENO));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    auto& e = *entries[i];
    e.model = std::make_unique<models::CaseFlowModel>(e.scenario);
    e.run = simulate(
        *e.model, threads,
        [&, done_before = i * reps](std::size_t done) { progress.update(done_before + done); },
        opt.all_cases);
  }
  progress.finish();
  if (!job().writes()) return 0;

  output::ComparisonRun comparison;
  comparison.seed = seed;
  comparison.replications = reps;
  const Entry& base = *entries.front();
  comparison.baseline = {&base.scenario, base.folder, {}};
  for (std::size_t i = 1; i < entries.size(); ++i) {
    const Entry& e = *entries[i];
    comparison.policies.push_back({&e.scenario, e.folder, e.warnings});
    comparison.comparisons.push_back(models::compare(base.run.summary, e.run.summary));
  }

  for (auto& e : entries)
    e->pathway_svg = add_scenario_files(*e->model, e->run, *out, dir, e->folder + "/", opt.quiet);
  out->add("comparison.json", output::comparison_json(comparison));
  out->add("comparison.csv", output::comparison_csv(comparison));
  output::ReportInput report;
  report.baseline = {&base.scenario, &base.run.summary, base.pathway_svg,
                     calibration_beside(base.scenario)};
  for (std::size_t i = 1; i < entries.size(); ++i)
    report.policies.push_back({&entries[i]->scenario, &entries[i]->run.summary,
                               entries[i]->pathway_svg, calibration_beside(entries[i]->scenario)});
  report.comparisons = comparison.comparisons;
  out->add("report.html", output::html_report(report));
  job().phase("compare");  // the models (built above) and the paired comparisons
  const auto written = out->commit();
  job().phase("write");
  if (!opt.quiet) {
    std::cout << output::comparison_table(comparison);
    for (const auto& e : entries)
      for (const auto& c : e->run.summary.cautions)
        fmt::print("caution ({}): {}\n", e->scenario.meta.name, c);
    fmt::print(
        "\nEvery metric: comparison.csv and comparison.json; the page to read or share: "
        "report.html.\nwrote {} files to {}/\n",
        written.size(), dir.string());
  }
  return 0;
}

}  // namespace app
