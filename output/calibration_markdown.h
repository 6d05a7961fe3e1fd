#pragma once

#include <array>
#include <string>
#include <vector>

#include "models/results/calibration_targets.h"
#include "models/results/run_summary.h"
#include "models/scenario/scenario.h"

namespace output {

// The headline delays a sensitivity run reports: T6, T7 and T8's measures.
inline constexpr std::array<std::size_t, 3> kHeadlineTargets = {7, 5, 6};  // indices in calibration_targets()
using Headline = std::array<double, 3>;  // NaN where unmeasured

// One assumption moved by a factor, and what the headline delays became
// (or why the moved scenario could not run).
struct Sensitivity {
  models::Assumption assumption;
  double factor = 1;
  Headline headline{};
  std::string error;  // non-empty: the moved scenario was invalid
};

struct CalibrationRun {
  std::string scenario_file;
  const models::Scenario* scenario = nullptr;
  int replications = 0;
  int sensitivity_replications = 0;
  std::vector<models::TargetCheck> targets;
  std::vector<models::Metric> trends;  // the stability check's trend a year per series
  std::vector<std::string> trend_labels;  // each one's plain label, same order
  std::vector<models::Drift> drifts;   // and those that drift
  Headline headline{};
  Headline sensitivity_base{};           // the first sensitivity_replications alone
  std::vector<Sensitivity> sensitivity;  // for each assumption: x0.75 then x1.25
  std::string command;                   // that regenerates the file
};

// scenarios/CALIBRATION.md: every target with its source, band, simulated
// value and 95% interval, and whether it is inside; the scenario's notes
// (where it says which targets cannot hold and why); whether its queues
// settle; the assumptions; the sensitivity of the headline delays to each.
std::string calibration_markdown(const CalibrationRun& run);

}  // namespace output
