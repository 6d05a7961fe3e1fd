#include "output/fit_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "output/csv_tables.h"
#include "output/report_charts.h"
#include "output/report_page.h"
#include "output/report_text.h"
#include "sim/calendar.h"

namespace output {

namespace {

using json = nlohmann::ordered_json;
namespace text = report_text;
using text::escape_html;
using models::ExtractFit;
using models::FamilyFit;
using models::IntervalFit;
using models::MilestoneBranches;

// Six significant figures: more than any fit supports, few enough to read.
double figures(double v) { return std::stod(fmt::format("{:.6g}", v)); }

// JSON has no NaN: an estimate the data cannot pin down is null.
json number(double v) { return std::isfinite(v) ? json(figures(v)) : json(nullptr); }

json estimate_json(const models::Estimate& e) {
  return {{"estimate", number(e.value)},
          {"ci_low", number(e.ci_low)},
          {"ci_high", number(e.ci_high)},
          {"se", number(e.se)}};
}

json proportion_json(const models::Proportion& p) {
  return {{"count", p.count},
          {"share", number(p.share)},
          {"ci_low", number(p.ci_low)},
          {"ci_high", number(p.ci_high)}};
}

const FamilyFit* chosen(const IntervalFit& iv) {
  return iv.fit.best ? &iv.fit.families[*iv.fit.best] : nullptr;
}

std::string interval_name(const IntervalFit& iv) {
  return fmt::format("{}_to_{}", models::milestone_name(iv.from), models::milestone_name(iv.to));
}

std::string interval_label(const IntervalFit& iv) {
  return fmt::format("{} to {}", text::sentence_case(models::milestone_name(iv.from)),
                     text::humanise(models::milestone_name(iv.to)));
}

// The distribution as the scenario loader reads it, with every other kind
// (and the lognormal's other parameter pair) deleted: a merge patch merges
// objects key by key, so without the nulls a stage that had, say, a
// lognormal by median and p90 would end up with both forms.
json duration_patch(const FamilyFit& f) {
  json d = json::object();
  const double a = figures(f.parameters[0].value), b = figures(f.parameters[1].value);
  switch (f.family) {
    case models::Family::kLognormal:
      d["lognormal"] = {{"mu", a}, {"sigma", b}, {"median", nullptr}, {"p90", nullptr}};
      break;
    case models::Family::kGamma: d["gamma"] = {{"shape", a}, {"scale", b}}; break;
    case models::Family::kWeibull: d["weibull"] = {{"shape", a}, {"scale", b}}; break;
  }
  for (const char* kind : {"fixed", "exponential", "lognormal", "gamma", "weibull", "triangular",
                           "uniform", "empirical", "histogram"})
    if (!d.contains(kind)) d[kind] = nullptr;
  return d;
}

// Probabilities to four places that sum to exactly 1, as the loader demands
// of every stage's branches.
std::vector<double> rounded_probabilities(const MilestoneBranches& b) {
  std::vector<double> p;
  double sum = 0;
  for (std::size_t i = 0; i < b.branches.size(); ++i) {
    const double v = i + 1 < b.branches.size()
                         ? std::round(b.branches[i].probability.share * 1e4) / 1e4
                         : std::round((1 - sum) * 1e4) / 1e4;
    sum += v;
    p.push_back(v);
  }
  return p;
}

json kaplan_meier_json(const models::SurvivalFit& fit) {
  json out = json::array();
  for (const auto& s : fit.km)
    out.push_back({{"day", s.time},
                   {"survival", number(s.survival)},
                   {"ci_low", number(s.ci_low)},
                   {"ci_high", number(s.ci_high)},
                   {"at_risk", s.at_risk},
                   {"events", s.events}});
  return out;
}

json family_json(const FamilyFit& f, double best_aic) {
  json params = json::object();
  for (std::size_t i = 0; i < 2; ++i) params[f.parameter_names[i]] = estimate_json(f.parameters[i]);
  return {{"family", models::family_name(f.family)},
          {"converged", f.converged},
          {"log_likelihood", number(f.log_likelihood)},
          {"aic", number(f.aic)},
          {"delta_aic", number(f.aic - best_aic)},
          {"parameters", params},
          {"median_days", estimate_json(f.median)},
          {"p90_days", estimate_json(f.p90)}};
}

std::string pct(double share) { return text::number(100 * share, 1) + "%"; }

std::string share_text(const models::Proportion& p) {
  return fmt::format("{} ({}–{})", pct(p.share), text::number(100 * p.ci_low, 1),
                     pct(p.ci_high));
}

// Parameters vary in size (mu near 5, a scale in the hundreds): four
// significant figures for all.
std::string sig(double v) { return std::isfinite(v) ? fmt::format("{:.4g}", v) : "–"; }

std::string estimate_text(const models::Estimate& e) {
  if (!std::isfinite(e.ci_low)) return sig(e.value) + " (no interval)";
  return fmt::format("{} ({}–{})", sig(e.value), sig(e.ci_low), sig(e.ci_high));
}

std::string days_text(const models::Estimate& e) {
  if (!std::isfinite(e.value)) return "–";
  if (!std::isfinite(e.ci_low)) return text::number(e.value, 1);
  return fmt::format("{} ({}–{})", text::number(e.value, 1), text::number(e.ci_low, 1),
                     text::number(e.ci_high, 1));
}

// ---- the report's parts -------------------------------------------------------------

constexpr int kCurvePoints = 120;

std::optional<ReportChart> survival_chart(const IntervalFit& iv) {
  if (iv.fit.km.empty()) return std::nullopt;
  double top = 1;
  for (double t : iv.data.events) top = std::max(top, t);
  for (double t : iv.data.censored) top = std::max(top, t);
  const std::string observed = "observed (Kaplan–Meier)";
  json domain = json::array({observed});
  json km = json::array();
  km.push_back({{"day", 0}, {"s", 1}, {"lo", 1}, {"hi", 1}, {"curve", observed}});
  for (const auto& s : iv.fit.km)
    km.push_back({{"day", s.time},
                  {"s", number(s.survival)},
                  {"lo", number(s.ci_low)},
                  {"hi", number(s.ci_high)},
                  {"curve", observed}});
  km.push_back({{"day", top},
                {"s", number(iv.fit.km.back().survival)},
                {"lo", number(iv.fit.km.back().ci_low)},
                {"hi", number(iv.fit.km.back().ci_high)},
                {"curve", observed}});
  json fitted = json::array();
  for (std::size_t k = 0; k < iv.fit.families.size(); ++k) {
    const FamilyFit& f = iv.fit.families[k];
    if (!f.converged) continue;
    const std::string name = fmt::format("{}{}", models::family_name(f.family),
                                         iv.fit.best == k ? " (chosen)" : "");
    domain.push_back(name);
    for (int i = 0; i <= kCurvePoints; ++i) {
      const double t = top * i / kCurvePoints;
      fitted.push_back({{"day", figures(t)},
                        {"s", number(f.survival(t, iv.data.scale))},
                        {"curve", name}});
    }
  }
  const json colour = {
      {"field", "curve"},
      {"type", "nominal"},
      {"sort", nullptr},
      {"scale", {{"domain", domain}, {"range", {"#222222", "#1f77b4", "#ff7f0e", "#2ca02c"}}}},
      {"legend", {{"title", nullptr}}}};
  const json x = {{"field", "day"},
                  {"type", "quantitative"},
                  {"title", fmt::format("days since {}", text::humanise(
                                                             models::milestone_name(iv.from)))},
                  {"scale", {{"domain", {0, top}}, {"nice", false}}}};
  const json y = {{"field", "s"},
                  {"type", "quantitative"},
                  {"title", "share not yet moved on"},
                  {"axis", {{"format", "%"}}},
                  {"scale", {{"domain", {0, 1}}}}};
  json spec = chart_spec_base();
  spec["width"] = kChartWidth;
  spec["height"] = 260;
  spec["layer"] = json::array(
      {{{"data", {{"values", km}}},
        {"mark",
         {{"type", "area"}, {"interpolate", "step-after"}, {"color", "#999999"}, {"opacity", 0.25}}},
        {"encoding", {{"x", x}, {"y", {{"field", "lo"}, {"type", "quantitative"}}},
                      {"y2", {{"field", "hi"}}}}}},
       {{"data", {{"values", km}}},
        {"mark", {{"type", "line"}, {"interpolate", "step-after"}, {"strokeWidth", 2}}},
        {"encoding", {{"x", x}, {"y", y}, {"color", colour}}}},
       {{"data", {{"values", fitted}}},
        {"mark", {{"type", "line"}, {"strokeWidth", 1.5}}},
        {"encoding", {{"x", x}, {"y", y}, {"color", colour}}}}});
  return ReportChart{
      interval_label(iv) + ": observed against fitted",
      fmt::format("The share of cases that, each day after {}, had not yet reached {} or ended: as "
                  "observed (Kaplan–Meier, grey band its 95% interval) and as each fitted "
                  "distribution says. The closer a curve follows the steps, the better it fits.",
                  text::humanise(models::milestone_name(iv.from)),
                  text::humanise(models::milestone_name(iv.to))),
      spec};
}

std::string counts_html(const IntervalFit& iv, const models::Scenario& s) {
  std::string out = fmt::format(
      "<p>{} cases reached {}. <strong>Observed ends: {}</strong> ({} reached {}, {} ended with "
      "an outcome on the way). <strong>Censored: {}</strong> ({} still open at the as-of date, {} "
      "{}).",
      text::number(static_cast<double>(iv.data.events.size() + iv.data.censored.size() +
                                       iv.skipped),
                   0),
      text::humanise(models::milestone_name(iv.from)),
      text::number(static_cast<double>(iv.fit.n_observed), 0),
      text::number(static_cast<double>(iv.reached_to), 0),
      text::humanise(models::milestone_name(iv.to)), text::number(static_cast<double>(iv.ended), 0),
      text::number(static_cast<double>(iv.fit.n_censored), 0),
      text::number(static_cast<double>(iv.open), 0),
      text::number(static_cast<double>(iv.withdrawn), 0),
      escape_html(text::humanise(s.withdrawal.outcome)));
  if (iv.skipped > 0)
    out += fmt::format(" {} reached a later milestone with no {} date and are left out.",
                       text::number(static_cast<double>(iv.skipped), 0),
                       text::humanise(models::milestone_name(iv.to)));
  return out + "</p>\n";
}

std::string mapping_html(const IntervalFit& iv, const models::Scenario& s) {
  if (!iv.stage)
    return fmt::format("<p><strong>Not written into the fragment:</strong> {}.</p>\n",
                       escape_html(iv.mapping));
  const std::string stage = escape_html(s.stages[*iv.stage].name);
  if (const FamilyFit* f = chosen(iv))
    return fmt::format(
        "<p>This is the stage <strong>{}</strong> of the scenario (now {}); the fragment sets its "
        "duration to the <strong>{}</strong> fit, the one with the smallest AIC.</p>\n",
        stage, escape_html(s.stages[*iv.stage].duration.describe()),
        models::family_name(f->family));
  return fmt::format("<p>This is the stage <strong>{}</strong> of the scenario, but nothing could "
                     "be fitted ({}), so the fragment leaves it as it is.</p>\n",
                     stage, escape_html(iv.fit.note));
}

std::string fits_table(const IntervalFit& iv) {
  if (iv.fit.families.empty())
    return fmt::format("<p class=\"meta\">No distribution fitted: {}.</p>\n",
                       escape_html(iv.fit.note));
  const double best = chosen(iv) ? chosen(iv)->aic : NAN;
  std::string out =
      "<table class=\"fits\">\n<thead><tr><th>Distribution</th><th>Parameters (95% CI)</th>"
      "<th>Median, days (95% CI)</th><th>90th percentile, days (95% CI)</th><th>AIC</th>"
      "<th>ΔAIC</th></tr></thead>\n<tbody>\n";
  for (std::size_t k = 0; k < iv.fit.families.size(); ++k) {
    const FamilyFit& f = iv.fit.families[k];
    const bool is_best = iv.fit.best == k;
    std::string params = fmt::format(
        "{} {}<br>{} {}", f.parameter_names[0], estimate_text(f.parameters[0]),
        f.parameter_names[1], estimate_text(f.parameters[1]));
    out += fmt::format(
        "<tr{}><td>{}{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        is_best ? " class=\"chosen\"" : "", models::family_name(f.family),
        is_best ? " <span class=\"badge better\">chosen</span>"
                : (f.converged ? "" : " <span class=\"badge\">did not converge</span>"),
        params, days_text(f.median), days_text(f.p90), text::number(f.aic, 1),
        std::isfinite(best) ? text::number(f.aic - best, 1) : "–");
  }
  return out + "</tbody>\n</table>\n";
}

std::string branches_html(const MilestoneBranches& b, const models::Scenario& s) {
  std::string out = fmt::format("<h3>At {}: {} cases</h3>\n",
                                text::humanise(models::milestone_name(b.at)),
                                text::number(static_cast<double>(b.reached), 0));
  out += "<table class=\"branches\">\n<thead><tr><th>Left by</th><th>Cases</th>"
         "<th>Share of those that left (95% CI)</th></tr></thead>\n<tbody>\n";
  for (const auto& e : b.exits)
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                       escape_html(e.milestone ? "reaching " + text::humanise(e.name)
                                               : text::humanise(e.name)),
                       text::number(static_cast<double>(e.share.count), 0),
                       share_text(e.share));
  out += "</tbody>\n</table>\n";
  out += fmt::format("<p class=\"meta\">Not counted as leaving: {} still open at the as-of date{}.</p>\n",
                     text::number(static_cast<double>(b.open), 0),
                     b.skipped > 0 ? fmt::format(", {} that reached a later milestone with no {} "
                                                 "date",
                                                 text::number(static_cast<double>(b.skipped), 0),
                                                 text::humanise(models::milestone_name(b.next)))
                                   : std::string());
  if (!b.stage)
    return out + fmt::format("<p><strong>Not written into the fragment:</strong> {}.</p>\n",
                             escape_html(b.mapping));
  std::vector<std::string> parts;
  for (const auto& br : b.branches)
    parts.push_back(fmt::format("to <strong>{}</strong> {}", escape_html(s.stages[br.to].name),
                                share_text(br.probability)));
  return out + fmt::format("<p>The branches of <strong>{}</strong>, from the cases that left by "
                           "one of them ({} excluded, as it is not a branch): {}.</p>\n",
                           escape_html(s.stages[*b.stage].name),
                           escape_html(text::humanise(s.withdrawal.outcome)),
                           fmt::join(parts, "; "));
}

std::string how_to_read(const ExtractFit& fit) {
  return fmt::format(
      "<section class=\"howto\">\n<h2>How to read this report</h2>\n<ul>\n"
      "<li>Each section is the time from one milestone to the next that the extract records. A "
      "case's time <em>ends</em> when it reaches the next milestone or ends with an outcome on "
      "the way (police or CPS no further action, a guilty plea): in the pathway those are "
      "decisions taken when a stage's time is up.</li>\n"
      "<li>A case still open on {} (the as-of date) has not finished yet: all we know is that "
      "it took longer than it has so far. Such a time is <em>censored</em>, and so is one cut "
      "short by the victim withdrawing. Censored times count for what they say; leaving them "
      "out would make every stage look quicker than it is.</li>\n"
      "<li>The <strong>Kaplan–Meier</strong> curve is the share of cases not yet moved on, day "
      "by day, allowing for censoring. Three distributions are fitted to the same times; the "
      "one with the smallest <strong>AIC</strong> (Akaike information criterion: how well it "
      "fits, less a charge for each parameter) is chosen. A ΔAIC under 2 means the two fit "
      "about equally well.</li>\n"
      "<li><strong>95% CI</strong>: the range the value would very likely stay within if the "
      "force had had the same number of other, similar cases. With few cases it is wide.</li>\n"
      "<li>Dates are whole days, so a case that moves on the day it arrived took 0 days; the "
      "fit allows for that.</li>\n"
      "</ul>\n</section>\n",
      sim::to_iso(fit.as_of));
}

}  // namespace

