#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace models {

// Points in a case's life that delays and deadlines are measured between.
// A stage may mark one on entry; report and completion are marked by the
// engine (arrival and reaching any outcome).
enum class Milestone : std::uint8_t {
  kReport,
  kReferral,
  kCharge,
  kFirstHearing,
  kPtph,
  kTrialStart,
  kCompletion,
};
inline constexpr std::size_t kMilestoneCount = 7;
const char* milestone_name(Milestone m);  // "report", "referral", ... "trial_start"
std::optional<Milestone> milestone_from_name(std::string_view name);

}  // namespace models
