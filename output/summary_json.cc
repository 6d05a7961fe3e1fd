#include "output/summary_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "sim/calendar.h"

namespace output {

namespace {
// JSON has no NaN: a figure with no observations is null.
nlohmann::ordered_json number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}
}  // namespace

std::string summary_json(const models::Scenario& scenario, const models::RunSummary& summary) {
  nlohmann::ordered_json j;
  j["casesim_summary_version"] = 1;
  j["scenario"] = {{"name", scenario.meta.name},
                   {"description", scenario.meta.description},
                   {"source", scenario.source},
                   {"start_date", sim::to_iso(scenario.meta.start_date)},
                   {"horizon_days", scenario.meta.horizon_days},
                   {"warmup_days", scenario.meta.warmup_days},
                   {"notes", scenario.meta.notes}};
  // Only when levers were moved, so a run of the file as written keeps its
  // summary unchanged.
  if (!scenario.meta.lever_settings.empty()) {
    auto& levers = j["scenario"]["levers"] = nlohmann::ordered_json::array();
    for (const auto& l : scenario.meta.lever_settings)
      levers.push_back({{"pointer", l.pointer},
                        {l.move == models::LeverMove::kSet ? "set" : "scale",
                         nlohmann::ordered_json::parse(l.value)}});
  }
  // Only when there are any, for the same reason: what in the scenario can
  // move nothing (a resource no stage uses, an assumption on a description).
  if (!scenario.warnings.empty()) {
    auto& warnings = j["warnings"] = nlohmann::ordered_json::array();
    for (const auto& w : scenario.warnings)
      warnings.push_back({{"file", w.file}, {"pointer", w.pointer}, {"message", w.message}});
  }
  j["run"] = {{"replications", summary.replications},
              {"seed", summary.seed},
              {"events", summary.events},
              {"confidence_level", 0.95},
              {"intervals", "Student t across replications; shares: Wilson score with the "
                            "replications' effective sample size, so they stay inside [0, 1]"}};
  // Only when the engine's zero-time guard stopped a case (docs/reliability.md).
  if (summary.stopped_cases > 0) j["run"]["stopped_cases"] = summary.stopped_cases;
  // Which reports the per-case figures count (models/scenario/counting_cohort.h).
  j["counting_cohort"] = {{"first_report_day", summary.cohort.first_report},
                          {"last_report_day", summary.cohort.last_report},
                          {"follow_up_days", summary.cohort.follow_up},
                          {"follow_up_shortened", summary.cohort.shortened}};
  auto& drifts = j["drifts"] = nlohmann::ordered_json::array();
  for (const auto& d : summary.drifts)
    drifts.push_back({{"series", d.series},
                      {"per_year", number(d.per_year)},
                      {"ci_low", number(d.ci_low)},
                      {"ci_high", number(d.ci_high)},
                      {"start", number(d.start)},
                      {"end", number(d.end)},
                      {"message", d.message}});
  j["cautions"] = summary.cautions;
  auto& metrics = j["metrics"] = nlohmann::ordered_json::object();
  for (const auto& m : summary.metrics) {
    metrics[m.name] = {{"mean", number(m.mean)},       {"ci_low", number(m.ci_low)},
                       {"ci_high", number(m.ci_high)}, {"median", number(m.median)},
                       {"p90", number(m.p90)},         {"n", m.n},
                       {"unit", models::unit_name(m.unit)},
                       {"better", models::better_name(m.better)},
                       {"group", models::metric_group_name(m.group)},
                       {"description", m.description}};
  }
  return j.dump(2) + "\n";
}

}  // namespace output