std::string fit_json(const FitFiles& in) {
  const ExtractFit& fit = *in.fit;
  const models::Scenario& s = *in.scenario;
  json j;
  j["casesim_fit_version"] = 1;
  j["input"] = {{"file", in.extract->file},
                {"as_of", sim::to_iso(fit.as_of)},
                {"good_rows", fit.rows},
                {"bad_rows", fit.bad_rows},
                {"reported_after_as_of", fit.after_as_of},
                {"initial_left_out", fit.initial},
                {"cases", fit.cases}};
  j["scenario"] = {{"name", s.meta.name}, {"source", s.source}};
  json intervals = json::array();
  for (const auto& iv : fit.intervals) {
    const FamilyFit* best = chosen(iv);
    json families = json::array();
    for (const auto& f : iv.fit.families)
      families.push_back(family_json(f, best ? best->aic : NAN));
    intervals.push_back(
        {{"name", interval_name(iv)},
         {"from", models::milestone_name(iv.from)},
         {"to", models::milestone_name(iv.to)},
         {"stage", iv.stage ? json(s.stages[*iv.stage].name) : json(nullptr)},
         {"not_mapped_because", iv.stage ? json(nullptr) : json(iv.mapping)},
         {"n_observed", iv.fit.n_observed},
         {"n_censored", iv.fit.n_censored},
         {"reached_next", iv.reached_to},
         {"ended_on_the_way", iv.ended},
         {"withdrawn", iv.withdrawn},
         {"open", iv.open},
         {"skipped", iv.skipped},
         {"chosen", best ? json(models::family_name(best->family)) : json(nullptr)},
         {"no_fit_because", iv.fit.note.empty() ? json(nullptr) : json(iv.fit.note)},
         {"fits", families},
         {"kaplan_meier", kaplan_meier_json(iv.fit)}});
  }
  j["intervals"] = intervals;
  json branches = json::array();
  for (const auto& b : fit.branches) {
    json exits = json::array();
    for (const auto& e : b.exits) {
      json x = {{"to", e.name}, {"kind", e.milestone ? "milestone" : "outcome"}};
      x.update(proportion_json(e.share));
      exits.push_back(x);
    }
    json probabilities = json::array();
    for (const auto& br : b.branches) {
      json x = {{"to", s.stages[br.to].name}, {"shows_as", br.exit}};
      x.update(proportion_json(br.probability));
      probabilities.push_back(x);
    }
    branches.push_back({{"at", models::milestone_name(b.at)},
                        {"next", models::milestone_name(b.next)},
                        {"reached", b.reached},
                        {"open", b.open},
                        {"skipped", b.skipped},
                        {"exits", exits},
                        {"stage", b.stage ? json(s.stages[*b.stage].name) : json(nullptr)},
                        {"not_mapped_because", b.stage ? json(nullptr) : json(b.mapping)},
                        {"probabilities", probabilities}});
  }
  j["branches"] = branches;
  json bad = json::array();
  for (const auto& p : in.extract->problems) bad.push_back({{"line", p.line}, {"message", p.message}});
  j["bad_rows"] = bad;
  j["notes"] = fit.notes;
  return j.dump(2) + "\n";
}

