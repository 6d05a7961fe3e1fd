#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/engine/replication_result.h"

namespace models {

// A published England and Wales figure the baseline should reproduce
// (../shared/calibration/TARGETS.md), and how a run is measured against it.
struct CalibrationTarget {
  std::string id;       // "T8"
  std::string measure;  // what the figure counts
  std::string target;   // the published value, as published
  std::string source;   // keys into SOURCES.md
  double low = 0;       // the band the simulated value should fall in
  double high = 0;
  std::string unit;     // "share", "days", "reports a year", ...
  std::string how;      // how the run measures it
};

// T1-T14 (T15, the Victims' Code time limits, are rules, not a measure).
const std::vector<CalibrationTarget>& calibration_targets();

// Outcome names the measures read; a scenario without them leaves the
// measures that need them unmeasured (NaN).
inline constexpr const char* kChargedDecisionRefused = "cps_nfa";
inline constexpr const char* kConvicted = "convicted";
inline constexpr const char* kAcquitted = "acquitted";
inline constexpr const char* kGuiltyPlea = "guilty_plea";

// The cohort whose delays and outcomes are measured: new reports after the
// warm-up, and at least this long before the horizon, so that slow cases
// have had time to finish (a cohort cut at the horizon would keep only the
// fast ones).
inline constexpr double kCohortFollowUpDays = 4 * 365.25;

// A target against the run: the mean across replications with its 95%
// interval, and whether the mean is inside the band.
struct TargetCheck {
  CalibrationTarget target;
  double mean = 0, ci_low = 0, ci_high = 0;
  std::size_t replications = 0;  // that could measure it
  bool measured() const { return replications > 0; }
  bool inside() const { return measured() && mean >= target.low && mean <= target.high; }
};

// per_replication[r] is measure_targets() of replication r.
std::vector<TargetCheck> check_targets(const std::vector<std::vector<double>>& per_replication);

// One replication's value for each target, in calibration_targets() order;
// NaN where the run cannot say. REQUIRES: the replication kept its cases.
std::vector<double> measure_targets(const CaseFlowModel& model, const ReplicationResult& r);

}  // namespace models
