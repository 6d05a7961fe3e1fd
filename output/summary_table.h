#pragma once

#include <string>

#include "models/results/run_summary.h"

namespace output {

// The short table `casesim run` prints: headline delays and shares with
// their intervals, in words a planner reads.
std::string summary_table(const models::RunSummary& summary);

}  // namespace output
