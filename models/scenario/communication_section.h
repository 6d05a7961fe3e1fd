#pragma once

// Internal to the scenario loader: only models/scenario/scenario_loader.cc and its
// helpers in models/ may include this header. JSON never passes the loading
// boundary; everything else uses models/scenario/scenario_loader.h.
//
// The scenario's "staffing" and "communication" sections: staff pools with
// hours and caseloads, and the rules for keeping victims informed.

#include <optional>
#include <vector>

#include "models/scenario/communication.h"
#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"
#include "models/scenario/staffing.h"

namespace models::loading {

// Reads root["staffing"], if any: one entry per resource that is staff.
// REQUIRES: pools are read.
Staffing read_staffing(const Json& root, Checker& check, const std::vector<Pool>& pools);

// Reads root["communication"], if any. Agencies' staff must be resources
// listed in `staffing`, so that their hours are known.
// REQUIRES: pools, stages and staffing are read.
std::optional<Communication> read_communication(const Json& root, Checker& check,
                                                const std::vector<Pool>& pools,
                                                const std::vector<Stage>& stages,
                                                const Staffing& staffing);

}  // namespace models::loading
