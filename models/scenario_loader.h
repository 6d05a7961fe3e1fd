#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "models/scenario.h"
#include "models/scenario_error.h"

namespace models {

// Reads a scenario file (JSON with // and /* */ comments), resolves its
// `extends` chain with JSON Merge Patch (RFC 7386), validates everything and
// returns the typed scenario. Throws ScenarioError listing every problem
// found; nothing is returned for an invalid scenario.
Scenario load_scenario(const std::filesystem::path& path);

// The same for text in memory (tests, the workshop page). `extends` and CSV
// paths resolve against `base_dir`; `name` appears in messages.
Scenario load_scenario_text(std::string_view text, const std::string& name = "<scenario>",
                            const std::filesystem::path& base_dir = ".");

// Largest scenario file accepted, so a mistaken path to a huge file fails fast.
inline constexpr std::uintmax_t kMaxScenarioBytes = 16u << 20;

}  // namespace models