std::string fit_csv(const FitFiles& in) {
  const models::Scenario& s = *in.scenario;
  std::string out =
      "section,from,to,stage,family,quantity,estimate,ci_low,ci_high,se,aic,delta_aic,chosen,"
      "n_observed,n_censored\n";
  auto num = [](double v) { return std::isfinite(v) ? fmt::format("{:.6g}", v) : std::string(); };
  for (const auto& iv : in.fit->intervals) {
    const FamilyFit* best = chosen(iv);
    const std::string stage = iv.stage ? s.stages[*iv.stage].name : "";
    for (std::size_t k = 0; k < iv.fit.families.size(); ++k) {
      const FamilyFit& f = iv.fit.families[k];
      auto row = [&](const std::string& quantity, const models::Estimate& e) {
        out += fmt::format("duration,{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                           models::milestone_name(iv.from), models::milestone_name(iv.to),
                           csv_field(stage), models::family_name(f.family), quantity,
                           num(e.value), num(e.ci_low), num(e.ci_high), num(e.se), num(f.aic),
                           num(best ? f.aic - best->aic : NAN),
                           iv.fit.best == k ? "true" : "false", iv.fit.n_observed,
                           iv.fit.n_censored);
      };
      row(f.parameter_names[0], f.parameters[0]);
      row(f.parameter_names[1], f.parameters[1]);
      row("median_days", f.median);
      row("p90_days", f.p90);
    }
  }
  for (const auto& b : in.fit->branches) {
    const std::string stage = b.stage ? s.stages[*b.stage].name : "";
    for (const auto& e : b.exits)
      out += fmt::format("share,{},{},{},,share,{},{},{},,,,,{},{}\n",
                         models::milestone_name(b.at), csv_field(e.name), csv_field(stage),
                         num(e.share.share), num(e.share.ci_low), num(e.share.ci_high),
                         e.share.count, b.open);
    for (const auto& br : b.branches)
      out += fmt::format("branch,{},{},{},,probability,{},{},{},,,,,{},\n",
                         models::milestone_name(b.at), csv_field(s.stages[br.to].name),
                         csv_field(stage), num(br.probability.share), num(br.probability.ci_low),
                         num(br.probability.ci_high), br.probability.count);
  }
  return out;
}

