#pragma once

// The charts of report.html, each a Vega-Lite specification written from the
// results. The page draws them with the inlined Vega libraries; nothing here
// draws anything, so a chart is data and a declaration of how to show it,
// testable as JSON.
//
// Every builder takes the scenarios to show: one for `run`, the baseline
// first and then the policies for `compare` (drawn side by side, coloured by
// scenario). A builder returns nothing when the results have nothing for it
// to show (no deadlines, no withdrawal), so the page never has an empty chart.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/results/comparison.h"
#include "output/html_report.h"

namespace output {

struct ReportChart {
  std::string title;
  std::string caption;  // a sentence on how to read it
  nlohmann::ordered_json spec;
};

using ReportScenarios = std::vector<ReportScenario>;

// The start of every chart's specification: the Vega-Lite schema, white
// background, padding and the shared fonts and axis style, for charts made
// outside this file (the fit report's) to look like these.
nlohmann::ordered_json chart_spec_base();
inline constexpr int kChartWidth = 640;  // px: a portrait A4 page with axis labels beside it

// Mean (with its interval), median and 90th percentile of each delay; one
// chart per scenario, on a common axis.
std::vector<ReportChart> delay_charts(const ReportScenarios& scenarios);

// Open cases in each stage, week by week, stacked; one chart per scenario.
std::vector<ReportChart> open_by_stage_charts(const ReportScenarios& scenarios);

// Today's caseload (open_cases.initial) and new reports (open_cases.new)
// still open, week by week.
std::optional<ReportChart> backlog_chart(const ReportScenarios& scenarios);

// Shares with their intervals as bars, for the metrics of `group` measured
// in shares, each labelled with its short label, in the first scenario's order.
// `whole_scale` draws 0-100% (compliance, utilisation); otherwise the axis
// ends just past the largest share, so small shares stay visible.
std::optional<ReportChart> share_chart(const ReportScenarios& scenarios, models::MetricGroup group,
                                       bool whole_scale, std::string title, std::string caption);

// The same for metrics of `group` in any one unit (cases a year, days):
// the axis starts at zero and is titled with the unit.
std::optional<ReportChart> figure_chart(const ReportScenarios& scenarios, models::MetricGroup group,
                                        models::Unit unit, bool whole_scale, std::string title,
                                        std::string caption);

// Each delay by year of its first milestone (by_year.*), a line per
// scenario with its interval band, one panel per delay; years whose cases are
// largely still open are marked.
std::optional<ReportChart> delays_by_year_chart(const ReportScenarios& scenarios);

// A weekly series per pool ("utilisation." or "queue."), one panel a pool.
std::optional<ReportChart> pool_series_chart(const ReportScenarios& scenarios,
                                             const std::string& prefix, std::string title,
                                             std::string caption);

// Each metric's paired difference, policy minus baseline, with its interval,
// coloured by verdict: one forest plot per unit (days, percentage points...).
std::vector<ReportChart> difference_charts(const models::ScenarioComparison& comparison);

}  // namespace output
