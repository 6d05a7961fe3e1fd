#include "output/report_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "output/report_text.h"
#include "sim/calendar.h"

namespace output {

namespace {

using json = nlohmann::ordered_json;
namespace text = report_text;

// Wide enough to read, narrow enough for a portrait A4 page with the axis
// labels beside it (the page also scales a chart down to fit).
constexpr int kWidth = kChartWidth;
// Baseline first: a dark grey that reads as "what we have now".
const std::vector<std::string> kScenarioColours{"#555555", "#1f77b4", "#ff7f0e", "#2ca02c",
                                                "#9467bd", "#8c564b", "#e377c2", "#17becf"};

json config() {
  return {
      {"font", "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"},
      {"axis",
       {{"labelFontSize", 12},
        {"titleFontSize", 12},
        {"titleFontWeight", "normal"},
        {"labelLimit", 300},
        {"labelColor", "#333333"},
        {"titleColor", "#333333"}}},
      {"legend",
       {{"labelFontSize", 12},
        {"titleFontSize", 12},
        {"orient", "bottom"},
        {"direction", "horizontal"},
        {"labelLimit", 360}}},
      {"view", {{"stroke", nullptr}}}};
}

json base_spec() {
  return {{"$schema", "https://vega.github.io/schema/vega-lite/v6.json"},
          {"background", "white"},
          {"padding", 8},
          {"config", config()}};
}

// JSON has no NaN: an unknown figure is null, which Vega-Lite leaves out.
json rounded(double v, int decimals) {
  if (!std::isfinite(v)) return nullptr;
  const double k = std::pow(10.0, decimals);
  return std::round(v * k) / k;
}

std::string iso_day(const models::Scenario& s, double day) {
  return sim::to_iso(s.meta.start_date + std::chrono::days(static_cast<long>(std::floor(day))));
}

// Names as charts show them, made distinct so that colours cannot merge two
// scenarios that happen to share a name.
std::vector<std::string> scenario_names(const ReportScenarios& scenarios) {
  std::vector<std::string> names;
  for (const auto& sc : scenarios) {
    std::string name = sc.scenario->meta.name;
    for (int i = 2; std::find(names.begin(), names.end(), name) != names.end(); ++i)
      name = fmt::format("{} ({})", sc.scenario->meta.name, i);
    names.push_back(name);
  }
  return names;
}

json scenario_colour(const ReportScenarios& scenarios, const std::string& field) {
  const auto names = scenario_names(scenarios);
  json range = json::array();
  for (std::size_t i = 0; i < names.size(); ++i)
    range.push_back(kScenarioColours[i % kScenarioColours.size()]);
  return {{"field", field},
          {"type", "nominal"},
          {"sort", nullptr},
          {"scale", {{"domain", names}, {"range", range}}},
          {"legend", {{"title", nullptr}}}};
}

// The time axis: ISO dates, a tick a year (a month for short horizons), few
// enough that labels never collide.
json date_x(const ReportScenarios& scenarios) {
  double horizon = 0;
  for (const auto& sc : scenarios) horizon = std::max(horizon, sc.scenario->meta.horizon_days);
  json ticks;
  if (horizon > 730) {
    ticks = {{"interval", "year"},
             {"step", std::max(1, static_cast<int>(std::ceil(horizon / 365.25 / 6)))}};
  } else {
    ticks = {{"interval", "month"},
             {"step", std::max(1, static_cast<int>(std::ceil(horizon / 30.44 / 6)))}};
  }
  return {{"field", "d"},
          {"type", "temporal"},
          {"title", nullptr},
          {"scale", {{"type", "utc"}}},
          {"axis", {{"format", "%Y-%m-%d"}, {"labelAngle", 0}, {"tickCount", ticks}}}};
}

// The warm-up, shaded, so the reader sees which part of the timeline the
// figures ignore. Nothing when there is no warm-up.
std::optional<json> warmup_layer(const ReportScenarios& scenarios) {
  const models::Scenario& s = *scenarios.front().scenario;
  if (s.meta.warmup_days <= 0) return std::nullopt;
  json band = {{"from", iso_day(s, 0)},
               {"to", iso_day(s, s.meta.warmup_days)},
               {"label", "warm-up (not counted)"}};
  json x = {{"field", "from"}, {"type", "temporal"}, {"scale", {{"type", "utc"}}}};
  return json{{"data", {{"values", json::array({band})}}},
              {"layer", json::array({{{"mark", {{"type", "rect"}, {"color", "#ececec"}}},
                                      {"encoding", {{"x", x}, {"x2", {{"field", "to"}}}}}},
                                     {{"mark",
                                       {{"type", "text"},
                                        {"align", "left"},
                                        {"baseline", "top"},
                                        {"dx", 4},
                                        {"y", 2},
                                        {"fontSize", 11},
                                        {"color", "#666666"}}},
                                      {"encoding", {{"x", x}, {"text", {{"field", "label"}}}}}}})}};
}

// Weekly series as compact rows: one per date, a column per line ("s0",
// "s1"...); the chart folds them back into (key, value) pairs and looks up
// each key's label. Three times smaller than one row per point.
struct Line {
  const ReportScenario* scenario;
  std::string series;  // as in WeekSeries::names
  json fields;         // looked up by key: label, scenario, group, k...
};

// Lines whose series exist and are not zero throughout.
std::vector<Line> present(std::vector<Line> lines) {
  std::vector<Line> out;
  for (auto& l : lines) {
    const auto& w = l.scenario->summary->weeks;
    const auto it = std::find(w.names.begin(), w.names.end(), l.series);
    if (it == w.names.end()) continue;
    const auto& values = w.mean[static_cast<std::size_t>(it - w.names.begin())];
    if (std::none_of(values.begin(), values.end(), [](double v) { return std::fabs(v) > 1e-9; }))
      continue;
    out.push_back(std::move(l));
  }
  return out;
}

// {data, transform} for `lines`, with values rounded to `decimals`.
std::pair<json, json> weekly_data(const std::vector<Line>& lines, int decimals) {
  std::map<std::string, json> rows;  // by ISO date, so dates sort
  json lookup = json::array();
  json keys = json::array();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    // fmt, not "s" + std::to_string(i): GCC 12 warns a false -Wrestrict on that.
    const std::string key = fmt::format("s{}", i);
    keys.push_back(key);
    json entry = lines[i].fields;
    entry["key"] = key;
    lookup.push_back(entry);
    const auto& w = lines[i].scenario->summary->weeks;
    const auto& s = *lines[i].scenario->scenario;
    const auto idx = static_cast<std::size_t>(
        std::find(w.names.begin(), w.names.end(), lines[i].series) - w.names.begin());
    for (std::size_t t = 0; t < w.day.size(); ++t) {
      const std::string d = iso_day(s, w.day[t]);
      json& row = rows[d];
      if (row.is_null()) row["d"] = d;
      row[key] = rounded(w.mean[idx][t], decimals);
    }
  }
  json values = json::array();
  for (auto& [d, row] : rows) values.push_back(std::move(row));
  json fields = json::array();
  for (auto it = lines.front().fields.begin(); it != lines.front().fields.end(); ++it)
    fields.push_back(it.key());
  json transform = json::array(
      {{{"fold", keys}, {"as", json::array({"key", "v"})}},
       {{"filter", {{"field", "v"}, {"valid", true}}}},
       {{"lookup", "key"},
        {"from", {{"data", {{"values", lookup}}}, {"key", "key"}, {"fields", fields}}}}});
  return {json{{"values", values}}, transform};
}

// A layered time chart: the warm-up band under `main`.
json time_layers(const ReportScenarios& scenarios, json main) {
  json layers = json::array();
  if (auto w = warmup_layer(scenarios)) layers.push_back(*w);
  layers.push_back(std::move(main));
  return layers;
}

std::string pool_label(const std::string& pool) {
  return text::sentence_case(pool);
}

bool is_delay(const models::Metric& m) { return m.group == models::MetricGroup::kDelays; }

}  // namespace

