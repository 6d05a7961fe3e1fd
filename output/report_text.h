#pragma once

// The words and numbers of report.html: metric names as a planner would say
// them, figures with thousands separators and their intervals, differences
// as "61 days shorter than the baseline (48–74)", and the escaping that keeps
// scenario text from ever becoming markup.

#include <string>
#include <string_view>

#include "models/results/comparison.h"
#include "models/results/run_summary.h"
#include "models/scenario/scenario.h"

namespace output::report_text {

// Text safe inside HTML elements and quoted attributes.
std::string escape_html(std::string_view text);

// JSON text safe inside <script type="application/json">: '<', '>' and '&'
// (which JSON allows only inside strings) become \u003c, \u003e, \u0026, so
// neither "</script>" nor "<!--" can end or confuse the element.
std::string script_safe_json(std::string_view json_text);

// "police_nfa" -> "police NFA": underscores to spaces, known acronyms upper case.
std::string humanise(std::string_view name);
// humanise() with the first letter upper case.
std::string sentence_case(std::string_view name);

// A metric as a planner says it, from the catalogue's label and the
// metric's subject: "Report to trial start", "Outcome: convicted".
std::string metric_label(models::MetricKind kind, const std::string& subject);
inline std::string metric_label(const models::Metric& m) { return metric_label(m.kind, m.subject); }
inline std::string metric_label(const models::MetricDifference& d) {
  if (d.statistic.empty()) return metric_label(d.kind, d.subject);
  return metric_label(d.kind, d.subject) +
         (d.statistic == "median" ? " (median)" : " (90th percentile)");
}
// The same, short, beside its siblings in a chart of its group: "Effective",
// "Investigators".
std::string short_label(const models::Metric& m);

// v with `decimals` places, thousands separators and a true minus sign:
// 12345.6 -> "12,345.6".
std::string number(double v, int decimals);

// Places that show a metric's mean and interval without false precision:
// none from 100 up, one below (two below 1); shares as percentages with one.
int decimals_for(double v, models::Unit unit);

// One value in its unit: "600 days", "12.3%", "1,234", "2026-03-14" (unit
// "day": days from `start`). "–" when not finite.
std::string value_text(double v, models::Unit unit, int decimals, models::Date start);

// "600 days (95% CI 597–604)", "12.3% (95% CI 12.0–12.6%)", or the value
// and "(no interval: one replication)" when the interval is unknown.
std::string figure_with_interval(const models::Metric& m, models::Date start);

// How the policy differs, in words: "61 days shorter than the baseline
// (48–74)", "1.2 percentage points higher than the baseline (0.4–2.0)",
// "2 days longer than the baseline (from 3 shorter to 7 longer)".
std::string difference_text(const models::MetricDifference& d);

// A CSS-class-safe form: "better", "worse", "unclear", "changed", "not-comparable".
const char* verdict_class(models::Verdict v);

}  // namespace output::report_text
