#pragma once

#include <array>

#include "models/scenario/milestone.h"

namespace models {

// The delays every run reports, between two milestones of the same case.
struct DelayMetric {
  const char* name;  // stable name in summary.json, e.g. "report_to_charge_days"
  Milestone from;
  Milestone to;
};
inline constexpr std::array<DelayMetric, 6> kDelayMetrics = {{
    {"report_to_charge_days", Milestone::kReport, Milestone::kCharge},
    {"charge_to_first_hearing_days", Milestone::kCharge, Milestone::kFirstHearing},
    {"charge_to_trial_start_days", Milestone::kCharge, Milestone::kTrialStart},
    {"report_to_trial_start_days", Milestone::kReport, Milestone::kTrialStart},
    {"report_to_completion_days", Milestone::kReport, Milestone::kCompletion},
    {"charge_to_completion_days", Milestone::kCharge, Milestone::kCompletion},
}};

}  // namespace models
