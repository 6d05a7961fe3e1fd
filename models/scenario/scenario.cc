#include "models/scenario/scenario.h"

#include <algorithm>
#include <cmath>

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

const std::vector<std::string>& milestone_words() {
  static const std::vector<std::string> words(kMilestoneNames.begin(), kMilestoneNames.end());
  return words;
}

const std::vector<std::string>& stage_milestone_words() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> w;
    for (std::size_t i = 0; i < kMilestoneCount; ++i)
      if (static_cast<Milestone>(i) != Milestone::kReport &&
          static_cast<Milestone>(i) != Milestone::kCompletion)
        w.emplace_back(kMilestoneNames[i]);
    return w;
  }();
  return words;
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

double Listing::early_probability(int adjournments, double multiplier) const {
  return std::min(1.0, early_total() * std::pow(repeat_multiplier, adjournments) * multiplier);
}

double Listing::cracked_probability(double multiplier) const {
  return std::min(1.0, cracked * multiplier);
}

double Listing::late_probability(double p_cracked, int adjournments, double multiplier) const {
  return std::min(1.0 - p_cracked,
                  late_total() * std::pow(repeat_multiplier, adjournments) * multiplier);
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

bool Scenario::offence_dates() const {
  for (const CaseType& t : case_types)
    if (t.offence_to_report) return true;
  return false;
}

}  // namespace models
