#include "models/scenario/communication.h"

namespace models {

namespace {
constexpr std::array<const char*, kCaseEventCount> kCaseEventNames = {
    "report",     "allocation",         "arrest",       "interview",
    "release",    "bail_change",        "referral",     "charge_decision",
    "no_further_action", "first_hearing_date", "hearing_date", "relisting",
    "adjournment", "special_measures",  "trial_outcome", "sentence"};
}  // namespace

const char* case_event_name(CaseEvent e) { return kCaseEventNames[static_cast<std::size_t>(e)]; }

std::optional<CaseEvent> case_event_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kCaseEventCount; ++i)
    if (name == kCaseEventNames[i]) return static_cast<CaseEvent>(i);
  return std::nullopt;
}

std::vector<std::string> case_event_names() {
  return {kCaseEventNames.begin(), kCaseEventNames.end()};
}

std::optional<std::size_t> Communication::agency_index(std::string_view name) const {
  for (std::size_t i = 0; i < agencies.size(); ++i)
    if (agencies[i].name == name) return i;
  return std::nullopt;
}

}  // namespace models
