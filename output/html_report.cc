#include "output/html_report.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <map>

#include "models/results/policy_changes.h"
#include "output/report_charts.h"
#include "output/report_page.h"
#include "output/report_text.h"
#include "sim/calendar.h"

namespace output {

namespace {

namespace text = report_text;
using text::escape_html;

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16 |
                       static_cast<unsigned char>(in[i + 1]) << 8 |
                       static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  if (i < in.size()) {
    const bool two = i + 1 < in.size();
    const unsigned v = static_cast<unsigned char>(in[i]) << 16 |
                       (two ? static_cast<unsigned char>(in[i + 1]) << 8 : 0u);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += two ? kAlphabet[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

std::string iso(const models::Scenario& s, double day) {
  return sim::to_iso(s.meta.start_date + std::chrono::days(static_cast<long>(std::floor(day))));
}

// The figures a planner asks for first, where the results have them.
std::vector<std::string> headline_names(const models::Scenario& s, const models::RunSummary& r) {
  using K = models::MetricKind;
  std::vector<std::string> names{
      models::metric_name(K::kDelay, "report_to_charge"),
      models::metric_name(K::kDelay, "report_to_trial_start"),
      models::metric_name(K::kDelay, "report_to_completion"),
      models::metric_name(K::kOutcomeShare, "convicted"),
      models::metric_name(K::kOutcomeShare, "guilty_plea")};
  // Withdrawal only where the scenario lets victims withdraw: a 0.0% card
  // would read as a finding.
  for (const auto& st : s.stages)
    if (st.withdrawal_per_year > 0) {
      names.push_back(models::metric_name(K::kWithdrawalOutcomeShare, s.withdrawal.outcome));
      break;
    }
  names.push_back(models::metric_name(K::kChargesPerYear));
  names.push_back(models::metric_name(K::kChargeRate));
  names.push_back(models::metric_name(K::kConvictionsPerYear));
  for (const auto& st : s.stages)
    if (st.withdrawal_per_year > 0) {
      names.push_back(models::metric_name(K::kWithdrawalAfterCharge));
      break;
    }
  for (const auto& m : r.metrics)
    if (m.kind == K::kDeadlineMet) names.push_back(m.name);
  names.push_back(models::metric_name(K::kOpenAtEnd));
  const std::string cleared_name = models::metric_name(K::kInitialClearedDay);
  const models::Metric* cleared = r.find(cleared_name);
  names.push_back(cleared && std::isfinite(cleared->mean)
                      ? cleared_name
                      : models::metric_name(K::kInitialOpenAtEnd));
  std::vector<std::string> present;
  for (const auto& n : names)
    if (const auto* m = r.find(n); m && std::isfinite(m->mean)) present.push_back(n);
  return present;
}

std::string headline_card(const models::Metric& m, const models::Scenario& s,
                          const models::MetricDifference* d) {
  const int places = text::decimals_for(m.mean, m.unit);
  const std::string value = text::value_text(m.mean, m.unit, places, s.meta.start_date);
  std::string rest = text::figure_with_interval(m, s.meta.start_date).substr(value.size());
  if (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
  std::string out = fmt::format(
      "<div class=\"figure{}\">\n<div class=\"label\">{}:</div>\n<div><span "
      "class=\"value\">{}</span> "
      "<span class=\"ci\">{}</span></div>\n",
      d ? std::string(" ") + text::verdict_class(d->verdict) : "",
      escape_html(text::metric_label(m)), escape_html(value), escape_html(rest));
  if (m.unit == models::Unit::kDays && std::isfinite(m.median) && std::isfinite(m.p90))
    out += fmt::format(
        "<div class=\"detail\">Half of cases within {} days; 1 in 10 took longer than {}.</div>\n",
        text::number(m.median, 0), text::number(m.p90, 0));
  // A share means nothing without what it is a share of.
  if (m.unit == models::Unit::kShare && !m.description.empty())
    out += fmt::format("<div class=\"detail denominator\">{}.</div>\n",
                       escape_html(text::sentence_case(m.description)));
  if (m.kind == models::MetricKind::kInitialClearedDay)
    out += "<div class=\"detail\">The day the last case open at the start closed.</div>\n";
  if (d && std::isfinite(d->baseline_mean))
    out += fmt::format(
        "<div class=\"detail\">Baseline: {}.</div>\n",
        escape_html(text::value_text(d->baseline_mean, m.unit, places, s.meta.start_date)));
  if (d)
    out += fmt::format("<div class=\"diff\">{} <span class=\"badge {}\">{}</span></div>\n",
                       escape_html(text::difference_text(*d)), text::verdict_class(d->verdict),
                       models::verdict_name(d->verdict));
  if (d && !d->note.empty())
    out += "<div class=\"detail\">" + escape_html(text::sentence_case(d->note)) + ".</div>\n";
  return out + "</div>\n";
}

std::string run_line(const models::Scenario& s, const models::RunSummary& r) {
  std::string line = fmt::format("{} replication{}, seed {} · simulated from {} to {} ({} days)",
                                 text::number(static_cast<double>(r.replications), 0),
                                 r.replications == 1 ? "" : "s", r.seed, iso(s, 0),
                                 iso(s, s.meta.horizon_days), text::number(s.meta.horizon_days, 0));
  if (s.meta.warmup_days > 0)
    line += fmt::format("; the first {} days are a warm-up and not counted",
                        text::number(s.meta.warmup_days, 0));
  if (!s.source.empty()) line += " · scenario file " + s.source;
  return escape_html(line);
}

std::string how_to_read(const ReportInput& in) {
  const auto& s = *in.baseline.scenario;
  std::string out =
      "<section class=\"howto\">\n<h2>How to read this report</h2>\n<ul>\n"
      "<li>The simulation follows every case through police, CPS and the courts, many times over "
      "with different luck (<em>replications</em>). Each figure is the average over the "
      "replications.</li>\n"
      "<li><strong>95% CI</strong> (confidence interval): the range the figure would very likely "
      "stay within if the scenario were run again and again. A narrow range means the simulation "
      "has settled; it says nothing about whether the scenario's own numbers are right.</li>\n"
      "<li><strong>Median</strong>: half of cases took less. <strong>90th percentile</strong>: "
      "1 in 10 cases took longer.</li>\n";
  if (s.meta.warmup_days > 0)
    out += fmt::format(
        "<li>Only reports made after the first {} days (the warm-up, shaded grey on time charts) "
        "count towards delays, outcomes and deadlines, so that queues have filled to their "
        "working level first.</li>\n",
        text::number(s.meta.warmup_days, 0));
  if (!in.comparisons.empty())
    out +=
        "<li>Differences are the policy minus the baseline, taken replication by replication: "
        "both met the same reports and the same luck, so the difference is the policy's doing. "
        "<span class=\"badge better\">better</span> or <span class=\"badge worse\">worse</span>: "
        "the whole interval is on one side of no change. <span class=\"badge unclear\">no clear "
        "difference</span>: the interval includes no change. <span class=\"badge changed\">changed"
        "</span>: a real change in a figure that is neither good nor bad in itself.</li>\n";
  out +=
      "<li>Hover over a chart to see exact values. Dates are "
      "year-month-day.</li>\n</ul>\n</section>\n";
  return out;
}

// What a reader must know before the figures: queues that drift, delays with
// many cases still open, a short follow-up.
std::string cautions_html(const ReportScenarios& all, const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& cautions = all[i].summary->cautions;
    if (cautions.empty()) continue;
    out += "<div class=\"caution\" role=\"note\">\n<strong>Read with care" +
           (all.size() > 1 ? " (" + escape_html(names[i]) + ")" : std::string()) +
           ":</strong>\n<ul>\n";
    for (const auto& c : cautions) out += "<li>" + escape_html(c) + "</li>\n";
    out += "</ul>\n</div>\n";
  }
  return out;
}

// What the headline delays ride on, as CALIBRATION.md measured it for this
// very scenario; or why it is not shown; or how to get it.
std::string sensitivity_html(const SensitivityShown& shown) {
  if (!shown.table) {
    if (!shown.note.empty()) return "<p class=\"meta\">" + escape_html(shown.note) + "</p>\n";
    return "<p class=\"meta\"><code>casesim calibration-check FILE</code> measures how the "
           "headline delays move when each of these moves by 25% and writes it to "
           "CALIBRATION.md beside the scenario; this report then shows it here.</p>\n";
  }
  const SensitivityTable& t = *shown.table;
  std::string out = "<h3>How the headline delays move with each assumption</h3>\n";
  out += "<p class=\"meta\">From CALIBRATION.md beside the scenario, made by <code>" +
         escape_html(t.command) + "</code>. " + escape_html(t.intro) + "</p>\n";
  out += "<table class=\"sensitivity\">\n<thead><tr>";
  for (const auto& h : t.header) out += "<th>" + escape_html(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t k = 0; k < row.size(); ++k)
      out += k == 0 ? "<td><code>" + escape_html(row[k]) + "</code></td>"
                    : "<td class=\"num\">" + escape_html(row[k]) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// meta.assumptions: the values no published source gives, with the reason
// for each (a policy's own are listed under its name).
std::string stated_assumptions_html(const ReportScenarios& all,
                                    const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& list = all[i].scenario->meta.assumptions;
    if (list.empty()) continue;
    if (i > 0 && list.size() == all[0].scenario->meta.assumptions.size()) {
      bool same = true;
      for (std::size_t k = 0; k < list.size() && same; ++k)
        same = list[k].parameter == all[0].scenario->meta.assumptions[k].parameter &&
               list[k].value == all[0].scenario->meta.assumptions[k].value;
      if (same) continue;
    }
    out += "<h3>Stated assumptions" +
           (all.size() > 1 ? ": " + escape_html(names[i]) : std::string()) + "</h3>\n";
    out += "<table class=\"stated-assumptions\">\n<thead><tr><th>Parameter</th><th>Value</th>"
           "<th>Why this value</th></tr></thead>\n<tbody>\n";
    for (const auto& a : list)
      out += fmt::format("<tr><td><code>{}</code></td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                         escape_html(a.parameter), escape_html(a.value), escape_html(a.reason));
    out += "</tbody>\n</table>\n";
    out += sensitivity_html(all[i].sensitivity);
  }
  return out;
}

std::string policy_changes_html(const models::Scenario& base, const models::Scenario& policy) {
  const auto changes = models::policy_changes(base, policy);
  if (changes.empty())
    return "<p class=\"meta\">This policy's resolved scenario has the same values as the "
           "baseline's.</p>\n";
  std::size_t unexplained = 0;
  std::string rows;
  for (const auto& c : changes) {
    unexplained += c.reason.empty() ? 1 : 0;
    rows += fmt::format(
        "<tr><td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td{}>{}</td></tr>\n",
        escape_html(c.pointer), escape_html(c.baseline.empty() ? "(none)" : c.baseline),
        escape_html(c.policy.empty() ? "(removed)" : c.policy),
        c.reason.empty() ? " class=\"unstated\"" : "",
        escape_html(c.reason.empty() ? "no reason stated in the policy file" : c.reason));
  }
  std::string out =
      "<table class=\"policy-changes\">\n<thead><tr><th>Where</th><th>Baseline</th><th>Policy</th>"
      "<th>The policy's stated reason</th></tr></thead>\n<tbody>\n" +
      rows + "</tbody>\n</table>\n";
  if (unexplained > 0)
    out += fmt::format(
        "<p class=\"meta\">{} of {} changes give no reason: add them to the policy's "
        "<code>meta.assumptions</code> with the evidence for each.</p>\n",
        unexplained, changes.size());
  return out;
}

// One row of the assumptions table: a label and each scenario's value.
struct Assumption {
  std::string label;
  std::vector<std::string> values;
};

std::string pool_text(const models::Pool& p) {
  std::string out = text::number(p.count, 0);
  for (const auto& c : p.changes)
    out += fmt::format("; from {}: {}", sim::to_iso(c.from), text::number(c.count, 0));
  return out;
}

std::vector<Assumption> assumptions(const ReportScenarios& all) {
  std::vector<Assumption> rows;
  auto row = [&](const std::string& label) -> Assumption& {
    for (auto& r : rows)
      if (r.label == label) return r;
    rows.push_back({label, std::vector<std::string>(all.size(), "–")});
    return rows.back();
  };
  for (std::size_t i = 0; i < all.size(); ++i) {
    const models::Scenario& s = *all[i].scenario;
    row("Simulated period").values[i] =
        fmt::format("{} to {}, warm-up {} days", iso(s, 0), iso(s, s.meta.horizon_days),
                    text::number(s.meta.warmup_days, 0));
    row("Replications, seed").values[i] =
        fmt::format("{}, seed {}", s.meta.replications, s.meta.seed);
    if (!s.meta.lever_settings.empty()) {
      std::string moved;
      for (const auto& l : s.meta.lever_settings)
        moved += (moved.empty() ? "" : "; ") + l.to_string();
      row("Levers moved from the file").values[i] = moved;
    }
    std::string reports = text::number(s.arrivals.reports_per_year, 0) + " a year";
    if (s.arrivals.growth_per_year != 0)
      reports +=
          fmt::format(", growing {}% a year", text::number(100 * s.arrivals.growth_per_year, 1));
    for (const auto& st : s.arrivals.steps)
      reports += fmt::format("; ×{} from {}", text::number(st.factor, 2), sim::to_iso(st.from));
    bool seasonal = false;
    for (double m : s.arrivals.seasonality) seasonal = seasonal || std::fabs(m - 1) > 1e-9;
    if (seasonal) reports += "; seasonal";
    row("New reports").values[i] = reports;
    std::string types;
    for (const auto& t : s.case_types)
      types += fmt::format("{}{} {}%", types.empty() ? "" : ", ", text::humanise(t.name),
                           text::number(100 * t.share, 0));
    row("Case mix").values[i] = types;
    for (const auto& p : s.pools) row(text::sentence_case(p.name)).values[i] = pool_text(p);
    std::string withdrawal = s.withdrawal.isva_share > 0
                                 ? fmt::format("ISVA support for {}% of victims (withdrawal ×{})",
                                               text::number(100 * s.withdrawal.isva_share, 0),
                                               text::number(s.withdrawal.isva_multiplier, 2))
                                 : std::string("no ISVA support modelled");
    if (s.withdrawal.rise_per_year > 0)
      withdrawal += fmt::format("; the risk rises {}% for each year of waiting",
                                text::number(100 * s.withdrawal.rise_per_year, 0));
    row("Victim withdrawal").values[i] = withdrawal;
    for (const auto& d : s.deadlines)
      row("Deadline: " + text::humanise(d.name)).values[i] =
          fmt::format("{} to {} within {} {}", text::humanise(models::milestone_name(d.from)),
                      text::humanise(models::milestone_name(d.to)), text::number(d.limit, 0),
                      d.unit == models::DeadlineUnit::kWorkingDays ? "working days" : "days");
    if (!s.initial_cases.empty())
      row("Open at the start").values[i] =
          text::number(static_cast<double>(s.initial_cases.size()), 0) + " cases";
  }
  return rows;
}

std::string assumptions_html(const ReportScenarios& all, const std::vector<std::string>& names) {
  std::string out = "<table class=\"assumptions\">\n<thead><tr><th></th>";
  for (const auto& n : names) out += "<th>" + escape_html(n) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& r : assumptions(all)) {
    out += "<tr><th scope=\"row\">" + escape_html(r.label) + "</th>";
    for (std::size_t i = 0; i < r.values.size(); ++i)
      out += fmt::format("<td{}>{}</td>",
                         i > 0 && r.values[i] != r.values[0] ? " class=\"differs\"" : "",
                         escape_html(r.values[i]));
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (all.size() > 1) out += "<p class=\"meta\">Shaded cells differ from the baseline.</p>\n";
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& notes = all[i].scenario->meta.notes;
    if (notes.empty()) continue;
    out += all.size() > 1 ? "<h3>Notes: " + escape_html(names[i]) + "</h3>\n" : "<h3>Notes</h3>\n";
    out += "<ul class=\"notes\">\n";
    for (const auto& n : notes) out += "<li>" + escape_html(n) + "</li>\n";
    out += "</ul>\n";
  }
  return out;
}

std::string figures_table(const models::Scenario& s, const models::RunSummary& r) {
  std::string out =
      "<table class=\"all-figures\">\n<thead><tr><th>Figure</th><th>Value (95% CI)</th>"
      "<th>Median</th><th>90th percentile</th></tr></thead>\n<tbody>\n";
  for (const auto& m : r.metrics) {
    const bool delay_like = models::unit_scale(m.unit) == models::Scale::kDuration;
    const int places = text::decimals_for(m.mean, m.unit);
    out += fmt::format(
        "<tr><td title=\"{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td></tr>\n",
        escape_html(m.name + ": " + m.description), escape_html(text::metric_label(m)),
        escape_html(text::figure_with_interval(m, s.meta.start_date)),
        delay_like ? escape_html(text::value_text(m.median, m.unit, places, s.meta.start_date))
                   : "",
        delay_like ? escape_html(text::value_text(m.p90, m.unit, places, s.meta.start_date)) : "");
  }
  return out + "</tbody>\n</table>\n";
}

std::string differences_table(const models::ScenarioComparison& c, const models::Scenario& base) {
  std::string out =
      "<table "
      "class=\"all-differences\">\n<thead><tr><th>Figure</th><th>Baseline</th><th>Policy</th>"
      "<th>Difference (95% CI)</th><th>Verdict</th></tr></thead>\n<tbody>\n";
  for (const auto& d : c.metrics) {
    const int places = text::decimals_for(d.baseline_mean, d.unit);
    out += fmt::format(
        "<tr><td title=\"{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td>"
        "<td><span class=\"badge {}\">{}</span></td></tr>\n",
        escape_html(d.name + ": " + d.description), escape_html(text::metric_label(d)),
        escape_html(text::value_text(d.baseline_mean, d.unit, places, base.meta.start_date)),
        escape_html(text::value_text(d.policy_mean, d.unit, places, base.meta.start_date)),
        escape_html(text::difference_text(d) + (d.note.empty() ? "" : ": " + d.note)),
        text::verdict_class(d.verdict), models::verdict_name(d.verdict));
  }
  return out + "</tbody>\n</table>\n";
}

std::string pathway_html(const ReportScenario& sc, const std::string& name) {
  if (sc.pathway_svg.empty())
    return "<p class=\"meta\">No diagram: Graphviz was not installed when this report was made "
           "(scripts/install-deps.sh installs it).</p>\n";
  // An image rather than inline markup: the drawing cannot run script or
  // clash with the charts' element ids, and it still prints as vectors.
  return fmt::format(
      "<div class=\"pathway\"><img alt=\"{}\" src=\"data:image/svg+xml;base64,{}\"></div>\n",
      escape_html("The pathway of " + name + ": stages, branches and their probabilities"),
      base64(sc.pathway_svg));
}

void add_charts(ReportPage& page, const ReportScenarios& all) {
  const bool compare = all.size() > 1;
  page.add("<h2>How long cases take</h2>\n");
  page.charts(delay_charts(all));

  page.chart(delays_by_year_chart(all));
  using G = models::MetricGroup;
  using U = models::Unit;
  if (auto parts = figure_chart(all, G::kTrialWait, U::kDays, false,
                                "Where charge-to-trial time goes",
                                "Of the days from charge to trial start (cases whose trial "
                                "started): before the case asked for a trial date, waiting for the "
                                "first date, and lost when dates did not hold (vacated or "
                                "ineffective listings and the waits for new dates). With "
                                "section 28, a fourth bar gives the days of that wait after the "
                                "victim's evidence was recorded: it overlaps the other three."))
    page.chart(parts);
  page.chart(share_chart(all, G::kDateChanges, true, "How often a victim's trial date changed",
                         "Of the cases given a hearing date, the share whose dates changed none, "
                         "one, two, three, four or more times (vacated before the day or "
                         "ineffective on it)."));

  page.add("<h2>From report to conviction</h2>\n");
  page.chart(figure_chart(all, G::kFunnel, U::kCasesPerYear, false, "The attrition funnel",
                          "Cases a year of the counting cohort reaching each step: reported, "
                          "referred to the CPS, charged, sent to the Crown Court, trial started, "
                          "verdict, convicted at trial."));
  page.chart(share_chart(all, G::kFunnel, true, "The funnel, step by step",
                         "Of the cases at each step, the share that reached the next."));
  page.chart(figure_chart(all, G::kThroughput, U::kCasesPerYear, false,
                          "Charges and convictions a year",
                          "Cases charged, and cases convicted at trial or by a guilty plea, a "
                          "year in the counted period."));
  page.chart(share_chart(all, G::kWithdrawal, false, "Victim withdrawal before and after charge",
                         "Before charge: of the cohort's reports. After charge: of its charged "
                         "cases. Each has its own denominator."));

  page.add("<h2>Cases outstanding over time</h2>\n");
  page.charts(open_by_stage_charts(all));
  page.chart(backlog_chart(all));

  page.add("<h2>How cases end</h2>\n");
  page.chart(share_chart(
      all, G::kOutcomes, false, "Outcomes",
      "Share of closed new reports ending each way (cases still open at the end are not "
      "counted here)" +
          std::string(compare ? ", by scenario." : ".")));
  page.chart(share_chart(all, G::kWithdrawalByStage, false,
                         "Victim withdrawal, by stage",
                         "Share of new reports whose victim withdrew during each stage."));

  if (auto deadlines = share_chart(all, G::kDeadlines, true, "Deadlines met",
                                   "Share of cases meeting each deadline, of those the deadline "
                                   "applies to.")) {
    page.add("<h2>Deadlines</h2>\n");
    page.chart(deadlines);
  }

  if (auto informed = share_chart(
          all, G::kCommunication, true, "Keeping victims informed",
          "on_time: share of contacts made within their Victims' Code deadline; "
          "fragmented_event: share of events about which more than one agency contacted the "
          "victim; missed, unexplained date change and ISVA supported appear when the "
          "scenario has them.")) {
    page.add("<h2>Keeping victims informed</h2>\n");
    page.chart(informed);
    page.chart(share_chart(all, G::kAgencyLate, false,
                           "Contacts made late, by agency",
                           "Share of each agency's contacts made after their deadline: where "
                           "staff are short."));
    page.chart(share_chart(all, G::kAgencyMissed, false, "Contacts missed, by agency",
                           "Share of each agency's contacts never made: dropped past the "
                           "backlog bound, refused, or lost at a handover or without a single "
                           "point of contact (only when the scenario has contact failures)."));
    page.chart(share_chart(all, G::kAgencyStaffTime, true,
                           "Staff time on victim contacts",
                           "Share of each agency's working hours spent contacting victims, after "
                           "the warm-up."));
    page.chart(share_chart(all, G::kCompliance, true, "Process compliance",
                           "Share of opportunities taken: victim personal statement offered at "
                           "report and updated before trial, bad character application and "
                           "protective orders considered."));
  }

  auto trials = share_chart(all, G::kTrials, true, "How listed trials went",
                            "Shares of listed trial days and listings: effective, cracked, "
                            "ineffective, vacated before the day.");
  auto causes = share_chart(all, G::kIneffectiveCauses, false,
                            "Why trials did not go ahead", "Share of ineffective trials by cause.");
  if (trials || causes) {
    page.add("<h2>Trials</h2>\n");
    page.chart(trials);
    page.chart(causes);
  }

  page.add("<h2>Staff and courtrooms</h2>\n");
  page.chart(share_chart(all, G::kUtilisation, true, "How busy each pool is",
                         "Busy share of each pool of staff or courtrooms after the warm-up "
                         "(busy unit-days over available unit-days)."));
  page.chart(pool_series_chart(all, "utilisation.", "How busy each pool is, over time",
                               "Busy share of each pool, week by week, averaged over the "
                               "replications."));
  page.chart(pool_series_chart(all, "queue.", "Cases waiting for each pool, over time",
                               "Cases waiting for a free officer, prosecutor or courtroom at the "
                               "start of each week, averaged over the replications: where the "
                               "delay builds up."));
}

}  // namespace

std::string html_report(const ReportInput& in) {
  ReportScenarios all{in.baseline};
  all.insert(all.end(), in.policies.begin(), in.policies.end());
  std::vector<std::string> names;
  for (const auto& sc : all) names.push_back(sc.scenario->meta.name);
  const models::Scenario& base = *in.baseline.scenario;
  const bool compare = !in.comparisons.empty();

  ReportPage page;
  page.add("<header class=\"report-head\">\n");
  if (compare) {
    std::string title;
    for (std::size_t i = 0; i < in.policies.size(); ++i)
      title += (i ? ", " : "") + in.policies[i].scenario->meta.name;
    title += " compared with " + base.meta.name;
    page.add("<h1>" + escape_html(title) + "</h1>\n");
  } else {
    page.add("<h1>" + escape_html(base.meta.name) + "</h1>\n");
  }
  for (const auto& sc : all)
    if (!sc.scenario->meta.description.empty())
      page.add("<p class=\"lead\">" +
               (compare ? "<strong>" + escape_html(sc.scenario->meta.name) + ":</strong> " : "") +
               escape_html(sc.scenario->meta.description) + "</p>\n");
  page.add("<p class=\"meta\">" + run_line(base, *in.baseline.summary) + "</p>\n</header>\n");
  page.add(cautions_html(all, names));
  page.add(how_to_read(in));

  if (compare) {
    for (std::size_t i = 0; i < in.comparisons.size() && i < in.policies.size(); ++i) {
      const auto& c = in.comparisons[i];
      const auto& p = in.policies[i];
      page.add("<h2>" + escape_html(p.scenario->meta.name) + " compared with " +
               escape_html(base.meta.name) + "</h2>\n<div class=\"figures\">\n");
      std::map<std::string, const models::MetricDifference*> diffs;
      for (const auto& d : c.metrics) diffs[d.name] = &d;
      for (const auto& n : headline_names(*p.scenario, *p.summary)) {
        const auto it = diffs.find(n);
        page.add(headline_card(*p.summary->find(n), *p.scenario,
                               it == diffs.end() ? nullptr : it->second));
      }
      page.add("</div>\n");
      page.add("<h3>What this policy changes</h3>\n");
      page.add(policy_changes_html(base, *p.scenario));
      page.charts(difference_charts(c));
    }
  } else {
    page.add("<h2>Headline figures</h2>\n<div class=\"figures\">\n");
    for (const auto& n : headline_names(base, *in.baseline.summary))
      page.add(headline_card(*in.baseline.summary->find(n), base, nullptr));
    page.add("</div>\n");
  }

  add_charts(page, all);

  page.add("<h2>The pathway</h2>\n");
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0 && all[i].pathway_svg == all[0].pathway_svg) continue;
    if (compare) page.add("<h3>" + escape_html(names[i]) + "</h3>\n");
    page.add(pathway_html(all[i], names[i]));
  }
  if (compare) page.add("<p class=\"meta\">Scenarios not drawn have the baseline's pathway.</p>\n");

  page.add("<h2>Assumptions and notes</h2>\n");
  page.add(assumptions_html(all, names));
  page.add(stated_assumptions_html(all, names));

  page.add("<h2>All figures</h2>\n");
  if (compare) {
    for (std::size_t i = 0; i < in.comparisons.size(); ++i) {
      page.add("<h3>" + escape_html(in.comparisons[i].policy) + " compared with " +
               escape_html(in.comparisons[i].baseline) + "</h3>\n");
      page.add(differences_table(in.comparisons[i], base));
    }
  } else {
    page.add(figures_table(base, *in.baseline.summary));
  }

  return report_document(compare ? "casesim comparison: " + base.meta.name
                                  : "casesim report: " + base.meta.name,
                          page);
}

}  // namespace output
