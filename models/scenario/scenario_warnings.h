#pragma once

// Internal to the scenario loader (like json_checker.h): what a scenario that
// loads may still get wrong without an error, because nothing would stop it
// running, yet a lever or assumption in it can move nothing. A misspelt
// resource ("isva" for "isvas") is accepted as a new resource no stage uses;
// an assumption or lever may point at a description. Each is a warning:
// `validate` prints it, `run` lists it in summary.json, and `--strict` makes
// it an error (docs/scenario-format.md "Warnings").

#include <vector>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace models::loading {

// The warnings of `s`, built by `check` (whose reads say what the scenario
// was built from), with `settings` (--set, --scale) applied. REQUIRES: `s`
// loaded without a problem.
std::vector<Diagnostic> scenario_warnings(const Scenario& s, const Checker& check,
                                          const std::vector<LeverSetting>& settings);

}  // namespace models::loading