std::string fit_fragment_json(const FitFiles& in) {
  const models::Scenario& s = *in.scenario;
  json j = json::object();
  if (!in.extends.empty()) j["extends"] = in.extends;
  j["meta"] = {{"name", fmt::format("{} fitted to {}", s.meta.name, in.extract->file)},
               {"description",
                fmt::format("Durations and branch probabilities fitted by casesim fit from {} as "
                            "of {}, laid over {}; see fit-report.html beside this file.",
                            in.extract->file, sim::to_iso(in.fit->as_of), s.meta.name)}};
  json stages = json::object();
  for (const auto& iv : in.fit->intervals)
    if (const FamilyFit* f = chosen(iv); f && iv.stage)
      stages[s.stages[*iv.stage].name]["duration"] = duration_patch(*f);
  for (const auto& b : in.fit->branches) {
    if (!b.stage) continue;
    const auto p = rounded_probabilities(b);
    json branches = json::array();
    for (std::size_t i = 0; i < b.branches.size(); ++i)
      branches.push_back({{"to", s.stages[b.branches[i].to].name}, {"probability", p[i]}});
    stages[s.stages[*b.stage].name]["branches"] = branches;
  }
  if (!stages.empty()) j["pathway"] = {{"stages", stages}};
  return j.dump(2) + "\n";
}