json chart_spec_base() { return base_spec(); }

std::vector<ReportChart> delay_charts(const ReportScenarios& scenarios) {
  std::vector<ReportChart> out;
  double top = 0;
  for (const auto& sc : scenarios)
    for (const auto& m : sc.summary->metrics)
      if (is_delay(m))
        for (double v : {m.p90, m.ci_high, m.mean})
          if (std::isfinite(v)) top = std::max(top, v);
  const auto names = scenario_names(scenarios);
  auto near_axis = [&](double v) { return !(v > 0.08 * top); };
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const auto& sc = scenarios[i];
    json rows = json::array();
    std::vector<std::string> missing;
    for (const auto& m : sc.summary->metrics) {
      if (!is_delay(m)) continue;
      const std::string label = text::metric_label(m);
      if (!std::isfinite(m.mean)) {
        missing.push_back(text::humanise(label));
        continue;
      }
      rows.push_back({{"label", label},
                      {"median", rounded(m.median, 1)},
                      {"mean", rounded(m.mean, 1)},
                      {"p90", rounded(m.p90, 1)},
                      {"lo", rounded(std::max(m.ci_low, 0.0), 1)},  // no delay is negative
                      {"hi", rounded(m.ci_high, 1)},
                      {"mean_text", text::figure_with_interval(m, sc.scenario->meta.start_date)},
                      // The median's label sits left of its dot unless the dot is too
                      // near the axis to leave room; then both figures go on the right.
                      {"tm", near_axis(m.median) ? "" : text::number(m.median, 0)},
                      {"tp", near_axis(m.median) ? "median " + text::number(m.median, 0) +
                                                       ", 90th percentile " + text::number(m.p90, 0)
                                                 : text::number(m.p90, 0)},
                      {"cases", text::number(static_cast<double>(m.n), 0)}});
    }
    if (rows.empty()) continue;
    const json statistics =
        json::array({"Median: half of cases took less", "Mean, with its 95% interval",
                     "90th percentile: 1 in 10 took longer"});
    json x = {{"type", "quantitative"},
              {"scale", {{"domain", json::array({0, top > 0 ? top : 1})}, {"nice", true}}},
              {"axis", {{"format", ",d"}, {"title", "days"}, {"tickCount", 8}}}};
    json point_x = x;
    point_x["field"] = "days";
    json rule_x = x;
    rule_x["field"] = "median";
    json spec = base_spec();
    spec["width"] = kWidth;
    spec["height"] = {{"step", 38}};
    spec["data"] = {{"values", rows}};
    spec["encoding"] = {
        {"y", {{"field", "label"}, {"type", "nominal"}, {"sort", nullptr}, {"title", nullptr}}}};
    spec["layer"] = json::array(
        {{{"mark",
           {{"type", "rule"}, {"color", "#c8c8c8"}, {"strokeWidth", 5}, {"strokeCap", "round"}}},
          {"encoding", {{"x", rule_x}, {"x2", {{"field", "p90"}}}}}},
         {{"transform",
           json::array({{{"fold", json::array({"median", "mean", "p90"})},
                         {"as", json::array({"key", "days"})}},
                        {{"calculate",
                          "datum.key === 'median' ? '" + statistics[0].get<std::string>() +
                              "' : datum.key === 'mean' ? '" + statistics[1].get<std::string>() +
                              "' : '" + statistics[2].get<std::string>() + "'"},
                         {"as", "statistic"}}})},
          {"mark", {{"type", "point"}, {"filled", true}, {"size", 110}, {"opacity", 1}}},
          {"encoding",
           {{"x", point_x},
            {"color",
             {{"field", "statistic"},
              {"type", "nominal"},
              {"sort", nullptr},
              {"scale",
               {{"domain", statistics}, {"range", json::array({"#1f77b4", "#222222", "#d62728"})}}},
              {"legend", {{"title", nullptr}, {"direction", "vertical"}}}}},
            {"shape",
             {{"field", "statistic"},
              {"type", "nominal"},
              {"sort", nullptr},
              {"scale",
               {{"domain", statistics},
                {"range", json::array({"circle", "diamond", "triangle-right"})}}},
              {"legend", {{"title", nullptr}, {"direction", "vertical"}}}}},
            {"tooltip", json::array({{{"field", "label"}, {"title", "delay"}},
                                     {{"field", "statistic"}, {"title", "figure"}},
                                     {{"field", "days"}, {"format", ",.1f"}, {"title", "days"}},
                                     {{"field", "mean_text"}, {"title", "mean (95% CI)"}},
                                     {{"field", "cases"}, {"title", "cases measured"}}})}}}},
         {{"mark", {{"type", "rule"}, {"color", "#000000"}, {"strokeWidth", 2}}},
          {"encoding",
           {{"x", {{"field", "lo"}, {"type", "quantitative"}}}, {"x2", {{"field", "hi"}}}}}},
         {{"mark",
           {{"type", "text"},
            {"align", "right"},
            {"dx", -10},
            {"fontSize", 11},
            {"color", "#1f77b4"}}},
          {"encoding",
           {{"x", {{"field", "median"}, {"type", "quantitative"}}}, {"text", {{"field", "tm"}}}}}},
         {{"mark",
           {{"type", "text"},
            {"align", "left"},
            {"dx", 10},
            {"fontSize", 11},
            {"color", "#d62728"}}},
          {"encoding",
           {{"x", {{"field", "p90"}, {"type", "quantitative"}}}, {"text", {{"field", "tp"}}}}}}});
    std::string caption =
        "Each row is one delay, in days, over the cases that reached both points. The blue dot is "
        "the "
        "typical case (half took less), the black diamond the average with its 95% interval, and "
        "the "
        "red triangle the slowest tenth (1 in 10 took longer). The grey bar spans typical to slow.";
    if (!missing.empty()) {
      caption += " Not shown, since no counted case reached both points: ";
      for (std::size_t k = 0; k < missing.size(); ++k) caption += (k ? ", " : "") + missing[k];
      caption += ".";
    }
    out.push_back({scenarios.size() > 1 ? "Delays: " + names[i]
                                        : "Delays: typical, average and slowest tenth",
                   caption, std::move(spec)});
  }
  return out;
}

