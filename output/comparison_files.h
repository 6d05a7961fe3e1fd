#pragma once

// comparison.json and comparison.csv: every metric of every policy against
// the baseline, with the paired difference, its 95% interval and a verdict
// (see README "Comparing policies").

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/results/comparison.h"
#include "models/scenario/scenario.h"

namespace output {

struct ComparedScenario {
  const models::Scenario* scenario = nullptr;
  std::string folder;  // its subfolder of the output folder, where its run files are
  // Things a reader of the comparison must know, in plain words (a policy
  // simulating other years than the baseline, say).
  std::vector<std::string> warnings;
};

struct ComparisonRun {
  ComparedScenario baseline;
  std::vector<ComparedScenario> policies;
  std::vector<models::ScenarioComparison> comparisons;  // one per policy, same order
  std::uint64_t seed = 0;                               // shared by every scenario
  std::size_t replications = 0;                         // shared by every scenario
};

std::string comparison_json(const ComparisonRun& run);

// One row per policy and metric, plain numbers only (no units or % signs),
// empty cells where there is no figure.
std::string comparison_csv(const ComparisonRun& run);

}  // namespace output
