#include "output/summary_table.h"

#include <fmt/format.h>

#include <cmath>

namespace output {

namespace {
std::string value(double v, const std::string& unit) {
  if (!std::isfinite(v)) return "-";
  if (unit == "share") return fmt::format("{:.1f}%", 100 * v);
  return fmt::format("{:.1f}", v);
}
}  // namespace

std::string summary_table(const models::RunSummary& summary) {
  std::string out = fmt::format("{} — {} replications, seed {}\n", summary.scenario,
                                summary.replications, summary.seed);
  out += fmt::format("{:<48} {:>10} {:>22} {:>10} {:>10}\n", "metric", "mean", "95% CI", "median",
                     "p90");
  for (const auto& m : summary.metrics) {
    if (m.name.rfind("mean_queue.", 0) == 0 || m.name.rfind("withdrawal_share_by_stage.", 0) == 0)
      continue;  // in summary.json; too detailed for the terminal
    const std::string ci = std::isfinite(m.ci_low)
                               ? fmt::format("{} – {}", value(m.ci_low, m.unit), value(m.ci_high, m.unit))
                               : "-";
    out += fmt::format("{:<48} {:>10} {:>22} {:>10} {:>10}\n", m.name, value(m.mean, m.unit), ci,
                       value(m.median, m.unit), value(m.p90, m.unit));
  }
  return out;
}

}  // namespace output