std::vector<ReportChart> open_by_stage_charts(const ReportScenarios& scenarios) {
  std::vector<ReportChart> out;
  const auto names = scenario_names(scenarios);
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const auto& sc = scenarios[i];
    std::vector<Line> lines;
    int k = 0;
    for (const auto& st : sc.scenario->stages)
      lines.push_back(
          {&sc, "open." + st.name, {{"label", text::sentence_case(st.name)}, {"k", k++}}});
    lines = present(std::move(lines));
    if (lines.empty()) continue;
    json domain = json::array();
    for (const auto& l : lines) domain.push_back(l.fields["label"]);
    auto [data, transform] = weekly_data(lines, 1);
    json area = {{"data", data},
                 {"transform", transform},
                 {"mark", {{"type", "area"}, {"interpolate", "step-after"}}},
                 {"encoding",
                  {{"x", date_x(scenarios)},
                   {"y",
                    {{"field", "v"},
                     {"type", "quantitative"},
                     {"stack", "zero"},
                     {"title", "open cases"},
                     {"axis", {{"format", ",d"}}}}},
                   {"color",
                    {{"field", "label"},
                     {"type", "nominal"},
                     {"scale", {{"domain", domain}, {"scheme", "tableau20"}}},
                     {"legend", {{"title", nullptr}, {"columns", 3}, {"symbolType", "square"}}}}},
                   {"order", {{"field", "k"}, {"type", "quantitative"}, {"sort", "ascending"}}}}}};
    json spec = base_spec();
    spec["width"] = kWidth;
    spec["height"] = 260;
    spec["layer"] = time_layers(scenarios, std::move(area));
    out.push_back({scenarios.size() > 1 ? "Cases outstanding, by stage: " + names[i]
                                        : "Cases outstanding, by stage",
                   "Open cases at the start of each week, averaged over the replications, stacked "
                   "by the stage "
                   "they are in (waiting or being worked on); the top edge is the whole open "
                   "caseload. The first "
                   "stage of the pathway is at the bottom.",
                   std::move(spec)});
  }
  return out;
}

