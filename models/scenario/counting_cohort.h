#pragma once

// The counting cohort: which reports every per-case figure (delays,
// outcomes, withdrawal, deadlines, the funnel) is measured on, in `run`,
// `compare`, `sweep`, `seek`, the workshop page and `calibration-check`
// alike.
//
// A cohort cut at the horizon would keep only the cases fast enough to
// finish, so every delay would be biased down, the more so the longer the
// queues. The cohort is instead the new reports made from the end of the
// warm-up to the horizon minus a follow-up, so that nearly every one of them
// has time to finish; those still open at the horizon are counted as open
// (and their delays as censored), never dropped.

#include <algorithm>

#include "models/scenario/scenario.h"

namespace models {

// The default follow-up: four years, which lets nearly every case of the
// shipped scenarios finish (the calibration's figures are measured so too).
inline constexpr double kDefaultFollowUpDays = 4 * 365.25;
// With the default, the cohort keeps at least a year of reports; a shorter
// counted period gives half to the cohort and half to the follow-up.
inline constexpr double kShortestDefaultCohortDays = 365.25;

struct CountingCohort {
  double first_report = 0;  // the end of the warm-up
  double last_report = 0;   // reports before this day count (exclusive)
  double follow_up = 0;     // horizon - last_report
  bool stated = false;      // follow-up given by meta.follow_up_days
  bool shortened = false;   // default follow-up cut for a short run
  bool contains(double report) const { return report >= first_report && report < last_report; }
  double years() const { return (last_report - first_report) / 365.25; }
};

inline CountingCohort counting_cohort(const Meta& meta) {
  CountingCohort c;
  c.first_report = meta.warmup_days;
  const double counted = meta.horizon_days - meta.warmup_days;
  if (meta.follow_up_days) {
    c.follow_up = *meta.follow_up_days;
    c.stated = true;
  } else if (counted >= kDefaultFollowUpDays + kShortestDefaultCohortDays) {
    c.follow_up = kDefaultFollowUpDays;
  } else {
    c.follow_up = counted / 2;
    c.shortened = true;
  }
  c.follow_up = std::clamp(c.follow_up, 0.0, counted);
  c.last_report = meta.horizon_days - c.follow_up;
  return c;
}

}  // namespace models
