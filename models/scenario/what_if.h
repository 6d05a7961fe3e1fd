#pragma once

// A what-if: a scenario file with some of its levers moved. Loaded and
// checked exactly as `casesim validate` would check the file it saves as, so
// a value the loader refuses is refused with the loader's own message.

#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario/lever.h"
#include "models/scenario/scenario.h"

namespace models {

// `file` with each move applied to its merged document: the lever's `with`
// patch first (if any), then its value set, or every number under its
// pointer multiplied. Throws ScenarioError naming `file`, the lever's
// pointer and the reason for a move outside its lever's range, and the
// loader's own problems for a scenario the moves make invalid.
// REQUIRES: every move's lever indexes `levers`.
Scenario load_what_if(const std::filesystem::path& file, const std::vector<Lever>& levers,
                      const std::vector<LeverPosition>& moves);

// The what-if as a scenario file of its own: it `extends` `file` (by its
// absolute path) and holds only what the moves change, as a merge patch,
// with `name` and `notes` in its meta; `casesim validate` accepts it.
std::string what_if_file(const std::filesystem::path& file, const std::vector<Lever>& levers,
                         const std::vector<LeverPosition>& moves, const std::string& name,
                         const std::vector<std::string>& notes);

}  // namespace models
