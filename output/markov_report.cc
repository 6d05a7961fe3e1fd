#include "output/markov_report.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace output {

namespace {
nlohmann::ordered_json number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}
std::string days(double v) { return std::isfinite(v) ? fmt::format("{:.1f}", v) : "-"; }
}  // namespace

std::string markov_table(const models::Scenario& s, const models::MarkovResult& r) {
  std::string out = fmt::format(
      "{} — analytic, unlimited capacity (no queues)\n\n{:<28} {:>12} {:>18}\n", s.meta.name,
      "outcome", "probability", "mean days to it");
  for (std::size_t i = 0; i < r.outcomes.size(); ++i)
    out += fmt::format("{:<28} {:>11.2f}% {:>18}\n", r.outcomes[i],
                       100 * r.outcome_probability[i], days(r.mean_days_to_outcome[i]));
  out += fmt::format("{:<28} {:>12} {:>18}\n", "any outcome (completion)", "100.00%",
                     days(r.mean_days_to_completion));
  out += fmt::format("\n{:<28} {:>12} {:>18}\n", "milestone", "reached", "mean days from report");
  for (std::size_t m = 0; m < models::kMilestoneCount; ++m) {
    const auto& p = r.milestone_probability[m];
    const auto& t = r.milestone_mean_days[m];
    out += fmt::format("{:<28} {:>12} {:>18}\n", models::milestone_name(static_cast<models::Milestone>(m)),
                       p ? fmt::format("{:.2f}%", 100 * *p) : "-", t ? days(*t) : "-");
  }
  if (!r.warning.empty()) out += "\nnote: " + r.warning + "\n";
  return out;
}

std::string markov_json(const models::Scenario& s, const models::MarkovResult& r) {
  nlohmann::ordered_json j;
  j["scenario"] = s.meta.name;
  j["method"] = "absorbing semi-Markov chain, unlimited capacity";
  auto& outcomes = j["outcomes"] = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < r.outcomes.size(); ++i)
    outcomes[r.outcomes[i]] = {{"probability", number(r.outcome_probability[i])},
                               {"mean_days", number(r.mean_days_to_outcome[i])}};
  j["mean_days_to_completion"] = number(r.mean_days_to_completion);
  auto& milestones = j["milestones"] = nlohmann::ordered_json::object();
  for (std::size_t m = 0; m < models::kMilestoneCount; ++m) {
    const auto& p = r.milestone_probability[m];
    const auto& t = r.milestone_mean_days[m];
    milestones[models::milestone_name(static_cast<models::Milestone>(m))] = {
        {"probability", p ? number(*p) : nullptr}, {"mean_days", t ? number(*t) : nullptr}};
  }
  auto& visits = j["expected_visits"] = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < s.stages.size() && i < r.expected_visits.size(); ++i)
    visits[s.stages[i].name] = number(r.expected_visits[i]);
  if (!r.warning.empty()) j["warning"] = r.warning;
  return j.dump(2) + "\n";
}

}  // namespace output
