#include "output/sweep_files.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "output/csv_tables.h"
#include "output/report_charts.h"
#include "output/report_page.h"
#include "output/report_text.h"

namespace output {

namespace text = report_text;
using json = nlohmann::ordered_json;

namespace {

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

std::string cell(double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string(); }

json settings_json(const std::vector<models::LeverSetting>& settings) {
  json out = json::array();
  for (const auto& l : settings)
    out.push_back({{"pointer", l.pointer},
                   {l.move == models::LeverMove::kSet ? "set" : "scale", json::parse(l.value)}});
  return out;
}

json lever_json(const models::VariedLever& l) {
  json j = {{"pointer", l.pointer}, {"whole", l.whole}, {"low", l.low}, {"high", l.high}};
  if (!l.values.empty()) j["values"] = l.values;
  return j;
}

std::string lever_value(const models::VariedLever& l, double v) {
  return l.whole ? fmt::format("{}", static_cast<long long>(v)) : fmt::format("{:.4g}", v);
}

std::string figure_text(const models::Metric& m, const models::Scenario& s) {
  return text::figure_with_interval(m, s.meta.start_date);
}

// A share is charted as a percentage; everything else in its own unit.
bool is_share(models::Unit u) { return models::unit_scale(u) == models::Scale::kShare; }
double shown(double v, models::Unit unit) { return is_share(unit) ? 100 * v : v; }
std::string axis_title(const models::Metric& m) {
  if (is_share(m.unit)) return text::metric_label(m) + " (%)";
  const std::string words = models::unit_words(m.unit);
  return words.empty() ? text::metric_label(m) : text::metric_label(m) + " (" + words + ")";
}

json point_rows(const SweepRun& run, const std::string& name) {
  json rows = json::array();
  for (std::size_t p = 0; p < run.points.size(); ++p) {
    const models::Metric* m = run.summaries[p].find(name);
    if (!m || !std::isfinite(m->mean)) continue;
    json row;
    for (std::size_t l = 0; l < run.levers.size(); ++l)
      row[fmt::format("lever{}", l)] = run.points[p][l];
    const double lo = std::isfinite(m->ci_low) ? m->ci_low : m->mean;
    const double hi = std::isfinite(m->ci_high) ? m->ci_high : m->mean;
    row["mean"] = shown(m->mean, m->unit);
    row["lo"] = shown(lo, m->unit);
    row["hi"] = shown(hi, m->unit);
    row["text"] = figure_text(*m, *run.scenario);
    row["short"] = text::value_text(m->mean, m->unit, text::decimals_for(m->mean, m->unit),
                                    run.scenario->meta.start_date);
    rows.push_back(std::move(row));
  }
  return rows;
}

json tooltip(const SweepRun& run, const std::string& label) {
  json t = json::array();
  for (std::size_t l = 0; l < run.levers.size(); ++l)
    t.push_back({{"field", fmt::format("lever{}", l)}, {"title", run.levers[l].pointer}});
  t.push_back({{"field", "text"}, {"title", label}});
  return t;
}

// The figure against one lever: the mean as a line with its interval as a band.
json band_spec(const SweepRun& run, const models::Metric& first, json rows, std::size_t lever,
               int width) {
  json spec = chart_spec_base();
  spec["width"] = width;
  spec["height"] = 240;
  spec["data"] = {{"values", std::move(rows)}};
  spec["encoding"]["x"] = {{"field", fmt::format("lever{}", lever)},
                           {"type", "quantitative"},
                           {"title", run.levers[lever].pointer},
                           {"scale", {{"zero", false}}}};
  if (run.levers[lever].whole) spec["encoding"]["x"]["axis"] = {{"format", "d"}, {"tickMinStep", 1}};
  const json y = {{"field", "mean"},
                  {"type", "quantitative"},
                  {"title", axis_title(first)},
                  {"scale", {{"zero", false}}}};
  if (run.latin_hypercube) {
    spec["layer"] = json::array(
        {{{"mark", {{"type", "rule"}, {"opacity", 0.5}}},
          {"encoding", {{"y", {{"field", "lo"}, {"type", "quantitative"}}}, {"y2", {{"field", "hi"}}}}}},
         {{"mark", {{"type", "point"}, {"filled", true}}},
          {"encoding", {{"y", y}, {"tooltip", tooltip(run, text::metric_label(first))}}}}});
  } else {
    spec["layer"] = json::array(
        {{{"mark", {{"type", "area"}, {"opacity", 0.25}}},
          {"encoding", {{"y", {{"field", "lo"}, {"type", "quantitative"}}}, {"y2", {{"field", "hi"}}}}}},
         {{"mark", {{"type", "line"}, {"point", true}}},
          {"encoding", {{"y", y}, {"tooltip", tooltip(run, text::metric_label(first))}}}}});
  }
  return spec;
}

// Two levers on a grid: one cell per point, coloured by the figure.
json heat_spec(const SweepRun& run, const models::Metric& first, json rows) {
  json spec = chart_spec_base();
  spec["width"] = std::min<int>(kChartWidth, 60 * static_cast<int>(run.levers[0].values.size()));
  spec["height"] = std::min<int>(420, 36 * static_cast<int>(run.levers[1].values.size()));
  spec["data"] = {{"values", std::move(rows)}};
  spec["encoding"] = {
      {"x", {{"field", "lever0"}, {"type", "ordinal"}, {"title", run.levers[0].pointer}}},
      {"y",
       {{"field", "lever1"}, {"type", "ordinal"}, {"title", run.levers[1].pointer},
        {"sort", "descending"}}}};
  spec["layer"] = json::array(
      {{{"mark", "rect"},
        {"encoding",
         {{"color",
           {{"field", "mean"},
            {"type", "quantitative"},
            {"title", axis_title(first)},
            {"scale", {{"scheme", first.better == models::Better::kHigher ? "greens" : "oranges"}}}}},
          {"tooltip", tooltip(run, text::metric_label(first))}}}},
       {{"mark", {{"type", "text"}, {"fontSize", 10}}}, {"encoding", {{"text", {{"field", "short"}}}}}}});
  return spec;
}

}  // namespace

std::vector<std::string> sweep_headline_figures(const models::Scenario& s,
                                                const models::RunSummary& first) {
  std::vector<std::string> names{"report_to_charge_days", "charge_to_trial_start_days",
                                 "report_to_trial_start_days", "report_to_completion_days",
                                 "outcome_share." + s.withdrawal.outcome,
                                 "outcome_share.convicted"};
  for (const auto& d : s.deadlines) names.push_back("deadline." + d.name + ".met_share");
  std::vector<std::string> present;
  for (const auto& n : names)
    if (const auto* m = first.find(n); m && std::isfinite(m->mean)) present.push_back(n);
  return present;
}

std::string sweep_csv(const SweepRun& run) {
  std::string out;
  for (const auto& l : run.levers) out += csv_field(l.pointer) + ",";
  out += "metric,unit,mean,ci_low,ci_high,median,p90,n\n";
  for (std::size_t p = 0; p < run.points.size(); ++p) {
    std::string levers;
    for (std::size_t l = 0; l < run.levers.size(); ++l) levers += cell(run.points[p][l]) + ",";
    for (const auto& m : run.summaries[p].metrics)
      out += fmt::format("{}{},{},{},{},{},{},{},{}\n", levers, csv_field(m.name),
                         csv_field(models::unit_name(m.unit)), cell(m.mean), cell(m.ci_low), cell(m.ci_high),
                         cell(m.median), cell(m.p90), m.n);
  }
  return out;
}

std::string sweep_json(const SweepRun& run) {
  json j;
  j["casesim_sweep_version"] = 1;
  j["scenario"] = {{"name", run.scenario->meta.name}, {"source", run.scenario->source}};
  j["command"] = run.command;
  j["design"] = run.latin_hypercube ? "latin_hypercube" : "grid";
  j["replications"] = run.replications;
  j["seed"] = run.seed;
  j["common_random_numbers"] = true;
  j["confidence_level"] = 0.95;
  j["settings"] = settings_json(run.settings);
  json levers = json::array();
  for (const auto& l : run.levers) levers.push_back(lever_json(l));
  j["levers"] = std::move(levers);
  json points = json::array();
  for (std::size_t p = 0; p < run.points.size(); ++p) {
    json values;
    for (std::size_t l = 0; l < run.levers.size(); ++l)
      values[run.levers[l].pointer] = run.points[p][l];
    json metrics = json::object();
    for (const auto& m : run.summaries[p].metrics)
      metrics[m.name] = {{"mean", number(m.mean)}, {"ci_low", number(m.ci_low)},
                         {"ci_high", number(m.ci_high)}, {"median", number(m.median)},
                         {"p90", number(m.p90)}, {"n", m.n}, {"unit", models::unit_name(m.unit)}};
    points.push_back({{"levers", std::move(values)}, {"metrics", std::move(metrics)}});
  }
  j["points"] = std::move(points);
  return j.dump(2) + "\n";
}

std::string sweep_report(const SweepRun& run) {
  const models::Scenario& s = *run.scenario;
  ReportPage page;
  std::string levers;
  for (const auto& l : run.levers)
    levers += (levers.empty() ? "" : ", ") +
              fmt::format("<code>{}</code> from {} to {}", text::escape_html(l.pointer),
                          lever_value(l, l.low), lever_value(l, l.high));
  page.add("<header>\n<h1>Sweep: " + text::escape_html(s.meta.name) + "</h1>\n");
  page.add(fmt::format(
      "<p class=\"lead\">{} points ({}) over {}. Every point ran the same {} replications with "
      "seed {} (common random numbers), so the differences between points are the lever, not "
      "luck. Bands and bars are 95% confidence intervals.</p>\n",
      run.points.size(),
      run.latin_hypercube ? "a Latin hypercube sample" : (run.levers.size() == 2 ? "a grid" : "each value"),
      levers, run.replications, run.seed));
  page.add("<p class=\"meta\"><code>" + text::escape_html(run.command) + "</code></p>\n");
  if (!run.settings.empty()) {
    std::string moved;
    for (const auto& l : run.settings) moved += (moved.empty() ? "" : "; ") + l.to_string();
    page.add("<p class=\"meta\">Under every point: " + text::escape_html(moved) + "</p>\n");
  }
  page.add("</header>\n");
  const bool heat = !run.latin_hypercube && run.levers.size() == 2;
  for (const auto& name : run.figures) {
    const models::Metric* first = run.summaries.empty() ? nullptr : run.summaries[0].find(name);
    if (!first) continue;
    json rows = point_rows(run, name);
    if (rows.empty()) continue;
    const std::string label = text::metric_label(*first);
    if (heat) {
      page.chart(ReportChart{label, "Each cell is one point, labelled with its mean; hover for "
                                    "the 95% interval.",
                             heat_spec(run, *first, std::move(rows))});
    } else if (run.levers.size() == 1) {
      page.chart(ReportChart{label + " against " + run.levers[0].pointer,
                             "The line is the mean over replications, the band its 95% "
                             "confidence interval.",
                             band_spec(run, *first, std::move(rows), 0, kChartWidth)});
    } else {
      json spec = chart_spec_base();
      json panels = json::array();
      const int width = std::max(160, kChartWidth / static_cast<int>(run.levers.size()) - 40);
      for (std::size_t l = 0; l < run.levers.size(); ++l) {
        json panel = band_spec(run, *first, rows, l, width);
        for (const char* k : {"$schema", "background", "padding", "config"}) panel.erase(k);
        panels.push_back(std::move(panel));
      }
      spec["hconcat"] = std::move(panels);
      page.chart(ReportChart{label + " against each lever",
                             "Each dot is one point of the sample, with its 95% interval; the "
                             "other levers vary at the same time.",
                             std::move(spec)});
    }
  }
  // Every point and figure charted, as a table.
  page.add("<h2>Every point</h2>\n<table class=\"all-figures\">\n<thead><tr>");
  for (const auto& l : run.levers) page.add("<th>" + text::escape_html(l.pointer) + "</th>");
  for (const auto& name : run.figures) {
    const models::Metric* m = run.summaries.empty() ? nullptr : run.summaries[0].find(name);
    page.add("<th>" + text::escape_html(m ? text::metric_label(*m) : name) + "</th>");
  }
  page.add("</tr></thead>\n<tbody>\n");
  for (std::size_t p = 0; p < run.points.size(); ++p) {
    page.add("<tr>");
    for (std::size_t l = 0; l < run.levers.size(); ++l)
      page.add("<td class=\"num\">" + lever_value(run.levers[l], run.points[p][l]) + "</td>");
    for (const auto& name : run.figures) {
      const models::Metric* m = run.summaries[p].find(name);
      page.add("<td class=\"num\">" + (m ? text::escape_html(figure_text(*m, s)) : "–") + "</td>");
    }
    page.add("</tr>\n");
  }
  page.add("</tbody>\n</table>\n");
  return report_document("casesim sweep: " + s.meta.name, page);
}

namespace {

std::string estimate_text(const models::Estimate& e, models::Unit unit, double level) {
  const int places = text::decimals_for(e.value, unit);
  auto v = [&](double x) {
    return is_share(unit) ? text::number(100 * x, places) + "%" : text::number(x, places);
  };
  const std::string words = is_share(unit) ? "" : models::unit_words(unit);
  const std::string u = words.empty() ? "" : " " + words;
  // No figure at all: no replication observed it (no case reached both
  // milestones at this value: a court with no room left to sit, say).
  if (std::isnan(e.value)) return "no value (nothing observed at this value)";
  if (std::isnan(e.low)) return v(e.value) + u + " (no interval: one replication observed it)";
  return fmt::format("{}{} ({:g}% CI {} to {})", v(e.value), u, 100 * level, v(e.low), v(e.high));
}

const char* statistic_words(models::Statistic s) {
  switch (s) {
    case models::Statistic::kMean: return "the mean";
    case models::Statistic::kMedian: return "the median";
    case models::Statistic::kP90: return "the 90th percentile";
  }
  return "the figure";
}

}  // namespace

std::string seek_text(const SeekRun& run) {
  using Outcome = models::SeekResult::Outcome;
  const auto& r = run.result;
  const auto& t = run.target;
  const std::string lever = run.lever.pointer;
  auto at = [&](const models::SeekStep& s) {
    return fmt::format("{} = {}: {} {}", lever, lever_value(run.lever, s.value),
                       t.figure.to_string(), estimate_text(s.figure, run.unit, run.confidence));
  };
  const std::string level = fmt::format("{:g}%", 100 * run.confidence);
  std::string out;
  switch (r.outcome) {
    case Outcome::kFound:
      out += fmt::format("{} {} = {} is the {} value meeting {} with {} confidence.\n",
                         run.options.largest ? "Largest:" : "Smallest:", lever,
                         lever_value(run.lever, r.answer->value),
                         run.options.largest ? "largest" : "smallest", t.to_string(), level);
      out += "  at the answer:      " + at(*r.answer) + "\n";
      out += "  next value, fails:  " + at(*r.failing) + "\n";
      break;
    case Outcome::kWholeRange:
      out += fmt::format("Every value from {} to {} meets {} with {} confidence: the {} is the "
                         "range's own end, {}.\n",
                         lever_value(run.lever, run.options.low),
                         lever_value(run.lever, run.options.high), t.to_string(), level,
                         run.options.largest ? "largest" : "smallest",
                         lever_value(run.lever, r.answer->value));
      out += "  at the answer:      " + at(*r.answer) + "\n";
      out += "  widen the range to find where it stops.\n";
      break;
    case Outcome::kOtherWay: {
      const bool largest = run.options.largest;
      const double met_at = largest ? run.options.high : run.options.low;
      const double failed_at = largest ? run.options.low : run.options.high;
      out += fmt::format(
          "The other way: {} is met at {} = {} but not at {}: the figure gets better as the lever "
          "goes {}, so the {} value meeting it is the range's own end. Run again {} to find the "
          "{} value that meets it.\n",
          t.to_string(), lever, lever_value(run.lever, met_at), lever_value(run.lever, failed_at),
          largest ? "up" : "down", largest ? "largest" : "smallest",
          largest ? "without --largest" : "with --largest", largest ? "smallest" : "largest");
      for (const auto& s : r.visited) out += "  tried:              " + at(s) + "\n";
      break;
    }
    case Outcome::kUnreachable: {
      if (std::isnan(r.best.figure.value)) {
        out += fmt::format("Unreachable: {} has no value anywhere from {} to {} (nothing was "
                           "observed for it: no case reached both milestones?).\n",
                           t.figure.to_string(), lever_value(run.lever, run.options.low),
                           lever_value(run.lever, run.options.high));
        break;
      }
      const std::string best = estimate_text(r.best.figure, run.unit, run.confidence);
      out += fmt::format(
          "Unreachable: no value of {} from {} to {} meets {} with {} confidence: {} never {} "
          "{} (best at {} = {}: {}).\n",
          lever, lever_value(run.lever, run.options.low), lever_value(run.lever, run.options.high),
          t.to_string(), level, statistic_words(t.figure.statistic),
          t.at_most ? "drops below" : "rises above",
          best.substr(0, best.find(" (")), lever, lever_value(run.lever, r.best.value), best);
      if (!run.where_time_goes.empty())
        out += fmt::format("  where the time goes at {} = {}: {}.\n", lever,
                           lever_value(run.lever, r.best.value), run.where_time_goes);
      for (const auto& s : r.visited) out += "  tried:              " + at(s) + "\n";
      break;
    }
  }
  for (const auto& p : r.monotonicity_problems)
    out += "  warning: the figure did not move one way with the lever: " + p +
           "; the answer assumes it does.\n";
  out += fmt::format("  {} values run, {} replications each (seed {}, the same at every value).\n",
                     r.visited.size(), run.replications, run.seed);
  return out;
}

std::string seek_json(const SeekRun& run) {
  using Outcome = models::SeekResult::Outcome;
  const auto& r = run.result;
  auto step = [&](const models::SeekStep& s) {
    return json{{"value", s.value},
                {"estimate", number(s.figure.value)},
                {"ci_low", number(s.figure.low)},
                {"ci_high", number(s.figure.high)},
                {"met", s.met}};
  };
  json j;
  j["casesim_seek_version"] = 1;
  j["scenario"] = {{"name", run.scenario->meta.name}, {"source", run.scenario->source}};
  j["command"] = run.command;
  j["settings"] = settings_json(run.settings);
  j["lever"] = lever_json(run.lever);
  j["target"] = {{"figure", run.target.figure.to_string()},
                 {"at_most", run.target.at_most},
                 {"value", run.target.value},
                 {"confidence", run.confidence}};
  j["seeking"] = run.options.largest ? "largest" : "smallest";
  j["outcome"] = r.outcome == Outcome::kFound        ? "found"
                 : r.outcome == Outcome::kWholeRange ? "whole_range"
                 : r.outcome == Outcome::kOtherWay   ? "other_way"
                                                      : "unreachable";
  j["answer"] = r.answer ? step(*r.answer) : json(nullptr);
  j["failing"] = r.failing ? step(*r.failing) : json(nullptr);
  j["best"] = step(r.best);
  if (!run.where_time_goes.empty()) j["where_the_time_goes_at_best"] = run.where_time_goes;
  json visited = json::array();
  for (const auto& s : r.visited) visited.push_back(step(s));
  j["visited"] = std::move(visited);
  j["monotonicity_problems"] = r.monotonicity_problems;
  j["replications"] = run.replications;
  j["seed"] = run.seed;
  j["text"] = seek_text(run);
  return j.dump(2) + "\n";
}

}  // namespace output