std::string fit_report_html(const FitFiles& in) {
  const ExtractFit& fit = *in.fit;
  const models::Scenario& s = *in.scenario;
  ReportPage page;
  page.add("<header class=\"report-head\">\n");
  page.add("<h1>" + escape_html("Case durations fitted from " + in.extract->file) + "</h1>\n");
  page.add(fmt::format(
      "<p class=\"lead\">{} cases as they stood on {}, fitted for the scenario <strong>{}</strong>."
      "</p>\n",
      text::number(static_cast<double>(fit.cases), 0), sim::to_iso(fit.as_of),
      escape_html(s.meta.name)));
  std::string meta = fmt::format("{} good rows", text::number(static_cast<double>(fit.rows), 0));
  if (fit.bad_rows > 0)
    meta += fmt::format(" · {} bad rows left out (--skip-bad-rows)",
                        text::number(static_cast<double>(fit.bad_rows), 0));
  if (fit.after_as_of > 0)
    meta += fmt::format(" · {} reported after the as-of date, left out",
                        text::number(static_cast<double>(fit.after_as_of), 0));
  if (fit.initial > 0)
    meta += fmt::format(" · {} of a simulation's starting caseload (origin initial) left out",
                        text::number(static_cast<double>(fit.initial), 0));
  if (!s.source.empty()) meta += " · scenario file " + s.source;
  page.add("<p class=\"meta\">" + escape_html(meta) + "</p>\n</header>\n");
  page.add(how_to_read(fit));

  page.add("<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr><th>Interval</th>"
           "<th>Observed</th><th>Censored</th><th>Chosen fit</th><th>Median, days (95% CI)</th>"
           "<th>In the fragment as</th></tr></thead>\n<tbody>\n");
  for (const auto& iv : fit.intervals) {
    const FamilyFit* f = chosen(iv);
    page.add(fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td>"
        "<td class=\"num\">{}</td><td>{}</td></tr>\n",
        escape_html(interval_label(iv)), text::number(static_cast<double>(iv.fit.n_observed), 0),
        text::number(static_cast<double>(iv.fit.n_censored), 0),
        f ? models::family_name(f->family) : "–", f ? days_text(f->median) : "–",
        iv.stage && f ? "stage " + escape_html(s.stages[*iv.stage].name) : "not written"));
  }
  page.add("</tbody>\n</table>\n");

  for (const auto& iv : fit.intervals) {
    page.add("<h2>" + escape_html(interval_label(iv)) + "</h2>\n");
    page.add(counts_html(iv, s));
    page.add(mapping_html(iv, s));
    page.add(fits_table(iv));
    page.chart(survival_chart(iv));
  }

  page.add("<h2>Where cases go at each milestone</h2>\n");
  page.add("<p>Of the cases that reached a milestone and have since left it, the share that "
           "reached the next milestone and the share that ended each way, with 95% intervals "
           "(Wilson).</p>\n");
  for (const auto& b : fit.branches) page.add(branches_html(b, s));

  page.add("<h2>The scenario fragment</h2>\n");
  page.add(
      "<p><code>fragment.json</code>, beside this report, holds what mapped onto one stage of "
      "the scenario. It <code>extends</code> the scenario, so it runs as it is "
      "(<code>casesim run fragment.json</code>) or compares with it "
      "(<code>casesim compare SCENARIO fragment.json</code>); or copy its stages into a "
      "scenario of your own.</p>\n<pre class=\"fragment\">" +
      escape_html(fit_fragment_json(in)) + "</pre>\n");

  page.add("<h2>Notes</h2>\n<ul class=\"notes\">\n");
  for (const auto& n : fit.notes) page.add("<li>" + escape_html(n) + "</li>\n");
  page.add("</ul>\n");

  if (!in.extract->problems.empty()) {
    constexpr std::size_t kShown = 200;
    page.add(fmt::format("<h2>Bad rows left out ({})</h2>\n<ul class=\"bad-rows\">\n",
                         in.extract->bad_rows));
    for (std::size_t i = 0; i < in.extract->problems.size() && i < kShown; ++i)
      page.add("<li>" + escape_html(in.extract->message(in.extract->problems[i])) + "</li>\n");
    if (in.extract->problems.size() > kShown)
      page.add(fmt::format("<li>… and {} more (all are in fit.json)</li>\n",
                           in.extract->problems.size() - kShown));
    page.add("</ul>\n");
  }
  return report_document("casesim fit: " + in.extract->file, page);
}

}  // namespace output
