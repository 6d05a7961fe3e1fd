#pragma once

#include <string>

#include "models/scenario/scenario.h"

namespace models {

// A short name for a scenario's values (16 hexadecimal digits), so that a
// figure measured on one version of a scenario (CALIBRATION.md's
// sensitivity table) can be told apart from another: every resolved value
// counts, after `extends` and any --set or --scale, except the replications
// and the seed, which change how precisely a figure is measured, not what it
// measures. Words (name, notes, assumptions' reasons) do not count.
std::string scenario_fingerprint(const Scenario& s);

}  // namespace models
