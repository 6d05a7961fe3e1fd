#pragma once

// The page every casesim report is drawn on, the run report (report.html) and
// the fit report (fit-report.html) alike: one self-contained HTML document
// with the shared style, the script that counts errors for the browser test,
// and the Vega libraries inlined so that the charts draw offline.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "output/report_charts.h"

namespace output {

// The body of a report, assembled in order; charts are numbered as they are
// added, and each becomes a container with its specification beside it.
class ReportPage {
 public:
  void add(std::string_view html) { html_ += html; }
  void chart(const ReportChart& c);
  void chart(const std::optional<ReportChart>& c) {
    if (c) chart(*c);
  }
  void charts(const std::vector<ReportChart>& cs) {
    for (const auto& c : cs) chart(c);
  }
  int chart_count() const { return charts_; }
  const std::string& html() const { return html_; }

 private:
  std::string html_;
  int charts_ = 0;
};

// Shared by every casesim page (report.html, fit-report.html and the
// workshop page): the hidden list #`log_id` and the script, to run before any
// other, that counts every script error, rejected promise and console error
// or warning on <body> (data-errors, data-warnings) and lists it there, so a
// browser test, or a reader's browser tools, can see a chart that failed to
// draw.
std::string page_error_log(std::string_view log_id);
// The Vega, Vega-Lite and Vega-Embed libraries as inline <script> elements,
// so that charts draw offline.
std::string vega_scripts();

// The whole document: `title` in the head, the page in <main>, a footer
// crediting the chart libraries, and the scripts that draw every chart.
// <body> declares data-chart-count and counts data-charts-drawn, and any
// script error or console warning lands in data-errors / data-warnings.
std::string report_document(const std::string& title, const ReportPage& page);

}  // namespace output
