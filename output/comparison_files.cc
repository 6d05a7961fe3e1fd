#include "output/comparison_files.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "output/csv_tables.h"

namespace output {

namespace {

// JSON has no NaN: a figure that cannot be given is null.
nlohmann::ordered_json number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

// The shortest text that reads back as the same double, so a spreadsheet
// gets the full figure; empty where there is none.
std::string cell(double v) {
  return std::isfinite(v) ? fmt::format("{}", v) : std::string();
}

nlohmann::ordered_json scenario_json(const ComparedScenario& s) {
  return {{"name", s.scenario->meta.name},
          {"source", s.scenario->source},
          {"folder", s.folder},
          {"warnings", s.warnings}};
}

}  // namespace

std::string comparison_json(const ComparisonRun& run) {
  nlohmann::ordered_json j;
  j["casesim_comparison_version"] = 1;
  j["run"] = {{"replications", run.replications},
              {"seed", run.seed},
              {"confidence_level", 0.95},
              {"common_random_numbers", true}};
  j["baseline"] = scenario_json(run.baseline);
  auto& policies = j["policies"] = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < run.policies.size(); ++p) {
    nlohmann::ordered_json policy = scenario_json(run.policies[p]);
    auto& metrics = policy["metrics"] = nlohmann::ordered_json::object();
    for (const auto& m : run.comparisons[p].metrics) {
      metrics[m.name] = {{"baseline_mean", number(m.baseline_mean)},
                         {"policy_mean", number(m.policy_mean)},
                         {"difference", number(m.difference)},
                         {"ci_low", number(m.ci_low)},
                         {"ci_high", number(m.ci_high)},
                         {"relative", number(m.relative)},
                         {"pairs", m.pairs},
                         {"verdict", models::verdict_name(m.verdict)},
                         {"better", models::better_name(m.better)},
                         {"unit", models::unit_name(m.unit)},
                         {"description", m.description}};
      if (!m.statistic.empty()) metrics[m.name]["statistic"] = m.statistic;
      if (!m.note.empty()) metrics[m.name]["note"] = m.note;
    }
    policies.push_back(std::move(policy));
  }
  return j.dump(2) + "\n";
}

std::string comparison_csv(const ComparisonRun& run) {
  std::string out =
      "policy,policy_folder,metric,unit,better,baseline_mean,policy_mean,difference,ci_low,"
      "ci_high,relative,pairs,verdict,note\n";
  for (std::size_t p = 0; p < run.policies.size(); ++p) {
    const std::string policy =
        csv_field(run.policies[p].scenario->meta.name) + "," + csv_field(run.policies[p].folder);
    for (const auto& m : run.comparisons[p].metrics)
      out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", policy, csv_field(m.name),
                         models::unit_name(m.unit), models::better_name(m.better), cell(m.baseline_mean),
                         cell(m.policy_mean), cell(m.difference), cell(m.ci_low), cell(m.ci_high),
                         cell(m.relative), m.pairs, csv_field(models::verdict_name(m.verdict)),
                         csv_field(m.note));
  }
  return out;
}

}  // namespace output
