#include "output/report_page.h"

#include <fmt/format.h>

#include "output/report_text.h"
#include "output/vega_bundle.h"

namespace output {

namespace {

// Print: no dark backgrounds, no chart or card split across pages, and
// charts scaled down to the page rather than cut off.
constexpr std::string_view kStyle = R"css(
:root { --ink: #1d1d1d; --muted: #555; --rule: #d9d9d9; --accent: #1f4e79;
        --better: #1f6fb4; --worse: #d9480f; --unclear: #8c8c8c; --changed: #7b3294; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; }
header.report-head { border-bottom: 4px solid var(--accent); padding-bottom: 12px; margin-bottom: 18px; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .35rem; }
h2 { font-size: 1.35rem; color: var(--accent); margin: 2.2rem 0 .6rem; padding-bottom: .25rem;
     border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 0 0 .2rem; }
.lead { font-size: 1.1rem; margin: .2rem 0 .5rem; }
.meta { color: var(--muted); font-size: .9rem; margin: 0; }
.howto { border: 1px solid #b7cbe0; background: #f3f7fb; border-radius: 6px; padding: 10px 18px; margin: 16px 0; }
.howto h2 { font-size: 1.1rem; margin: .2rem 0; border: 0; padding: 0; }
.howto ul { margin: .3rem 0 .4rem; padding-left: 1.2rem; }
.howto li { margin: .2rem 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(285px, 1fr)); gap: 12px; }
.figure { border: 1px solid var(--rule); border-left: 5px solid var(--accent); border-radius: 4px;
          padding: 9px 14px; }
.figure.better { border-left-color: var(--better); }
.figure.worse { border-left-color: var(--worse); }
.figure.unclear, .figure.not-comparable { border-left-color: var(--unclear); }
.figure.changed { border-left-color: var(--changed); }
.figure .label { font-size: .9rem; color: var(--muted); }
.figure .value { font-size: 1.55rem; font-weight: 650; line-height: 1.25; }
.figure .ci { font-size: .9rem; color: var(--muted); }
.figure .detail { font-size: .9rem; margin-top: .2rem; }
.figure .diff { font-size: .95rem; margin-top: .3rem; }
.badge { display: inline-block; padding: 0 .45em; border-radius: 3px; font-size: .8rem; font-weight: 600;
         color: #fff; background: var(--unclear); white-space: nowrap; }
.badge.better { background: var(--better); }
.badge.worse { background: var(--worse); }
.badge.changed { background: var(--changed); }
.badge.not-comparable { background: #ccc; color: #222; }
figure.chart-figure { margin: 16px 0 28px; }
.caption { color: var(--muted); font-size: .92rem; margin: 0 0 .4rem; }
.chart svg { max-width: 100%; height: auto; }
.chart-failed { border: 2px solid var(--worse); color: var(--worse); padding: 8px; }
.pathway img { max-width: 100%; max-height: 1100px; height: auto; border: 1px solid var(--rule); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4rem 0 1rem; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e6e6e6; vertical-align: top; }
thead th { border-bottom: 2px solid #bbb; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.differs { background: #fff4d6; }
td.unstated { color: var(--worse); font-style: italic; }
.caution { border: 1px solid #e0b44c; border-left: 5px solid #e0a000; background: #fff8e5;
           border-radius: 4px; padding: 8px 14px; margin: 10px 0 14px; }
.caution ul { margin: .3rem 0 0; padding-left: 1.2rem; }
.figure .denominator { color: var(--muted); font-size: .82rem; }
tr.chosen td { background: #eef5fb; }
pre { background: #f6f6f6; border: 1px solid var(--rule); border-radius: 4px; padding: 8px 12px;
      overflow-x: auto; font-size: .82rem; line-height: 1.35; }
ul.notes li { margin: .2rem 0; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--rule);
         padding-top: .6rem; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10.5pt; background: #fff; color: #000; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .howto { background: #fff; }
  .pathway img { max-height: 245mm; }
  figure.chart-figure, .figure, .howto, .pathway, tr, h3 { break-inside: avoid; page-break-inside: avoid; }
  pre { white-space: pre-wrap; }
  .badge, td.differs, tr.chosen td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

// page_error_log's script; @LOG@ stands for the list's id.
constexpr std::string_view kErrorCapture = R"js(
(function () {
  function note(kind, message) {
    var body = document.body, attr = 'data-' + kind + 's';
    body.setAttribute(attr, String(Number(body.getAttribute(attr) || 0) + 1));
    var item = document.createElement('li');
    item.className = kind;
    item.textContent = kind + ': ' + message;
    document.getElementById('@LOG@').appendChild(item);
  }
  window.casesimNote = note;
  window.addEventListener('error', function (e) {
    note('error', (e.message || 'script error') + ' (' + (e.filename || '') + ':' + (e.lineno || '') + ')');
  });
  window.addEventListener('unhandledrejection', function (e) {
    note('error', 'unhandled: ' + ((e.reason && e.reason.message) || e.reason));
  });
  ['error', 'warn'].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      note(level === 'warn' ? 'warning' : 'error', Array.prototype.map.call(arguments, String).join(' '));
      return original.apply(console, arguments);
    };
  });
})();
)js";

// Draws every chart from its specification. data-charts-drawn on <body>
// counts the charts drawn, against data-chart-count declared.
constexpr std::string_view kDrawCharts = R"js(
(function () {
  var body = document.body, note = window.casesimNote, drawn = 0;
  if (typeof vegaEmbed !== 'function') { note('error', 'the chart library did not load'); return; }
  document.querySelectorAll('div.chart[data-spec]').forEach(function (div) {
    function fail(e) {
      var message = (e && e.message) || String(e);
      note('error', div.id + ': ' + message);
      div.classList.add('chart-failed');
      div.textContent = 'This chart could not be drawn: ' + message;
    }
    var spec;
    try {
      spec = JSON.parse(document.getElementById(div.getAttribute('data-spec')).textContent);
    } catch (e) { fail(e); return; }
    vegaEmbed(div, spec, { actions: false, renderer: 'svg', logLevel: vega.Warn })
      .then(function () { drawn += 1; body.setAttribute('data-charts-drawn', String(drawn)); })
      .catch(fail);
  });
})();
)js";

}  // namespace

void ReportPage::chart(const ReportChart& c) {
  const int n = charts_++;
  // Vega-Embed replaces the container's label; the description becomes
  // the drawing's own, for screen readers.
  auto spec = c.spec;
  spec["description"] = c.title + ". " + c.caption;
  html_ += fmt::format(
      "<figure class=\"chart-figure\">\n<h3>{0}</h3>\n<p class=\"caption\">{1}</p>\n"
      "<div class=\"chart\" id=\"chart-{2}\" data-spec=\"spec-{2}\"></div>\n"
      "<script type=\"application/json\" id=\"spec-{2}\">{3}</script>\n</figure>\n",
      report_text::escape_html(c.title), report_text::escape_html(c.caption), n,
      report_text::script_safe_json(spec.dump()));
}

std::string page_error_log(std::string_view log_id) {
  std::string script(kErrorCapture);
  script.replace(script.find("@LOG@"), 5, log_id);
  return fmt::format("<ul id=\"{}\" hidden></ul>\n<script>{}</script>\n", log_id, script);
}

std::string vega_scripts() {
  const VegaBundle& vega = vega_bundle();
  std::string out;
  out.reserve(vega.vega.size() + vega.vega_lite.size() + vega.vega_embed.size() + 64);
  for (std::string_view library : {vega.vega, vega.vega_lite, vega.vega_embed}) {
    out += "<script>";
    out += library;
    out += "</script>\n";
  }
  return out;
}

std::string report_document(const std::string& title, const ReportPage& page) {
  const VegaBundle& vega = vega_bundle();
  std::string out;
  out.reserve(page.html().size() + vega.vega.size() + vega.vega_lite.size() +
              vega.vega_embed.size() + 16384);
  out +=
      "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + report_text::escape_html(title) + "</title>\n<style>" + std::string(kStyle) +
         "</style>\n</head>\n";
  out +=
      fmt::format("<body data-chart-count=\"{}\" data-charts-drawn=\"0\">\n", page.chart_count());
  out += page_error_log("report-log");
  out += "<main>\n" + page.html();
  out += "<footer>Made by casesim. Charts drawn in the page by " +
         report_text::escape_html(std::string(vega.versions)) +
         " (BSD-3-Clause, University of Washington Interactive Data Lab), inlined so the "
         "report works offline.</footer>\n</main>\n";
  out += vega_scripts();
  out += "<script>" + std::string(kDrawCharts) + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace output
