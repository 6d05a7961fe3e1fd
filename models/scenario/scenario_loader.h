#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/scenario.h"
#include "models/scenario/scenario_error.h"

namespace models {

// Reads a scenario file (JSON with // and /* */ comments), resolves its
// `extends` chain with JSON Merge Patch (RFC 7386), validates everything and
// returns the typed scenario. Throws ScenarioError listing every problem
// found; nothing is returned for an invalid scenario.
Scenario load_scenario(const std::filesystem::path& path);

// A what-if on the file as written: every number at or under `pointer` (a
// JSON pointer into the merged document) is multiplied by `factor` before
// checking, so a duration distribution stretches whole and a count scales.
struct Adjustment {
  std::string pointer;
  double factor = 1;
};
// The scenario with the adjustments made; a pointer that leads nowhere, or
// to nothing numeric, is reported like any other problem.
Scenario load_scenario(const std::filesystem::path& path,
                       const std::vector<Adjustment>& adjustments);

// The same for text in memory (tests, the workshop page). `extends` and CSV
// paths resolve against `base_dir`; `name` appears in messages.
Scenario load_scenario_text(std::string_view text, const std::string& name = "<scenario>",
                            const std::filesystem::path& base_dir = ".");

// Largest scenario file accepted, so a mistaken path to a huge file fails fast.
inline constexpr std::uintmax_t kMaxScenarioBytes = 16u << 20;

}  // namespace models
