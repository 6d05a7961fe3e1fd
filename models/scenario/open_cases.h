#pragma once

// Internal to the scenario loader: only models/scenario/scenario_loader.cc and its
// helpers in models/ may include this header. JSON never passes the loading
// boundary; everything else uses models/scenario/scenario_loader.h.
//
// The cases already open when a scenario starts (its "initial_state"), given
// inline or as a CSV file, checked the same way whichever form they take.

#include <vector>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"
#include "models/scenario/scenario_error.h"

namespace models::loading {

// Reads root["initial_state"], if any, into s.initial_cases. Problems with
// the JSON go through `check`; those within a CSV file are added to
// `problems` under that file's name, by line and column.
// REQUIRES: s.meta, s.case_types and s.stages are read and valid.
void read_initial_state(const Json& root, Checker& check, Scenario& s,
                        std::vector<Diagnostic>& problems);

}  // namespace models::loading
