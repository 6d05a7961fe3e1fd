#include "output/summary_table.h"

#include <fmt/format.h>

#include <cmath>

namespace output {

namespace {
std::string value(double v, models::Unit unit) {
  if (!std::isfinite(v)) return "-";
  if (models::unit_scale(unit) == models::Scale::kShare) return fmt::format("{:.1f}%", 100 * v);
  return fmt::format("{:.1f}", v);
}
}  // namespace

std::string summary_table(const models::RunSummary& summary) {
  std::string out = fmt::format("{} — {} replications, seed {}\n", summary.scenario,
                                summary.replications, summary.seed);
  out += fmt::format("{:<48} {:>10} {:>22} {:>10} {:>10}\n", "metric", "mean", "95% CI", "median",
                     "p90");
  for (const auto& m : summary.metrics) {
    if (m.group == models::MetricGroup::kQueues ||
        m.group == models::MetricGroup::kWithdrawalByStage ||
        m.group == models::MetricGroup::kDelaysByYear || m.group == models::MetricGroup::kStillOpen)
      continue;  // in summary.json; too detailed for the terminal (cautions name the ones to read)
    const std::string ci = std::isfinite(m.ci_low)
                               ? fmt::format("{} – {}", value(m.ci_low, m.unit), value(m.ci_high, m.unit))
                               : "-";
    out += fmt::format("{:<48} {:>10} {:>22} {:>10} {:>10}\n", m.name, value(m.mean, m.unit), ci,
                       value(m.median, m.unit), value(m.p90, m.unit));
  }
  out += fmt::format(
      "\ncounted: reports from day {:.0f} to day {:.0f}, followed for {:.0f} days to the horizon\n",
      summary.cohort.first_report, summary.cohort.last_report, summary.cohort.follow_up);
  for (const auto& c : summary.cautions) out += "caution: " + c + "\n";
  return out;
}

}  // namespace output
