#include "models/results/what_if_result.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "models/results/run_summary.h"
#include "models/scenario/counting_cohort.h"

namespace models {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDaysPerYear = 365.25;

double counted_years(const Scenario& s) {
  return std::max(1.0, s.meta.horizon_days - s.meta.warmup_days) / kDaysPerYear;
}

std::size_t first_counted_week(const Scenario& s) {
  return static_cast<std::size_t>(std::ceil(s.meta.warmup_days / 7));
}

double trials_at(const WeekRow& w) {
  return std::accumulate(w.trials_by_age.begin(), w.trials_by_age.end(), 0.0);
}

// One headline's value in each replication of one run.
struct Measure {
  const char* name;
  const char* label;
  Unit unit;
  Better better;
  double (*value)(const CaseFlowModel&, const ReplicationResult&);
};

// As summary.json's withdrawal.before_charge_share and after_charge_share:
// of the counting cohort's reports, and of its charged cases.
double withdrawn(const ReplicationResult& r, bool charged) {
  constexpr auto kCharged = static_cast<std::size_t>(FunnelStep::kCharged);
  const double n = static_cast<double>(r.cohort.funnel[charged ? kCharged : 0]);
  if (n == 0) return kNaN;
  return static_cast<double>(charged ? r.cohort.withdrew_after_charge
                                     : r.cohort.withdrew_before_charge) / n;
}

double mean_or_nan(const sim::Sample& s) {
  return s.size() ? s.mean() : kNaN;
}

const Measure kMeasures[] = {
    {"report_to_trial_start_days", "Report to trial", Unit::kDays, Better::kLower,
     [](const CaseFlowModel&, const ReplicationResult& r) { return mean_or_nan(r.delays[3]); }},
    {"charge_to_trial_start_days", "Charge to trial", Unit::kDays, Better::kLower,
     [](const CaseFlowModel&, const ReplicationResult& r) { return mean_or_nan(r.delays[2]); }},
    {"withdrawal_before_charge", "Victims withdrawing before charge", Unit::kShare, Better::kLower,
     [](const CaseFlowModel&, const ReplicationResult& r) { return withdrawn(r, false); }},
    {"withdrawal_after_charge", "Victims withdrawing after charge", Unit::kShare, Better::kLower,
     [](const CaseFlowModel&, const ReplicationResult& r) { return withdrawn(r, true); }},
    {"charges_per_year", "Charges a year", Unit::kCases, Better::kHigher,
     [](const CaseFlowModel& m, const ReplicationResult& r) {
       return static_cast<double>(r.period.charges) / counted_years(m.scenario());
     }},
    {"trials_outstanding", "Trials outstanding at the end", Unit::kCases, Better::kLower,
     [](const CaseFlowModel&, const ReplicationResult& r) {
       return r.weeks.empty() ? kNaN : trials_at(r.weeks.back());
     }},
};

// A headline is no row of the metric catalogue: its kind is left at the
// default and only its name, label, unit and direction are read.
Metric metric_of(const std::string& name, const std::string& label, Unit unit,
                 Better better, std::vector<double> values) {
  Metric m;
  m.name = name;
  m.description = label;
  m.unit = unit;
  m.better = better;
  m.per_replication = std::move(values);
  double sum = 0;
  std::size_t n = 0;
  for (double v : m.per_replication)
    if (!std::isnan(v)) sum += v, ++n;
  m.mean = n ? sum / static_cast<double>(n) : kNaN;
  return m;
}

// Each agency's contacts made on time, hours and capacity per week, after
// the warm-up, in one replication; by agency name.
struct AgencyTotals {
  double made = 0, late = 0, hours = 0, capacity = 0, weeks = 0;
};
AgencyTotals agency_totals(const CaseFlowModel& m, const ReplicationResult& r, std::size_t a) {
  AgencyTotals t;
  if (a >= r.communication.weeks.size()) return t;
  const auto& weeks = r.communication.weeks[a];
  for (std::size_t w = first_counted_week(m.scenario()); w < weeks.size(); ++w) {
    t.made += weeks[w].made;
    t.late += weeks[w].late;
    t.hours += weeks[w].hours;
    t.capacity += weeks[w].capacity;
    t.weeks += 1;
  }
  return t;
}

std::vector<std::string> agency_names(const Scenario& s) {
  std::vector<std::string> names;
  if (s.communication)
    for (const Agency& a : s.communication->agencies) names.push_back(a.name);
  return names;
}

std::optional<std::size_t> index_of(const std::vector<std::string>& names, const std::string& n) {
  auto it = std::find(names.begin(), names.end(), n);
  if (it == names.end()) return std::nullopt;
  return static_cast<std::size_t>(it - names.begin());
}

}  // namespace

