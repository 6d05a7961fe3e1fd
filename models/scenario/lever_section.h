#pragma once

// Internal to the scenario loader: only models/scenario/scenario_loader.cc and its
// helpers in models/ may include this header. JSON never passes the loading
// boundary; everything else uses models/scenario/scenario_loader.h.
//
// The scenario's meta.levers: what a workshop may move, each checked against
// the merged document it points into.

#include <vector>

#include "models/scenario/json_checker.h"
#include "models/scenario/lever.h"
#include "models/scenario/lever_setting.h"

namespace models::loading {

// Reads root["meta"]["levers"], if any. A set lever must point at a number
// (or, with choices, a word) and a scale lever at something holding numbers;
// the value as written must lie in the lever's range.
// `moved`: the settings applied to `root` (command line, sweep point); a
// lever whose value one of them moved is not held to its range, which
// speaks of the file as written.
std::vector<Lever> read_levers(const Json& root, Checker& check,
                               const std::vector<LeverSetting>& moved = {});

}  // namespace models::loading
