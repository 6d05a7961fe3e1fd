#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/engine/replication_result.h"
#include "models/scenario/outcome_words.h"

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
inline constexpr const char* kChargedDecisionRefused = kChargeRefusedOutcome;
inline constexpr const char* kConvicted = kConvictedOutcome;
inline constexpr const char* kAcquitted = kAcquittedOutcome;
inline constexpr const char* kGuiltyPlea = kGuiltyPleaOutcome;

// Delays and outcomes are measured on the counting cohort, as in every
// command (models/scenario/counting_cohort.h).

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
