#include "output/comparison_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>


namespace output {

namespace {

// The figures a planner asks about first; the rest are in the files.
bool headline(const models::MetricDifference& m) {
  using K = models::MetricKind;
  return m.kind == K::kDelay || m.kind == K::kWithdrawalOutcomeShare ||
         m.kind == K::kDeadlineMet || m.kind == K::kChargesPerYear || m.kind == K::kChargeRate ||
         m.kind == K::kConvictionsPerYear || m.kind == K::kWithdrawalBeforeCharge ||
         m.kind == K::kWithdrawalAfterCharge;
}

bool is_share(const models::MetricDifference& m) {
  return models::unit_scale(m.unit) == models::Scale::kShare;
}
bool is_time(const models::MetricDifference& m) {
  return models::unit_scale(m.unit) == models::Scale::kDuration;
}

// A level: "540.3 days", "28.4%".
std::string level(const models::MetricDifference& m, double v) {
  if (!std::isfinite(v)) return "none";
  if (is_share(m)) return fmt::format("{:.1f}%", 100 * v);
  return fmt::format("{:.1f}", v);
}

double shown(const models::MetricDifference& m, double v) {
  return std::abs(is_share(m) ? 100 * v : v);
}

// One decimal, unless the difference would show as 0.0 and yet is not 0: a
// "worse" beside "0.0 longer" reads as a contradiction, so show two
// significant figures of it (0.0043), up to four decimals.
int decimals(const models::MetricDifference& m) {
  const double d = shown(m, m.difference);
  if (!(d > 0) || d >= 0.05) return 1;
  return std::min(4, 1 + static_cast<int>(std::ceil(-std::log10(d))));
}

// A change's size, without its sign: shares in percentage points.
std::string size(const models::MetricDifference& m, double v) {
  return fmt::format("{:.{}f}", shown(m, v), decimals(m));
}

// The words for a change downwards and upwards.
std::pair<std::string, std::string> directions(const models::MetricDifference& m) {
  if (is_time(m)) return {"shorter", "longer"};
  if (is_share(m)) return {"points lower", "points higher"};
  return {"lower", "higher"};
}

std::string unit_words(const models::MetricDifference& m) {
  return is_time(m) ? std::string(" ") + models::unit_words(m.unit) : std::string();
}

// "59.8 shorter (95% CI 48.0 to 71.6)"; an interval on both sides of 0 says
// so in words: "(95% CI 5.0 shorter to 1.0 longer)".
std::string change(const models::MetricDifference& m) {
  const auto [down, up] = directions(m);
  std::string out;
  if (m.difference == 0)
    out = "no change";
  else
    out = size(m, m.difference) + " " + (m.difference < 0 ? down : up);
  if (m.ci_high <= 0 && m.ci_low < 0)
    out += fmt::format(" (95% CI {} to {})", size(m, m.ci_high), size(m, m.ci_low));
  else if (m.ci_low >= 0 && m.ci_high > 0)
    out += fmt::format(" (95% CI {} to {})", size(m, m.ci_low), size(m, m.ci_high));
  else if (m.ci_low < 0 && m.ci_high > 0)
    out += fmt::format(" (95% CI {} {} to {} {})", size(m, m.ci_low), down, size(m, m.ci_high), up);
  else
    out += " (95% CI 0.0 to 0.0)";  // the same in every replication
  return out;
}

std::string line(const models::MetricDifference& m, std::size_t width) {
  std::string text = fmt::format("{:<{}} {} -> {}{}, ", m.name + ":", width,
                                 level(m, m.baseline_mean), level(m, m.policy_mean), unit_words(m));
  if (!m.note.empty()) return text + change(m) + " — not comparable: " + m.note + "\n";
  if (m.verdict == models::Verdict::kNotComparable) {
    if (!std::isfinite(m.baseline_mean))
      return text + "not comparable (the baseline has no figure)\n";
    if (!std::isfinite(m.policy_mean)) return text + "not comparable (the policy has no figure)\n";
    return text + (m.pairs == 0
                       ? "not comparable (no replication had a figure in both runs)\n"
                       : "not comparable (only one replication had a figure in both runs; an "
                         "interval needs two)\n");
  }
  return text + change(m) + " — " + models::verdict_name(m.verdict) + "\n";
}

}  // namespace

std::string comparison_table(const ComparisonRun& run) {
  std::string out = fmt::format(
      "Baseline: {}\n{} replications of each scenario, seed {}: replication r of every scenario "
      "met the same reports and the same luck (common random numbers), so the differences below "
      "are the policy's, with 95% intervals.\n",
      run.baseline.scenario->meta.name, run.replications, run.seed);
  for (std::size_t p = 0; p < run.policies.size(); ++p) {
    out += fmt::format("\nPolicy: {}\n", run.policies[p].scenario->meta.name);
    for (const auto& w : run.policies[p].warnings) out += "  note: " + w + "\n";
    std::size_t width = 0;
    for (const auto& m : run.comparisons[p].metrics)
      if (headline(m)) width = std::max(width, m.name.size() + 1);
    for (const auto& m : run.comparisons[p].metrics)
      // A milestone neither run has (no courts in the pathway) has nothing to say.
      if (headline(m) && (std::isfinite(m.baseline_mean) || std::isfinite(m.policy_mean)))
        out += "  " + line(m, width);
  }
  return out;
}

}  // namespace output
