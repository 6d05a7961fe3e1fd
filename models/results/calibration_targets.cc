#include "models/results/calibration_targets.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/scenario/counting_cohort.h"
#include "sim/confidence_interval.h"

namespace models {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDaysPerYear = 365.25;

double at(const CaseRecord& c, Milestone m) { return c.milestone[static_cast<std::size_t>(m)]; }
bool reached(const CaseRecord& c, Milestone m) { return !std::isnan(at(c, m)); }

double share(double part, double whole) { return whole > 0 ? part / whole : kNaN; }

double mean(const std::vector<double>& v) {
  if (v.empty()) return kNaN;
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

double median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  if (v.size() % 2 == 1) return *mid;
  return (*std::max_element(v.begin(), mid) + *mid) / 2;
}

// The index of an outcome by name, or -2 (never an outcome) if the
// scenario has none of that name.
std::int32_t outcome(const CaseFlowModel& model, const std::string& name) {
  const auto& o = model.outcomes();
  const auto it = std::find(o.begin(), o.end(), name);
  return it == o.end() ? -2 : static_cast<std::int32_t>(it - o.begin());
}

// Terminal stages with a guilty plea that the stage marking the PTPH leads
// to without a trial listing (through plain one-way stages such as
// sentencing): pleas at the PTPH, as against late pleas at trial.
std::vector<bool> pleas_at_ptph(const Scenario& s) {
  std::vector<bool> out(s.stages.size(), false);
  for (const Stage& st : s.stages) {
    if (st.milestone != Milestone::kPtph) continue;
    for (const Branch& b : st.branches) {
      std::size_t at = b.to;
      for (std::size_t steps = 0; steps < s.stages.size(); ++steps) {
        const Stage& here = s.stages[at];
        if (here.kind == StageKind::kTerminal) {
          if (here.outcome == kGuiltyPlea) out[at] = true;
          break;
        }
        if (here.listing || here.branches.size() != 1) break;
        at = here.branches.front().to;
      }
    }
  }
  return out;
}

}  // namespace

const std::vector<CalibrationTarget>& calibration_targets() {
  static const std::vector<CalibrationTarget> targets = {
      {"T1", "police-recorded rape per year (national)", "61,000-67,000", "S49", 61000, 67000,
       "reports a year", "new reports a year after the warm-up, all case types"},
      {"T2", "share of adult rape investigations closed because the victim does not support action",
       "about 60%", "S9, S53, S18", 0.55, 0.65, "share",
       "adult cohort cases closed before charge by victim withdrawal, of adult cohort cases "
       "closed before charge or charged"},
      {"T3", "police outcome charge/summons rate for adult rape", "3-4%", "S8, S76", 0.025, 0.045,
       "share", "adult cohort cases charged, of adult cohort cases closed before charge or charged"},
      {"T4", "CPS charge share of charging decisions, rape", "about 70%", "S54, S56", 0.65, 0.76,
       "share", "cohort cases charged, of those charged or refused charge by the CPS (cps_nfa)"},
      {"T5", "adult rape charges per quarter", "about 470 (Jul-Sep 2022)", "S51", 400, 550,
       "charges a quarter", "adult cases charged after the warm-up, per quarter"},
      {"T6", "median days from report to charge, rape", "421-467", "S52", 400, 480, "days",
       "median over cohort cases charged"},
      {"T7", "mean days from charge to Crown Court completion, adult rape", "about 446 (Q2 2022)",
       "S10", 400, 480, "days", "mean over adult cohort cases charged and completed"},
      {"T8", "mean days from report to start of trial", "706 (inspection case sample)", "S1", 650,
       760, "days", "mean over adult cohort cases whose trial started"},
      {"T9", "not-guilty plea share among charged rape defendants reaching PTPH", "about 85%",
       "S57", 0.80, 0.90, "share",
       "cohort cases past the PTPH that did not plead guilty there, of cohort cases that reached "
       "the PTPH and closed"},
      {"T10", "jury conviction rate at rape trials", "58-75%", "S57", 0.55, 0.75, "share",
       "convicted, of cohort cases convicted or acquitted after their trial started"},
      {"T11", "victim withdrawal after charge, adult rape", "9-20%", "S18, S23", 0.09, 0.20,
       "share", "adult cohort cases charged and closed that ended in victim withdrawal"},
      {"T12", "Crown Court trials effective on the day (2021)", "48%", "S58", 0.43, 0.53, "share",
       "effective listed trial days, of all listed trial days after the warm-up"},
      {"T12", "Crown Court trials cracked on the day (2021)", "29%", "S58", 0.24, 0.34, "share",
       "cracked listed trial days, of all listed trial days after the warm-up"},
      {"T12", "Crown Court trials ineffective on the day (2021)", "23%", "S58", 0.18, 0.28, "share",
       "ineffective listed trial days, of all listed trial days after the warm-up"},
      {"T13", "sexual offence trials not starting on the scheduled date (ineffective + vacated)",
       "about 44%", "S62", 0.38, 0.50, "share",
       "listings vacated before the day or ineffective on it, of listings made after the warm-up"},
      {"T14", "adult rape cases outstanding at the Crown Court", "about 1,628 (Q2 2022)", "S10",
       1400, 1900, "cases",
       "adult cases sent to the Crown Court (first hearing) and not completed, averaged over "
       "quarter days after the warm-up"},
  };
  return targets;
}

