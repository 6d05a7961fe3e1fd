#pragma once

// A what-if: a scenario with some of its levers moved, as lever settings
// (models/scenario/lever_setting.h) on the file as written. Loaded and
// checked exactly as a file written that way would be, so a value the loader
// refuses is refused with the loader's own message.

#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario/lever.h"
#include "models/scenario/lever_setting.h"
#include "models/scenario/scenario.h"
#include "models/scenario/scenario_loader.h"

namespace models {

// The settings that move each lever to its position: first every moved
// lever's `with` additions (each as a --set of what the document lacks), then
// each value, set or scaled. Throws ScenarioError naming the source, the
// lever's pointer and the reason for a position outside its lever's range.
// REQUIRES: every position's lever indexes `levers`.
std::vector<LeverSetting> what_if_settings(const ScenarioSource& source,
                                           const std::vector<Lever>& levers,
                                           const std::vector<LeverPosition>& positions);

// source.load(what_if_settings(...)): throws ScenarioError as the loader does.
Scenario load_what_if(const ScenarioSource& source, const std::vector<Lever>& levers,
                      const std::vector<LeverPosition>& positions);

// The what-if as a scenario file of its own: it `extends` `file` (by its
// absolute path) and holds only what `settings` change, as a merge patch,
// with `name` and `notes` in its meta; `casesim validate` accepts it.
// Throws ScenarioError when the file cannot be read or a setting applied.
std::string what_if_file(const std::filesystem::path& file, const std::vector<LeverSetting>& settings,
                         const std::string& name, const std::vector<std::string>& notes);

}  // namespace models
