#include "models/results/metric_target.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "models/scenario/did_you_mean.h"
#include "models/scenario/scenario_error.h"
#include "sim/confidence_interval.h"

namespace models {

namespace {

constexpr const char* kTargetExpected =
    "expected \"FIGURE <= VALUE\" or \"FIGURE >= VALUE\", e.g. \"charge_to_trial_start_days.p90 "
    "<= 365\"";

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() > tail.size() && s.substr(s.size() - tail.size()) == tail;
}

Figure read_figure(std::string_view text) {
  Figure f;
  if (ends_with(text, ".median")) {
    f.statistic = Statistic::kMedian;
    text.remove_suffix(7);
  } else if (ends_with(text, ".p90")) {
    f.statistic = Statistic::kP90;
    text.remove_suffix(4);
  } else if (ends_with(text, ".mean")) {
    text.remove_suffix(5);
  }
  f.metric = std::string(text);
  return f;
}

// Medians and 90th percentiles across replications are kept for the delays.
bool is_delay(const std::string& name) {
  return std::any_of(kDelayMetrics.begin(), kDelayMetrics.end(),
                     [&](const DelayMetric& d) { return name == d.name; });
}

const std::vector<double>* values_of(const Metric& m, Statistic s) {
  switch (s) {
    case Statistic::kMean: return &m.per_replication;
    case Statistic::kMedian: return is_delay(m.name) ? &m.per_replication_median : nullptr;
    case Statistic::kP90: return is_delay(m.name) ? &m.per_replication_p90 : nullptr;
  }
  return nullptr;
}

}  // namespace

std::string Figure::to_string() const {
  switch (statistic) {
    case Statistic::kMean: return metric;
    case Statistic::kMedian: return metric + ".median";
    case Statistic::kP90: return metric + ".p90";
  }
  return metric;
}

std::optional<Estimate> estimate(const RunSummary& summary, const Figure& figure, double level) {
  const Metric* m = summary.find(figure.metric);
  if (!m) return std::nullopt;
  const std::vector<double>* values = values_of(*m, figure.statistic);
  if (!values) return std::nullopt;
  const auto ci = sim::confidence_interval(*values, level);
  return Estimate{ci.mean, ci.low, ci.high};
}

std::string MetricTarget::to_string() const {
  return fmt::format("{} {} {}", figure.to_string(), at_most ? "<=" : ">=", value);
}

MetricTarget parse_metric_target(std::string_view text) {
  const std::string shown = fmt::format("--target \"{}\"", text);
  const auto op = text.find_first_of("<>");
  if (op == std::string_view::npos) throw ScenarioError({{shown, "", kTargetExpected}});
  MetricTarget t;
  t.at_most = text[op] == '<';
  t.figure = read_figure(trim(text.substr(0, op)));
  std::string_view rest = text.substr(op + 1);
  if (!rest.empty() && rest.front() == '=') rest.remove_prefix(1);
  rest = trim(rest);
  const char* end = rest.data() + rest.size();
  const auto [ptr, ec] = std::from_chars(rest.data(), end, t.value);
  if (t.figure.metric.empty() || rest.empty() || ec != std::errc() || ptr != end ||
      !std::isfinite(t.value))
    throw ScenarioError({{shown, "", kTargetExpected}});
  return t;
}

std::string figure_problem(const RunSummary& summary, const Figure& figure) {
  const Metric* m = summary.find(figure.metric);
  if (!m) {
    std::vector<std::string> names;
    for (const auto& other : summary.metrics) names.push_back(other.name);
    return fmt::format("'{}' is not a figure of this scenario{}; expected a metric of "
                       "summary.json, optionally with .median or .p90",
                       figure.metric, suggestion(figure.metric, names, 3));
  }
  if (!values_of(*m, figure.statistic))
    return fmt::format("'{}' has no {} across replications; medians and 90th percentiles are "
                       "kept for the delays between milestones (report_to_charge_days and the like)",
                       figure.metric, figure.statistic == Statistic::kMedian ? "median" : "p90");
  return {};
}

}  // namespace models