std::vector<double> measure_targets(const CaseFlowModel& model, const ReplicationResult& r) {
  const Scenario& s = model.scenario();
  const double warmup = s.meta.warmup_days;
  const double horizon = s.meta.horizon_days;
  const CountingCohort cohort = counting_cohort(s.meta);
  const std::int32_t withdrawn = outcome(model, s.withdrawal.outcome);
  const std::int32_t refused = outcome(model, kChargedDecisionRefused);
  const std::int32_t convicted = outcome(model, kConvicted);
  const std::int32_t acquitted = outcome(model, kAcquitted);
  const std::vector<bool> ptph_plea = pleas_at_ptph(s);
  auto adult = [&](const CaseRecord& c) { return !s.case_types[c.type].child_victim; };

  double police_closed = 0, police_withdrawn = 0, police_charged = 0;
  double charged = 0, refused_charge = 0;
  double adult_charges_in_window = 0;
  double reports_in_window = 0;
  std::vector<double> report_to_charge, charge_to_completion, report_to_trial;
  double ptph_closed = 0, ptph_not_guilty = 0;
  double verdicts = 0, convictions = 0;
  double charged_closed = 0, charged_withdrawn = 0;
  for (const CaseRecord& c : r.cases) {
    const double charge = at(c, Milestone::kCharge);
    if (adult(c) && reached(c, Milestone::kCharge) && charge >= warmup && charge < horizon)
      ++adult_charges_in_window;
    const double report = at(c, Milestone::kReport);
    // Reports a year are a flow over the whole counted period, not the
    // cohort's (which stops a follow-up before the horizon).
    if (!c.initial && report >= warmup && report < horizon) ++reports_in_window;
    if (c.initial || !cohort.contains(report)) continue;
    const bool closed = c.outcome >= 0;
    const bool is_charged = reached(c, Milestone::kCharge);
    if (adult(c) && (is_charged || closed)) {
      ++police_closed;
      if (is_charged) ++police_charged;
      if (!is_charged && c.outcome == withdrawn) ++police_withdrawn;
    }
    if (is_charged) ++charged;
    if (c.outcome == refused) ++refused_charge;
    if (is_charged) report_to_charge.push_back(charge - report);
    if (adult(c) && is_charged && reached(c, Milestone::kCompletion))
      charge_to_completion.push_back(at(c, Milestone::kCompletion) - charge);
    if (adult(c) && reached(c, Milestone::kTrialStart))
      report_to_trial.push_back(at(c, Milestone::kTrialStart) - report);
    if (reached(c, Milestone::kPtph) && closed) {
      ++ptph_closed;
      if (!ptph_plea[c.last_stage]) ++ptph_not_guilty;
    }
    if (reached(c, Milestone::kTrialStart) && (c.outcome == convicted || c.outcome == acquitted)) {
      ++verdicts;
      if (c.outcome == convicted) ++convictions;
    }
    if (adult(c) && is_charged && closed) {
      ++charged_closed;
      if (c.outcome == withdrawn) ++charged_withdrawn;
    }
  }

  // Outstanding at the Crown Court, on the first day of each quarter.
  std::vector<double> outstanding;
  for (double t = warmup; t < horizon; t += kDaysPerYear / 4) {
    double open = 0;
    for (const CaseRecord& c : r.cases) {
      if (!adult(c) || !reached(c, Milestone::kFirstHearing) || at(c, Milestone::kFirstHearing) > t)
        continue;
      if (!reached(c, Milestone::kCompletion) || at(c, Milestone::kCompletion) > t) ++open;
    }
    outstanding.push_back(open);
  }

  const double years = (horizon - warmup) / kDaysPerYear;
  const auto& courts = r.courts;
  const auto days = static_cast<double>(courts.hearing_days);
  return {
      reports_in_window / years,
      share(police_withdrawn, police_closed),
      share(police_charged, police_closed),
      refused < 0 ? kNaN : share(charged, charged + refused_charge),
      adult_charges_in_window / (years * 4),
      median(report_to_charge),
      mean(charge_to_completion),
      mean(report_to_trial),
      share(ptph_not_guilty, ptph_closed),
      convicted < 0 || acquitted < 0 ? kNaN : share(convictions, verdicts),
      share(charged_withdrawn, charged_closed),
      share(static_cast<double>(courts.effective), days),
      share(static_cast<double>(courts.cracked), days),
      share(static_cast<double>(courts.ineffective), days),
      share(static_cast<double>(courts.ineffective + courts.vacated),
            static_cast<double>(courts.listings)),
      s.courts ? mean(outstanding) : kNaN,
  };
}

std::vector<TargetCheck> check_targets(const std::vector<std::vector<double>>& per_replication) {
  std::vector<TargetCheck> out;
  const auto& targets = calibration_targets();
  for (std::size_t i = 0; i < targets.size(); ++i) {
    std::vector<double> values;
    for (const auto& rep : per_replication) values.push_back(i < rep.size() ? rep[i] : kNaN);
    const auto ci = sim::confidence_interval(values);
    TargetCheck check{targets[i]};
    check.replications = ci.n;
    check.mean = ci.mean;
    check.ci_low = ci.low;
    check.ci_high = ci.high;
    out.push_back(std::move(check));
  }
  return out;
}

}  // namespace models
