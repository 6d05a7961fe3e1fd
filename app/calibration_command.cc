// `casesim calibration-check SCENARIO`: runs the scenario, measures it
// against the published England and Wales figures, moves each stated
// assumption by +-25% to see what the headline delays ride on, and writes
// CALIBRATION.md beside the scenario.

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string_view>

#include "app/commands.h"
#include "app/job.h"
#include "app/progress_bar.h"
#include "models/results/calibration_targets.h"
#include "models/results/stability.h"
#include "models/engine/case_flow_model.h"
#include "models/scenario/scenario_loader.h"
#include "output/calibration_markdown.h"
#include "output/output_set.h"
#include "sim/byte_codec.h"
#include "sim/replication_runner.h"

namespace app {

namespace fs = std::filesystem;

namespace {

// Each replication keeps its cases only while they are measured, so memory
// stays at one replication's cases per thread. With `trends`, each
// replication's value vector carries, after its targets, the stability fits
// (slope, mean time, level per series): numbers travel between ranks, weeks
// do not.
std::vector<std::vector<double>> measure(const models::CaseFlowModel& model, int replications,
                                         unsigned threads,
                                         const std::function<void(std::size_t)>& on_done,
                                         bool trends = false) {
  return sim::run_replications<std::vector<double>>(
      job(), static_cast<std::size_t>(replications), threads,
      [&](std::size_t r) {
        models::RunOptions o;
        o.keep_cases = true;
        o.keep_weeks = trends;
        const models::ReplicationResult result = model.run(r, o);
        std::vector<double> v = models::measure_targets(model, result);
        if (trends)
          for (const models::TrendFit& f : models::replication_trends(model, result))
            v.insert(v.end(), {f.slope, f.mean_t, f.mean_y});
        return v;
      },
      on_done,
      [](const std::vector<double>& v) {
        sim::ByteWriter w;
        w(v);
        return w.take();
      },
      [](std::string_view bytes) {
        std::vector<double> v;
        sim::ByteReader in(bytes);
        in(v);
        return v;
      });
}

output::Headline headline(const std::vector<models::TargetCheck>& checks) {
  output::Headline h{};
  for (std::size_t i = 0; i < h.size(); ++i) h[i] = checks[output::kHeadlineTargets[i]].mean;
  return h;
}

}  // namespace

int calibration_check(const CalibrationOptions& opt) {
  const std::vector<models::LeverSetting> levers = lever_settings(opt.levers);
  models::Scenario s = models::load_scenario(opt.file, levers);
  if (opt.replications) s.meta.replications = *opt.replications;
  const unsigned threads = opt.threads.value_or(default_threads());
  check_cost(s, threads, opt.limits);
  const fs::path out_file =
      opt.out.empty() ? fs::path(opt.file).parent_path() / "CALIBRATION.md" : fs::path(opt.out);

  output::CalibrationRun run;
  run.scenario_file = fs::path(opt.file).filename().string();
  run.scenario = &s;
  run.replications = s.meta.replications;
  run.sensitivity_replications = opt.sensitivity ? opt.sensitivity_replications : 0;
  const std::string lever_args = lever_arguments(levers);
  run.command = fmt::format("casesim calibration-check {}{}{} -r {}{}", opt.file,
                            lever_args.empty() ? "" : " ", lever_args, s.meta.replications,
                            opt.sensitivity ? fmt::format(" --sensitivity-replications {}",
                                                          opt.sensitivity_replications)
                                            : std::string(" --no-sensitivity"));

  const std::size_t moves = opt.sensitivity ? 2 * s.meta.assumptions.size() : 0;
  const std::size_t total = static_cast<std::size_t>(s.meta.replications) +
                            moves * static_cast<std::size_t>(opt.sensitivity_replications);
  ProgressBar progress(total, !opt.quiet && ::isatty(STDERR_FILENO));
  std::atomic<std::size_t> done{0};
  auto step = [&](std::size_t) { progress.update(++done); };
  const models::CaseFlowModel model(s);
  auto measured = measure(model, s.meta.replications, threads, step, true);
  {
    const std::size_t k = models::calibration_targets().size();
    std::vector<std::vector<models::TrendFit>> fits;
    for (auto& v : measured) {
      std::vector<models::TrendFit>& rep = fits.emplace_back();
      for (std::size_t i = k; i + 2 < v.size(); i += 3) rep.push_back({v[i], v[i + 1], v[i + 2]});
      v.resize(k);
    }
    run.drifts = models::add_trend_metrics(model, fits, run.trends);
    run.trend_labels = models::trend_labels(s);
  }
  run.targets = models::check_targets(measured);
  run.headline = headline(run.targets);
  // Moved runs use the first replications (same seeds), so they are set
  // against those same replications of the scenario as written.
  const std::size_t n = std::min<std::size_t>(measured.size(),
                                              static_cast<std::size_t>(opt.sensitivity_replications));
  run.sensitivity_base = headline(models::check_targets(
      {measured.begin(), measured.begin() + static_cast<std::ptrdiff_t>(n)}));

  if (opt.sensitivity) {
    for (const auto& assumption : s.meta.assumptions) {
      for (double factor : {0.75, 1.25}) {
        output::Sensitivity row{assumption, factor, {}, {}};
        try {
          std::vector<models::LeverSetting> moves = levers;
          moves.push_back({assumption.parameter, models::LeverMove::kScale,
                           fmt::format("{}", factor)});
          models::Scenario moved = models::load_scenario(opt.file, moves);
          moved.meta.replications = opt.sensitivity_replications;
          const models::CaseFlowModel moved_model(moved);
          row.headline = headline(models::check_targets(
              measure(moved_model, opt.sensitivity_replications, threads, step)));
        } catch (const models::ScenarioError& e) {
          // A move that breaks the scenario (a probability past 1, branch
          // sums off 1) is a finding in its own right: shown, not fatal.
          row.error = e.problems().empty() ? "invalid" : e.problems().front().message;
          for (int i = 0; i < opt.sensitivity_replications; ++i) step(0);
        }
        run.sensitivity.push_back(std::move(row));
      }
    }
  }
  progress.finish();
  if (!job().writes()) return 0;

  const std::string markdown = output::calibration_markdown(run);
  output::OutputSet files(out_file.parent_path().empty() ? fs::path(".") : out_file.parent_path());
  files.add(out_file.filename().string(), markdown);
  files.commit();

  if (!opt.quiet) {
    std::size_t inside = 0, measured = 0;
    for (const auto& t : run.targets) {
      measured += t.measured() ? 1 : 0;
      inside += t.inside() ? 1 : 0;
      if (!t.measured()) continue;
      std::cout << fmt::format("{:<4} {:<70.70} {:>10.4g}  band {:g} to {:g}  {}\n", t.target.id,
                               t.target.measure, t.mean, t.target.low, t.target.high,
                               t.inside() ? "inside" : "OUTSIDE");
    }
    std::cout << fmt::format("{} of {} measured targets inside their band; wrote {}\n", inside,
                             measured, out_file.string());
  }
  return 0;
}

}  // namespace app