// Rows {d, lo, hi} plus the line's fields: the 95% interval of each week's
// mean across replications, for a band under the line. Empty with one
// replication, where there is no interval.
json weekly_band(const std::vector<Line>& lines) {
  json rows = json::array();
  for (const auto& l : lines) {
    const auto& w = l.scenario->summary->weeks;
    const auto idx = static_cast<std::size_t>(
        std::find(w.names.begin(), w.names.end(), l.series) - w.names.begin());
    if (idx >= w.low.size()) continue;
    for (std::size_t t = 0; t < w.day.size(); ++t) {
      if (!std::isfinite(w.low[idx][t]) || !std::isfinite(w.high[idx][t])) continue;
      json row = l.fields;
      row["d"] = iso_day(*l.scenario->scenario, w.day[t]);
      row["lo"] = rounded(std::max(0.0, w.low[idx][t]), 1);  // open cases cannot be negative
      row["hi"] = rounded(w.high[idx][t], 1);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::optional<ReportChart> backlog_chart(const ReportScenarios& scenarios) {
  const auto names = scenario_names(scenarios);
  const bool compare = scenarios.size() > 1;
  const std::string today = "Today's caseload (open at the start) still open";
  const std::string fresh = "New reports still open";
  std::vector<Line> lines;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const auto& sc = scenarios[i];
    if (!sc.scenario->initial_cases.empty())
      lines.push_back({&sc, "open_cases.initial", {{"scenario", names[i]}, {"kind", today}}});
    lines.push_back({&sc, "open_cases.new", {{"scenario", names[i]}, {"kind", fresh}}});
  }
  lines = present(std::move(lines));
  if (lines.empty()) return std::nullopt;
  auto [data, transform] = weekly_data(lines, 1);
  const json band = weekly_band(lines);
  // A panel for each kind drawn, each on its own scale: a backlog of a few
  // hundred must not be flattened against tens of thousands of new reports.
  json panels = json::array();
  bool any_initial = false;
  for (const auto& [kind, colour] : {std::pair{today, "#ff7f0e"}, std::pair{fresh, "#1f77b4"}}) {
    if (std::none_of(lines.begin(), lines.end(),
                     [&kind = kind](const Line& l) { return l.fields["kind"] == kind; }))
      continue;
    any_initial = any_initial || kind == today;
    json t = transform;
    t.push_back({{"filter", {{"field", "kind"}, {"equal", kind}}}});
    json encoding = {{"x", date_x(scenarios)},
                     {"y",
                      {{"field", "v"},
                       {"type", "quantitative"},
                       {"title", "open cases"},
                       // The same width in every panel, so their time axes line up.
                       {"axis", {{"format", ",d"}, {"tickCount", 5}, {"minExtent", 48}}}}}};
    if (compare) encoding["color"] = scenario_colour(scenarios, "scenario");
    json line = {{"transform", t},
                 {"mark", {{"type", "line"}, {"strokeWidth", 2.5}, {"color", colour}}},
                 {"encoding", encoding}};
    json layers = time_layers(scenarios, std::move(line));
    json band_rows = json::array();
    for (auto& row : band)
      if (row["kind"] == kind) band_rows.push_back(row);
    if (!band_rows.empty()) {
      json band_encoding = {{"x", date_x(scenarios)},
                            {"y", {{"field", "lo"}, {"type", "quantitative"}}},
                            {"y2", {{"field", "hi"}}}};
      if (compare) band_encoding["color"] = scenario_colour(scenarios, "scenario");
      // Under the line: the interval in which the mean would lie on a rerun.
      json band_layer = {{"data", {{"values", band_rows}}},
                         {"mark", {{"type", "area"}, {"opacity", 0.25}, {"color", colour}}},
                         {"encoding", band_encoding}};
      layers.insert(layers.end() - 1, std::move(band_layer));
    }
    panels.push_back(
        {{"title", {{"text", kind}, {"anchor", "start"}, {"fontSize", 12}, {"fontWeight", "bold"}}},
         {"width", kWidth},
         {"height", 160},
         {"layer", layers}});
  }
  json spec = base_spec();
  spec["data"] = data;
  spec["vconcat"] = panels;
  spec["spacing"] = 18;
  spec["resolve"] = {{"scale", {{"y", "independent"}}}};
  std::string caption =
      "Open cases at the start of each week, averaged over the replications, with the 95% "
      "interval of that average as a pale band: ";
  caption += any_initial
                 ? "above, the cases already open on the start date (today's caseload) as they "
                   "clear; below, new reports still open. Each panel has its own scale."
                 : "new reports still open. The scenario starts with no open cases "
                   "(no initial_state), so there is no backlog to clear.";
  return ReportChart{any_initial ? "Backlog clearing and new reports" : "New reports still open",
                     caption, std::move(spec)};
}

std::optional<ReportChart> share_chart(const ReportScenarios& scenarios, models::MetricGroup group,
                                       bool whole_scale, std::string title, std::string caption) {
  return figure_chart(scenarios, group, models::Unit::kShare, whole_scale, std::move(title),
                      std::move(caption));
}

std::optional<ReportChart> figure_chart(const ReportScenarios& scenarios, models::MetricGroup group,
                                        models::Unit unit, bool whole_scale, std::string title,
                                        std::string caption) {
  const auto names = scenario_names(scenarios);
  const bool compare = scenarios.size() > 1;
  const bool share = unit == models::Unit::kShare;
  std::vector<std::string> order;  // metric names, first scenario's order
  for (const auto& sc : scenarios)
    for (const auto& m : sc.summary->metrics)
      if (m.group == group && m.unit == unit &&
          std::find(order.begin(), order.end(), m.name) == order.end())
        order.push_back(m.name);
  json rows = json::array();
  double top = 0;
  for (const auto& name : order) {
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      const models::Metric* m = scenarios[i].summary->find(name);
      if (!m || !std::isfinite(m->mean)) continue;
      const std::string shown = text::short_label(*m);
      const double lo = std::isfinite(m->ci_low) ? m->ci_low : m->mean;
      const double hi = std::isfinite(m->ci_high) ? m->ci_high : m->mean;
      top = std::max({top, m->mean, hi});
      // Shares stay in 0-100%; other figures here are counts and days, >= 0.
      rows.push_back({{"label", shown},
                      {"scenario", names[i]},
                      {"mean", rounded(m->mean, 4)},
                      {"lo", rounded(std::max(lo, 0.0), 4)},
                      {"hi", rounded(share ? std::min(hi, 1.0) : hi, 4)},
                      {"tx", rounded(std::max(share ? std::min(hi, 1.0) : hi, m->mean), 4)},
                      {"text", text::value_text(m->mean, unit, share ? 1 : 0, {})},
                      {"ci", text::figure_with_interval(*m, {})}});
    }
  }
  if (rows.empty()) return std::nullopt;
  const double end = share ? std::min(1.0, top * 1.12 + 1e-6) : top * 1.15 + 1e-6;
  json scale = whole_scale && share ? json{{"domain", json::array({0, 1})}}
                                    : json{{"domain", json::array({0, end})}, {"nice", true}};
  // Few enough ticks that every grid line has its label.
  const int ticks = whole_scale ? 10 : 6;
  json encoding = {
      {"y", {{"field", "label"}, {"type", "nominal"}, {"sort", nullptr}, {"title", nullptr}}}};
  if (compare)
    encoding["yOffset"] = {
        {"field", "scenario"}, {"sort", nullptr}, {"scale", {{"paddingInner", 0.1}}}};
  json axis = {{"format", share ? ".0%" : ",.0f"}, {"tickCount", ticks}};
  axis["title"] = share ? json(nullptr) : json(models::unit_words(unit));
  json bar_encoding = {{"x",
                        {{"field", "mean"},
                         {"type", "quantitative"},
                         {"scale", scale},
                         {"axis", axis}}},
                       {"tooltip", json::array({{{"field", "label"}, {"title", "figure"}},
                                                {{"field", "scenario"}},
                                                {{"field", "ci"},
                                                 {"title", share ? "share (95% CI)"
                                                                 : "value (95% CI)"}}})}};
  if (compare) bar_encoding["color"] = scenario_colour(scenarios, "scenario");
  json spec = base_spec();
  spec["width"] = kWidth;
  spec["height"] = {{"step", compare ? 15 * static_cast<int>(scenarios.size()) + 10 : 30}};
  spec["data"] = {{"values", rows}};
  spec["encoding"] = encoding;
  spec["layer"] = json::array(
      {{{"mark",
         {{"type", "bar"}, {"color", "#4c78a8"}, {"height", {{"band", compare ? 0.9 : 0.75}}}}},
        {"encoding", bar_encoding}},
       {{"mark", {{"type", "rule"}, {"color", "#111111"}, {"strokeWidth", 1.5}}},
        {"encoding",
         {{"x", {{"field", "lo"}, {"type", "quantitative"}}}, {"x2", {{"field", "hi"}}}}}},
       {{"mark",
         {{"type", "text"}, {"align", "left"}, {"dx", 5}, {"fontSize", 11}, {"color", "#222222"}}},
        {"encoding",
         {{"x", {{"field", "tx"}, {"type", "quantitative"}}}, {"text", {{"field", "text"}}}}}}});
  return ReportChart{std::move(title),
                     std::move(caption) + " The thin black line on each bar is its 95% interval.",
                     std::move(spec)};
}

// Year k of the counted period as a reader places it: short, in the
// financial-year style ("2025-26"), and exact ("2025-03-31 to 2026-03-30"),
// from the first scenario's calendar (what the others are set against in a
// comparison).
std::pair<std::string, std::string> counted_year_label(const models::Scenario& s, int year,
                                                       int years) {
  const double from = s.meta.warmup_days + 365.25 * (year - 1);
  const double to = year == years ? s.meta.horizon_days : from + 365.25;
  const auto date = [&](double t) {
    return sim::to_iso(s.meta.start_date + std::chrono::days{static_cast<long>(std::floor(t))});
  };
  const std::string first = date(from), last = date(to - 1);
  const std::string span =
      first.substr(0, 4) == last.substr(0, 4) ? first.substr(0, 4)
                                              : first.substr(0, 4) + "-" + last.substr(2, 2);
  return {span, first + " to " + last};
}

std::optional<ReportChart> delays_by_year_chart(const ReportScenarios& scenarios) {
  const auto names = scenario_names(scenarios);
  int years = 0;  // of the first scenario's counted period
  for (const auto& m : scenarios.front().summary->metrics)
    if (m.kind == models::MetricKind::kDelayByYear)
      if (const auto dot = m.subject.rfind(".year_"); dot != std::string::npos)
        years = std::max(years, std::stoi(m.subject.substr(dot + 6)));
  json rows = json::array();
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const models::RunSummary& r = *scenarios[i].summary;
    for (const auto& m : r.metrics) {
      if (m.kind != models::MetricKind::kDelayByYear || !std::isfinite(m.mean)) continue;
      const auto dot = m.subject.rfind(".year_");
      if (dot == std::string::npos) continue;
      const std::string delay = m.subject.substr(0, dot);
      const int year = std::stoi(m.subject.substr(dot + 6));
      const models::Metric* open =
          r.find(models::metric_name(models::MetricKind::kDelayByYearStillOpen, m.subject));
      const double open_share = open ? open->mean : 0.0;
      rows.push_back(
          {{"delay", text::metric_label(models::MetricKind::kDelay,
                                        delay.substr(0, delay.size() - 5))},  // drop "_days"
           {"year", year},
           {"period", counted_year_label(*scenarios.front().scenario, year, years).first},
           {"dates", counted_year_label(*scenarios.front().scenario, year, years).second},
           {"scenario", names[i]},
           {"mean", rounded(m.mean, 1)},
           {"lo", rounded(std::max(std::isfinite(m.ci_low) ? m.ci_low : m.mean, 0.0), 1)},
           {"hi", rounded(std::isfinite(m.ci_high) ? m.ci_high : m.mean, 1)},
           {"open", rounded(open_share, 3)},
           // A year with many cases still open shows only its fast ones.
           {"complete", open_share <= 0.05 ? "mostly finished" : "over 5% still open"},
           {"ci", text::figure_with_interval(m, {})}});
    }
  }
  if (rows.empty()) return std::nullopt;
  const bool compare = scenarios.size() > 1;
  json x = {{"field", "period"},
            {"type", "ordinal"},
            {"sort", {{"field", "year"}}},
            {"axis", {{"title", "year of the counted period"}, {"labelAngle", -40}}}};
  json y = {{"field", "mean"},
            {"type", "quantitative"},
            {"axis", {{"title", "days"}, {"format", ",d"}, {"tickCount", 5}}},
            {"scale", {{"zero", true}}}};
  json colour = compare ? scenario_colour(scenarios, "scenario")
                        : json{{"value", "#4c78a8"}};
  json layer_band = {
      {"mark", {{"type", "area"}, {"opacity", 0.2}}},
      {"encoding",
       {{"x", x}, {"y", {{"field", "lo"}, {"type", "quantitative"}}}, {"y2", {{"field", "hi"}}},
        {"color", colour}}}};
  json layer_line = {{"mark", {{"type", "line"}}}, {"encoding", {{"x", x}, {"y", y}, {"color", colour}}}};
  json layer_point = {
      {"mark", {{"type", "point"}, {"size", 60}}},
      {"encoding",
       {{"x", x},
        {"y", y},
        {"color", colour},
        {"fill",
         {{"field", "complete"},
          {"type", "nominal"},
          {"scale", {{"domain", json::array({"mostly finished", "over 5% still open"})},
                     {"range", json::array({"#4c78a8", "white"})}}},
          {"legend", {{"title", nullptr}}}}},
        {"tooltip", json::array({{{"field", "delay"}},
                                 {{"field", "dates"}, {"title", "year"}},
                                 {{"field", "scenario"}},
                                 {{"field", "ci"}, {"title", "mean days (95% CI)"}},
                                 {{"field", "open"}, {"title", "still open"}, {"format", ".1%"}}})}}}};
  json spec = base_spec();
  spec["data"] = {{"values", rows}};
  spec["facet"] = {{"field", "delay"}, {"type", "nominal"}, {"sort", nullptr}, {"title", nullptr}};
  spec["columns"] = 2;
  spec["spec"] = {{"width", kWidth / 2 - 40},
                  {"height", 150},
                  {"layer", json::array({layer_band, layer_line, layer_point})}};
  spec["resolve"] = {{"scale", {{"y", "independent"}}}};
  return ReportChart{
      "Delays by year",
      "Each delay for the cases whose first milestone (the report, or the charge) fell in each "
      "year of the counted period, with its 95% interval. A line that climbs means queues are "
      "still growing. Hollow points: over 5% of that year's cases were still open at the end, "
      "so the figure counts only the faster ones.",
      std::move(spec)};
}

