#pragma once

#include "models/scenario/scenario.h"
#include "output/calibration_sensitivity.h"

namespace app {

// The sensitivity table of the CALIBRATION.md that calibration-check wrote
// beside the scenario's file, for its report: shown only when it was
// measured on the very values this run used (models::scenario_fingerprint),
// else a note says why not. Nothing when there is no CALIBRATION.md for
// this file (another scenario's is ignored) or it cannot be read.
output::SensitivityShown calibration_beside(const models::Scenario& s);

}  // namespace app
