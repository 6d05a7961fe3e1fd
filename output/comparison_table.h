#pragma once

#include <string>

#include "output/comparison_files.h"

namespace output {

// What `casesim compare` prints: for each policy, the headline metrics (the
// delays, the withdrawal share, the deadlines met) as plain sentences, e.g.
//   report_to_trial_start_days: 600.1 -> 540.3 days, 59.8 shorter (95% CI 48.0 to 71.6) — better
// Every metric is in comparison.csv and comparison.json.
std::string comparison_table(const ComparisonRun& run);

}  // namespace output