std::optional<ReportChart> pool_series_chart(const ReportScenarios& scenarios,
                                             const std::string& prefix, std::string title,
                                             std::string caption) {
  const auto names = scenario_names(scenarios);
  const bool compare = scenarios.size() > 1;
  const bool share = prefix == "utilisation.";
  std::vector<std::string> pools;
  for (const auto& sc : scenarios)
    for (const auto& p : sc.scenario->pools)
      if (std::find(pools.begin(), pools.end(), p.name) == pools.end()) pools.push_back(p.name);
  std::vector<Line> lines;
  for (std::size_t p = 0; p < pools.size(); ++p)
    for (std::size_t i = 0; i < scenarios.size(); ++i)
      lines.push_back({&scenarios[i],
                       prefix + pools[p],
                       {{"scenario", names[i]}, {"pool", static_cast<int>(p)}}});
  lines = present(std::move(lines));
  if (lines.empty()) return std::nullopt;
  std::set<int> shown;
  for (const auto& l : lines) shown.insert(l.fields["pool"].get<int>());
  auto [data, transform] = weekly_data(lines, share ? 3 : 1);
  json panels = json::array();
  for (int p : shown) {
    json t = transform;
    t.push_back({{"filter", {{"field", "pool"}, {"equal", p}}}});
    json y = {
        {"field", "v"}, {"type", "quantitative"}, {"title", share ? "busy" : "cases waiting"}};
    if (share) {
      y["scale"] = {{"domain", json::array({0, 1})}};
      y["axis"] = {{"format", ".0%"}, {"tickCount", 5}, {"minExtent", 48}};
    } else {
      y["axis"] = {{"format", ",d"}, {"tickCount", 4}, {"minExtent", 48}};
    }
    json encoding = {{"x", date_x(scenarios)}, {"y", y}};
    if (compare) encoding["color"] = scenario_colour(scenarios, "scenario");
    json line = {{"transform", t},
                 {"mark", {{"type", "line"}, {"strokeWidth", 2}, {"color", "#4c78a8"}}},
                 {"encoding", encoding}};
    panels.push_back({{"title",
                       {{"text", pool_label(pools[static_cast<std::size_t>(p)])},
                        {"anchor", "start"},
                        {"fontSize", 12},
                        {"fontWeight", "bold"}}},
                      {"width", kWidth},
                      {"height", 110},
                      {"layer", time_layers(scenarios, std::move(line))}});
  }
  json spec = base_spec();
  spec["data"] = data;
  spec["vconcat"] = panels;
  spec["spacing"] = 18;
  spec["resolve"] = {{"scale", {{"y", "independent"}}}};
  return ReportChart{std::move(title), std::move(caption), std::move(spec)};
}

