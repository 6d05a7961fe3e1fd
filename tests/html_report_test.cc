// report.html: the words and numbers a planner reads, the escaping that keeps
// scenario text inert, and the page's promise to the browser test (as many
// chart containers as it declares, each with a specification that parses).
// Drawing the charts is tests/report_browser_test.sh's job.
#include "output/html_report.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "models/results/comparison.h"
#include "models/results/run_summary.h"
#include "models/scenario/scenario.h"
#include "output/report_text.h"
#include "sim/calendar.h"

namespace {

namespace text = output::report_text;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

models::Metric metric(std::string name, models::Unit unit, double mean, double low, double high) {
  models::Metric m;
  m.name = std::move(name);
  m.unit = unit;
  m.mean = mean;
  m.ci_low = low;
  m.ci_high = high;
  m.median = mean * 0.9;
  m.p90 = mean * 1.7;
  return m;
}

// The catalogue's metric of kind `kind` for `subject`.
models::Metric catalogued(models::MetricKind kind, const std::string& subject, double mean,
                          double low, double high) {
  const models::MetricSpec& spec = models::metric_spec(kind);
  models::Metric m = metric(models::metric_name(kind, subject), spec.unit, mean, low, high);
  m.kind = kind;
  m.subject = subject;
  m.better = spec.better;
  m.group = spec.group;
  return m;
}

models::MetricDifference difference(models::Unit unit, double d, double low, double high,
                                    models::Verdict v) {
  models::MetricDifference m;
  m.name = "report_to_trial_start_days";
  m.unit = unit;
  m.difference = d;
  m.ci_low = low;
  m.ci_high = high;
  m.verdict = v;
  return m;
}

// A scenario whose every piece of text tries to break out of the page.
models::Scenario hostile_scenario() {
  models::Scenario s;
  s.meta.name = "</script><script>alert(1)</script> & co";
  s.meta.description = "<b>bold</b> \"quoted\"";
  s.meta.notes = {"<!-- a note -->"};
  s.meta.start_date = *sim::parse_iso_date("2024-04-01");
  s.meta.horizon_days = 28;
  s.stages.push_back({});
  s.stages.back().name = "investigation";
  s.stages.back().kind = models::StageKind::kDelay;
  s.pools.push_back({});
  s.pools.back().name = "investigators";
  s.pools.back().count = 3;
  return s;
}

models::RunSummary summary_for(const std::string& name) {
  models::RunSummary r;
  r.scenario = name;
  r.replications = 3;
  using K = models::MetricKind;
  r.metrics.push_back(catalogued(K::kDelay, "report_to_charge", 231.2, 220.4, 242.1));
  r.metrics.push_back(catalogued(K::kOutcomeShare, "convicted", 0.118, 0.107, 0.13));
  r.metrics.push_back(catalogued(K::kPoolUtilisation, "investigators", 0.8, 0.7, 0.9));
  r.weeks.day = {0, 7, 14, 21};
  r.weeks.names = {"open_cases.initial", "open_cases.new", "open.investigation",
                   "queue.investigators", "utilisation.investigators"};
  r.weeks.mean = {{0, 0, 0, 0}, {1, 2, 3, 4}, {1, 2, 3, 4}, {0, 1, 0, 1}, {0.5, 0.6, 0.7, 0.8}};
  return r;
}

int count(const std::string& s, const std::string& what) {
  int n = 0;
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("Numbers carry thousands separators, true minus signs and no false precision",
          "[report]") {
  CHECK(text::number(1234567.25, 0) == "1,234,567");
  CHECK(text::number(999.96, 1) == "1,000.0");
  CHECK(text::number(-1500, 0) == "\u22121,500");
  CHECK(text::number(-0.01, 1) == "0.0");  // no "-0.0"
  CHECK(text::number(kNaN, 1) == "\u2013");
  using models::Unit;
  CHECK(text::decimals_for(600, Unit::kDays) == 0);
  CHECK(text::decimals_for(45.3, Unit::kDays) == 1);
  CHECK(text::decimals_for(0.4567, Unit::kPerListedCase) == 2);
  CHECK(text::value_text(0.1234, Unit::kShare, 1, {}) == "12.3%");
  CHECK(text::value_text(3.5, Unit::kWorkingDays, 1, {}) == "3.5 working days");
  const auto start = *sim::parse_iso_date("2024-04-01");
  CHECK(text::value_text(30.7, Unit::kDay, 0, start) == "2024-05-01");
}

TEST_CASE("A headline figure reads as a sentence with its interval", "[report]") {
  const auto start = *sim::parse_iso_date("2024-04-01");
  CHECK(text::figure_with_interval(metric("x_days", models::Unit::kDays, 600.2, 597.1, 604.4), start) ==
        "600 days (95% CI 597\u2013604)");
  CHECK(text::figure_with_interval(metric("s", models::Unit::kShare, 0.123, 0.12, 0.126), start) ==
        "12.3% (95% CI 12.0\u201312.6%)");
  CHECK(text::figure_with_interval(metric("x_days", models::Unit::kDays, 12, kNaN, kNaN), start) ==
        "12.0 days (no interval: fewer than two replications had a value)");
}

TEST_CASE("A difference says which way, how far, and its interval as sizes", "[report]") {
  using models::Verdict;
  CHECK(text::difference_text(difference(models::Unit::kDays, -61.2, -74.1, -48.3, Verdict::kBetter)) ==
        "61.2 days shorter than the baseline (48.3\u201374.1)");
  CHECK(text::difference_text(difference(models::Unit::kDays, -161.2, -174.1, -148.3, Verdict::kBetter)) ==
        "161 days shorter than the baseline (148\u2013174)");
  CHECK(text::difference_text(difference(models::Unit::kShare, 0.012, 0.004, 0.02, Verdict::kChanged)) ==
        "1.2 percentage points higher than the baseline (0.4\u20132.0)");
  CHECK(text::difference_text(difference(models::Unit::kDays, 2, -3, 7, Verdict::kNoClearDifference)) ==
        "2.0 days longer than the baseline (from 3.0 shorter to 7.0 longer)");
  CHECK(text::difference_text(difference(models::Unit::kDays, kNaN, kNaN, kNaN, Verdict::kNotComparable)) ==
        "not comparable with the baseline");
  CHECK(std::string(models::verdict_name(Verdict::kNoClearDifference)) == "no clear difference");
}

TEST_CASE("Metrics read as a planner says them, from the catalogue's label", "[report]") {
  using K = models::MetricKind;
  CHECK(text::metric_label(K::kDelay, "report_to_trial_start") == "Report to trial start");
  CHECK(text::metric_label(K::kOutcomeShare, "police_nfa") == "Outcome: police NFA");
  CHECK(text::metric_label(K::kDeadlineMet, "charge_to_ptph") == "Deadline met: charge to PTPH");
  CHECK(text::metric_label(K::kPoolUtilisation, "cps_lawyers") == "Busy share of CPS lawyers");
  CHECK(text::metric_label(K::kTrialsEffective, "") == "Trials: effective share");
  models::Metric m;
  m.kind = K::kTrialsEffective;
  CHECK(text::short_label(m) == "Effective");
  m.kind = K::kPoolUtilisation;
  m.subject = "cps_lawyers";
  CHECK(text::short_label(m) == "CPS lawyers");
}

TEST_CASE("Scenario text never becomes markup, in the page or in a chart specification",
          "[report]") {
  CHECK(text::escape_html("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  const std::string json = text::script_safe_json(R"({"t":"</script><!--&"})");
  CHECK(json == R"({"t":"\u003c/script\u003e\u003c!--\u0026"})");
  CHECK(nlohmann::json::parse(json)["t"] == "</script><!--&");

  const models::Scenario s = hostile_scenario();
  const models::RunSummary r = summary_for(s.meta.name);
  output::ReportInput in;
  in.baseline = {&s, &r, ""};
  const std::string page = output::html_report(in);
  // The only <script> elements are the page's own: three libraries, two
  // scripts of its own, and one specification per chart.
  const std::regex declared("data-chart-count=\"([0-9]+)\"");
  std::smatch m;
  REQUIRE(std::regex_search(page, m, declared));
  const int charts = std::stoi(m[1]);
  CHECK(charts >= 3);
  CHECK(count(page, "<script") == 5 + charts);
  CHECK(count(page, "</script>") == 5 + charts);
  CHECK(page.find("<script>alert(1)") == std::string::npos);
  CHECK(page.find("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co") !=
        std::string::npos);
  CHECK(page.find("<b>bold</b>") == std::string::npos);
  CHECK(page.find("&lt;!-- a note --&gt;") != std::string::npos);
}

TEST_CASE("Every chart the page declares has a container and a specification that parses",
          "[report]") {
  const models::Scenario base = hostile_scenario();
  models::Scenario policy = hostile_scenario();
  policy.meta.name = "More investigators";
  const models::RunSummary rb = summary_for(base.meta.name), rp = summary_for(policy.meta.name);
  models::ScenarioComparison c;
  c.baseline = base.meta.name;
  c.policy = policy.meta.name;
  c.metrics.push_back(difference(models::Unit::kDays, -61.2, -74.1, -48.3, models::Verdict::kBetter));
  c.metrics.push_back(difference(models::Unit::kShare, 0.01, -0.01, 0.03, models::Verdict::kNoClearDifference));
  c.metrics.back().name = "outcome_share.convicted";
  output::ReportInput in;
  in.baseline = {&base, &rb, "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"};
  in.policies.push_back({&policy, &rp, ""});
  in.comparisons.push_back(c);
  const std::string page = output::html_report(in);

  std::smatch m;
  REQUIRE(std::regex_search(page, m, std::regex("data-chart-count=\"([0-9]+)\"")));
  const int charts = std::stoi(m[1]);
  CHECK(charts >= 5);  // two forest plots, delays, stages, backlog...
  CHECK(count(page, "<div class=\"chart\" id=\"chart-") == charts);
  for (int i = 0; i < charts; ++i) {
    const std::string open = fmt::format("<script type=\"application/json\" id=\"spec-{}\">", i);
    const auto at = page.find(open);
    REQUIRE(at != std::string::npos);
    const auto end = page.find("</script>", at);
    const auto spec = nlohmann::json::parse(page.substr(at + open.size(), end - at - open.size()));
    CHECK(spec["$schema"].get<std::string>().find("vega-lite") != std::string::npos);
  }
  CHECK(page.find("61.2 days shorter than the baseline (48.3\u201374.1)") != std::string::npos);
  CHECK(page.find("<span class=\"badge better\">better</span>") != std::string::npos);
  CHECK(page.find("src=\"data:image/svg+xml;base64,") != std::string::npos);
  CHECK(page.find("<svg xmlns=") == std::string::npos);  // the drawing is encoded, inert
}