WhatIfResult what_if_result(const CaseFlowModel& baseline, std::span<const ReplicationResult> base,
                            const CaseFlowModel& what_if, std::span<const ReplicationResult> what) {
  WhatIfResult out;
  const std::size_t n = std::min(base.size(), what.size());
  out.replications = n;
  out.warmup_days = baseline.scenario().meta.warmup_days;

  RunSummary b, w;
  for (const Measure& m : kMeasures) {
    std::vector<double> bv, wv;
    for (std::size_t r = 0; r < n; ++r) {
      bv.push_back(m.value(baseline, base[r]));
      wv.push_back(m.value(what_if, what[r]));
    }
    b.metrics.push_back(metric_of(m.name, m.label, m.unit, m.better, std::move(bv)));
    w.metrics.push_back(metric_of(m.name, m.label, m.unit, m.better, std::move(wv)));
  }

  // Contacts on time and load, agency by agency (a what-if may add one).
  const auto base_agencies = agency_names(baseline.scenario());
  auto all_agencies = base_agencies;
  const auto what_agencies = agency_names(what_if.scenario());
  for (const auto& a : what_agencies)
    if (!index_of(all_agencies, a)) all_agencies.push_back(a);
  for (const auto& name : all_agencies) {
    const auto ib = index_of(base_agencies, name), iw = index_of(what_agencies, name);
    std::vector<double> bv, wv;
    AgencyLoad load{name};
    for (std::size_t r = 0; r < n; ++r) {
      const AgencyTotals tb = ib ? agency_totals(baseline, base[r], *ib) : AgencyTotals{};
      const AgencyTotals tw = iw ? agency_totals(what_if, what[r], *iw) : AgencyTotals{};
      bv.push_back(tb.made > 0 ? 1 - tb.late / tb.made : kNaN);
      wv.push_back(tw.made > 0 ? 1 - tw.late / tw.made : kNaN);
      if (tb.weeks > 0) {
        load.baseline_hours += tb.hours / tb.weeks / static_cast<double>(n);
        load.baseline_capacity += tb.capacity / tb.weeks / static_cast<double>(n);
      }
      if (tw.weeks > 0) {
        load.what_if_hours += tw.hours / tw.weeks / static_cast<double>(n);
        load.what_if_capacity += tw.capacity / tw.weeks / static_cast<double>(n);
      }
    }
    const std::string label = "Contacts on time: " + name;
    b.metrics.push_back(
        metric_of("contacts_on_time." + name, label, Unit::kShare, Better::kHigher, std::move(bv)));
    w.metrics.push_back(
        metric_of("contacts_on_time." + name, label, Unit::kShare, Better::kHigher, std::move(wv)));
    out.load.push_back(std::move(load));
  }
  out.headlines = compare(b, w).metrics;

  // Trials outstanding, week by week.
  std::size_t weeks = std::numeric_limits<std::size_t>::max();
  for (std::size_t r = 0; r < n; ++r)
    weeks = std::min({weeks, base[r].weeks.size(), what[r].weeks.size()});
  if (n == 0) weeks = 0;
  out.week_day.resize(weeks);
  out.trials_baseline.assign(weeks, 0);
  out.trials_what_if.assign(weeks, 0);
  for (std::size_t k = 0; k < weeks; ++k) {
    out.week_day[k] = base[0].weeks[k].day;
    for (std::size_t r = 0; r < n; ++r) {
      out.trials_baseline[k] += trials_at(base[r].weeks[k]) / static_cast<double>(n);
      out.trials_what_if[k] += trials_at(what[r].weeks[k]) / static_cast<double>(n);
    }
  }

  // The funnel, counting-cohort cases a year (as summary.json's funnel).
  auto per_year = [n](const CaseFlowModel& m, std::span<const ReplicationResult> rs,
                      FunnelStep step) {
    double total = 0;
    for (std::size_t r = 0; r < n; ++r) total += static_cast<double>(rs[r].cohort.funnel[static_cast<std::size_t>(step)]);
    return n ? total / static_cast<double>(n) / counting_cohort(m.scenario().meta).years() : 0.0;
  };
  const std::pair<const char*, FunnelStep> steps[] = {
      {"Reports", FunnelStep::kReported},
      {"Charged", FunnelStep::kCharged},
      {"Trial started", FunnelStep::kTrialStarted},
      {"Convicted at trial", FunnelStep::kConvicted},
  };
  for (const auto& [label, step] : steps)
    out.funnel.push_back({label, per_year(baseline, base, step), per_year(what_if, what, step)});
  return out;
}

}  // namespace models