std::vector<ReportChart> difference_charts(const models::ScenarioComparison& comparison) {
  using models::Unit;
  struct Group {
    std::string title;
    std::string axis;
    std::vector<Unit> units;
    double scale;
  };
  const std::vector<Group> groups{
      {"Delays and dates", "policy minus baseline, days", {Unit::kDays, Unit::kDay}, 1},
      {"Shares", "policy minus baseline, percentage points", {Unit::kShare}, 100},
      {"Working days", "policy minus baseline, working days", {Unit::kWorkingDays}, 1},
      {"Case counts", "policy minus baseline, cases", {Unit::kCases}, 1},
      {"Contact counts", "policy minus baseline, contacts", {Unit::kContacts}, 1},
      {"Rates", "policy minus baseline",
       {Unit::kContactsPerWeek, Unit::kHoursPerWeek, Unit::kCasesPerOfficer, Unit::kCasesPerIsva,
        Unit::kPerListedCase, Unit::kAgenciesPerEvent, Unit::kCasesPerYear},
       1},
  };
  const json verdicts =
      json::array({"better", "worse", "no clear difference", "changed", "not comparable"});
  const json colours = json::array({"#1f6fb4", "#d9480f", "#8c8c8c", "#7b3294", "#cccccc"});
  std::vector<ReportChart> out;
  for (const auto& g : groups) {
    json rows = json::array();
    std::vector<std::string> left_out;
    for (const auto& d : comparison.metrics) {
      if (std::find(g.units.begin(), g.units.end(), d.unit) == g.units.end()) continue;
      // Medians and 90th percentiles and the delays by year stay in the table:
      // the forest plot keeps to one figure per measure.
      if (!d.statistic.empty() || d.group == models::MetricGroup::kDelaysByYear) continue;
      if (!std::isfinite(d.difference)) {
        left_out.push_back(text::metric_label(d));
        continue;
      }
      rows.push_back({{"label", text::metric_label(d)},
                      {"diff", rounded(d.difference * g.scale, 3)},
                      {"lo", rounded(d.ci_low * g.scale, 3)},
                      {"hi", rounded(d.ci_high * g.scale, 3)},
                      {"verdict", models::verdict_name(d.verdict)},
                      {"says", text::difference_text(d)}});
    }
    if (rows.empty()) continue;
    json x = {{"type", "quantitative"},
              {"scale", {{"zero", true}, {"nice", true}}},
              {"axis", {{"title", g.axis}, {"format", ",~f"}, {"tickCount", 6}}}};
    const json y = {{"field", "label"},
                    {"type", "nominal"},
                    {"sort", nullptr},
                    {"title", nullptr},
                    {"axis", {{"labelLimit", 360}}}};
    json point_x = x;
    point_x["field"] = "diff";
    json colour = {{"field", "verdict"},
                   {"type", "nominal"},
                   {"scale", {{"domain", verdicts}, {"range", colours}}},
                   {"legend", {{"title", "verdict"}}}};
    json spec = base_spec();
    spec["width"] = kWidth - 80;
    spec["height"] = {{"step", 24}};
    spec["data"] = {{"values", rows}};
    // The zero line spans the chart: it takes no y, so it is drawn once, not per row.
    spec["layer"] = json::array(
        {{{"mark", {{"type", "rule"}, {"color", "#999999"}, {"strokeDash", json::array({4, 3})}}},
          {"encoding", {{"x", {{"datum", 0}, {"type", "quantitative"}}}}}},
         {{"mark", {{"type", "rule"}, {"strokeWidth", 2.5}}},
          {"encoding",
           {{"y", y},
            {"x", {{"field", "lo"}, {"type", "quantitative"}}},
            {"x2", {{"field", "hi"}}},
            {"color", colour}}}},
         {{"mark", {{"type", "point"}, {"filled", true}, {"size", 80}, {"opacity", 1}}},
          {"encoding",
           {{"y", y},
            {"x", point_x},
            {"color", colour},
            {"tooltip", json::array({{{"field", "label"}, {"title", "figure"}},
                                     {{"field", "says"}, {"title", "policy"}},
                                     {{"field", "verdict"}}})}}}}});
    std::string caption =
        "Each dot is how far the policy moves a figure from the baseline, with its 95% interval as "
        "a "
        "line. A line clear of the dashed zero line is a real difference; one crossing it could be "
        "chance.";
    if (!left_out.empty()) {
      caption += " Not comparable (too few replications with a value): ";
      for (std::size_t k = 0; k < left_out.size(); ++k) caption += (k ? ", " : "") + left_out[k];
      caption += ".";
    }
    out.push_back({g.title + ": change from the baseline", caption, std::move(spec)});
  }
  return out;
}

}  // namespace output
