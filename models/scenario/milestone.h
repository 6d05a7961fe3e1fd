#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
// Every milestone's word, in order: what a deadline or contact rule may name.
const std::vector<std::string>& milestone_words();
// The words a stage may mark on entry: every milestone but report and
// completion, which the engine marks.
const std::vector<std::string>& stage_milestone_words();

}  // namespace models
