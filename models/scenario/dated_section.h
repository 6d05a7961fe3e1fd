#pragma once

// Internal to the scenario loader: only models/scenario/scenario_loader.cc and its
// helpers in models/ may include this header. JSON never passes the loading
// boundary; everything else uses models/scenario/scenario_loader.h.
//
// The "dated_changes" section: values that change on a date, such as a
// policy's go-live (Operation Soteria's shorter investigations from a date).
// Each entry names values by JSON pointer, as levers do, and sets or scales
// them from its date on:
//
//   "dated_changes": [
//     { "from": "2025-04-01", "description": "Soteria goes live",
//       "scale": { "/pathway/stages/investigation/duration": 0.8 } }
//   ]
//
// Only numbers the engine reads when it draws may change on a date (a stage's
// duration, its branch and withdrawal chances, a listed hearing's chances and
// notice, a case type's scales, the withdrawal section's numbers): what is
// fixed when a replication starts (pools, the pathway's shape, the report
// rate) has its own dated form or none, and is refused here with the reason.

#include <string>
#include <vector>

#include "models/scenario/json_checker.h"
#include "models/scenario/lever_setting.h"
#include "models/scenario/scenario.h"

namespace models::loading {

// One entry of "dated_changes", its shape checked: the date inside the run,
// and each pointer one that the engine honours from a date.
struct DatedEntry {
  Date from{};
  std::string description;
  std::string pointer;              // the entry in the file, e.g. /dated_changes/0
  std::vector<LeverSetting> moves;  // "set" in the order written, then "scale"
};

// root["dated_changes"] (absent or null: none), reporting every problem.
// REQUIRES: `meta` was read (start date and horizon) without problems.
std::vector<DatedEntry> read_dated_changes(const Json& root, Checker& check, const Meta& meta);

// "" when a dated change may move the value at `pointer` (a well-formed JSON
// pointer); else why not, ending with what may be moved.
std::string undatable(const std::string& pointer);

// The tokens of an RFC 6901 pointer, unescaped.
std::vector<std::string> pointer_tokens(const std::string& pointer);

}  // namespace models::loading
