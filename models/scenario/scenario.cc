#include "models/scenario/scenario.h"

#include <algorithm>

namespace models {

namespace {
constexpr std::array<const char*, kMilestoneCount> kMilestoneNames = {
    "report", "referral", "charge", "first_hearing", "ptph", "trial_start", "completion"};
}  // namespace

const char* milestone_name(Milestone m) { return kMilestoneNames[static_cast<std::size_t>(m)]; }

std::optional<Milestone> milestone_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kMilestoneCount; ++i)
    if (name == kMilestoneNames[i]) return static_cast<Milestone>(i);
  return std::nullopt;
}

const char* stage_kind_name(StageKind k) {
  switch (k) {
    case StageKind::kWork: return "work";
    case StageKind::kDelay: return "delay";
    case StageKind::kDecision: return "decision";
    case StageKind::kCourt: return "court";
    case StageKind::kTerminal: return "terminal";
  }
  return "?";
}

const char* adjournment_cause_name(AdjournmentCause c) {
  switch (c) {
    case AdjournmentCause::kProsecutionNotReady: return "prosecution_not_ready";
    case AdjournmentCause::kDefenceNotReady: return "defence_not_ready";
    case AdjournmentCause::kWitnessAbsent: return "prosecution_witness_absent";
    case AdjournmentCause::kDefendantAbsent: return "defendant_absent_or_ill";
    case AdjournmentCause::kAdvocateUnavailable: return "advocate_unavailable";
    case AdjournmentCause::kOther: return "other";
    case AdjournmentCause::kNoCourtroom: return "no_courtroom_or_judge";
    case AdjournmentCause::kOverrun: return "overrun";
  }
  return "?";
}

const char* listing_policy_name(ListingPolicy p) {
  switch (p) {
    case ListingPolicy::kFirstComeFirstServed: return "fcfs";
    case ListingPolicy::kCustodyFirst: return "custody_first";
    case ListingPolicy::kOldestFirst: return "oldest_first";
    case ListingPolicy::kRassoPriority: return "rasso_priority";
  }
  return "?";
}

double Listing::early_total() const {
  double sum = 0;
  for (double p : early) sum += p;
  return sum;
}

double Listing::late_total() const {
  double sum = 0;
  for (double p : late) sum += p;
  return sum;
}

double OtherWork::share_at(Date d) const {
  double share = 0;
  for (const auto& [from, value] : changes)
    if (from <= d) share = value;
  return share;
}

int Pool::count_at(Date d) const {
  int n = count;
  for (const auto& c : changes)
    if (c.from <= d) n = c.count;
  return n;
}

std::vector<std::string> Scenario::outcomes() const {
  std::vector<std::string> out;
  for (const auto& s : stages)
    if (s.kind == StageKind::kTerminal) out.push_back(s.outcome);
  out.push_back(withdrawal.outcome);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<std::size_t> Scenario::stage_index(std::string_view name) const {
  for (std::size_t i = 0; i < stages.size(); ++i)
    if (stages[i].name == name) return i;
  return std::nullopt;
}

}  // namespace models
