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

CauseFactors CausePersistence::factors(double frailty, const CauseCounts& counts) const {
  int case_side_total = 0;
  for (std::size_t i = 0; i < kDrawnCauseCount; ++i)
    if (case_side[i]) case_side_total += counts[i];
  CauseFactors f = kPlainCauses;
  for (std::size_t i = 0; i < kDrawnCauseCount; ++i)
    if (case_side[i])
      f[i] = frailty * std::pow(same_cause_multiplier, counts[i]) *
             std::pow(other_cause_multiplier, case_side_total - counts[i]);
  return f;
}

double CourtMoves::total() const {
  double sum = 0;
  for (double p : chance) sum += p;
  return sum;
}

std::array<double, kDrawnCauseCount> Listing::early_weights(const CauseFactors& factors) const {
  std::array<double, kDrawnCauseCount> w{};
  for (std::size_t i = 0; i < kDrawnCauseCount; ++i) w[i] = early[i] * factors[i];
  return w;
}

std::array<double, kDrawnCauseCount> Listing::late_weights(const CauseFactors& factors) const {
  std::array<double, kDrawnCauseCount> w{};
  for (std::size_t i = 0; i < kDrawnCauseCount; ++i) w[i] = late[i] * factors[i];
  return w;
}

double Listing::persisted(double plain, double with) const {
  return std::min(with, std::max(plain, persistence->max_chance));
}

double Listing::early_probability(int adjournments, double multiplier,
                                  const CauseFactors& factors) const {
  const double repeat = std::pow(repeat_multiplier, adjournments);
  const double plain = std::min(1.0, early_total() * repeat * multiplier);
  if (!persistence) return plain;
  double sum = 0;
  for (double w : early_weights(factors)) sum += w;
  return persisted(plain, std::min(1.0, sum * repeat * multiplier));
}

double Listing::cracked_probability(double multiplier) const {
  return std::min(1.0, cracked * multiplier);
}

double Listing::late_probability(double p_cracked, int adjournments, double multiplier,
                                 const CauseFactors& factors) const {
  const double repeat = std::pow(repeat_multiplier, adjournments);
  const double plain = std::min(1.0 - p_cracked, late_total() * repeat * multiplier);
  if (!persistence) return plain;
  double sum = 0;
  for (double w : late_weights(factors)) sum += w;
  return persisted(plain, std::min(1.0 - p_cracked, sum * repeat * multiplier));
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
