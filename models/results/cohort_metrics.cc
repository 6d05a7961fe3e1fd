#include "models/results/cohort_metrics.h"

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <tuple>

#include "models/results/make_metric.h"
#include "models/scenario/counting_cohort.h"
#include "sim/kaplan_meier.h"

namespace models {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string delay_subject(const DelayMetric& d) {
  return std::string(milestone_name(d.from)) + "_to_" + milestone_name(d.to);
}

DescriptionWords milestone_words(const DelayMetric& d, std::string_view what = {}) {
  return {.from = milestone_name(d.from), .to = milestone_name(d.to), .what = what};
}

template <class F>
std::vector<double> per_rep(const std::vector<ReplicationResult>& results, F&& value) {
  std::vector<double> v;
  v.reserve(results.size());
  for (const auto& r : results) v.push_back(value(r));
  return v;
}

// A delay's median and 90th percentile in one replication.
std::pair<double, double> quantiles(const sim::Sample& finished, const sim::Sample& censored,
                                    double median, double p90) {
  if (finished.condensed()) return {median, p90};
  return delay_median_p90(finished, censored);
}

// The mean over replications of each one's median and p90 (as the other
// delay-like figures), and each replication's, for intervals on them.
void set_quantiles(Metric& m, std::vector<double> medians, std::vector<double> p90s) {
  sim::Sample mm, pp;
  for (double v : medians)
    if (!std::isnan(v)) mm.add(v);
  for (double v : p90s)
    if (!std::isnan(v)) pp.add(v);
  m.median = mm.empty() ? kNaN : mm.mean();
  m.p90 = pp.empty() ? kNaN : pp.mean();
  m.per_replication_median = std::move(medians);
  m.per_replication_p90 = std::move(p90s);
}

// The dates a year of the counted period covers, for its description.
std::string year_words(const CaseFlowModel& model, std::size_t y, std::size_t years) {
  const Scenario& s = model.scenario();
  const double from = s.meta.warmup_days + 365.25 * static_cast<double>(y);
  const double to = y + 1 == years ? s.meta.horizon_days : from + 365.25;
  return fmt::format("year {} of the counted period ({} to {})", y + 1,
                     sim::to_iso(model.calendar().date_of(from)),
                     sim::to_iso(model.calendar().date_of(to - 1)));
}

// The funnel's steps the pathway can reach: a milestone no stage marks (a
// pathway without a first hearing) is left out rather than shown as a fall
// to zero, and the next step is a share of the last one shown.
std::vector<std::size_t> funnel_steps(const Scenario& s) {
  auto marks = [&](Milestone m) {
    for (const Stage& st : s.stages)
      if (st.milestone == m) return true;
    return false;
  };
  std::vector<std::size_t> steps{static_cast<std::size_t>(FunnelStep::kReported)};
  if (marks(Milestone::kReferral)) steps.push_back(static_cast<std::size_t>(FunnelStep::kReferred));
  if (marks(Milestone::kCharge)) steps.push_back(static_cast<std::size_t>(FunnelStep::kCharged));
  if (marks(Milestone::kFirstHearing)) steps.push_back(static_cast<std::size_t>(FunnelStep::kSent));
  if (marks(Milestone::kTrialStart)) {
    steps.push_back(static_cast<std::size_t>(FunnelStep::kTrialStarted));
    steps.push_back(static_cast<std::size_t>(FunnelStep::kVerdict));
    steps.push_back(static_cast<std::size_t>(FunnelStep::kConvicted));
  }
  return steps;
}

void add_funnel(const CaseFlowModel& model, const std::vector<ReplicationResult>& results,
                std::vector<Metric>& out) {
  const double years = counting_cohort(model.scenario().meta).years();
  const std::vector<std::size_t> steps = funnel_steps(model.scenario());
  for (std::size_t j = 0; j < steps.size(); ++j) {
    const std::size_t k = steps[j];
    std::uint64_t n = 0;
    for (const auto& r : results) n += r.cohort.funnel[k];
    out.push_back(make_metric(MetricKind::kFunnelPerYear, kFunnelStepNames[k],
                              per_rep(results,
                                      [&](const ReplicationResult& r) {
                                        return static_cast<double>(r.cohort.funnel[k]) / years;
                                      }),
                              n));
    if (j == 0) continue;
    const std::size_t prev = steps[j - 1];
    std::uint64_t before = 0;
    for (const auto& r : results) before += r.cohort.funnel[prev];
    out.push_back(make_metric(MetricKind::kFunnelShare, kFunnelStepNames[k],
                              per_rep(results,
                                      [&](const ReplicationResult& r) {
                                        return ratio(static_cast<double>(r.cohort.funnel[k]),
                                                     static_cast<double>(r.cohort.funnel[prev]));
                                      }),
                              before));
  }
}

void add_throughput(const CaseFlowModel& model, const std::vector<ReplicationResult>& results,
                    std::vector<Metric>& out) {
  const Meta& meta = model.scenario().meta;
  const double years = (meta.horizon_days - meta.warmup_days) / 365.25;
  std::uint64_t charges = 0, decided = 0, convictions = 0;
  for (const auto& r : results) {
    charges += r.period.charges;
    decided += r.period.charges + r.period.closed_before_charge;
    convictions += r.period.convictions;
  }
  out.push_back(make_metric(MetricKind::kChargesPerYear, {},
                            per_rep(results,
                                    [&](const ReplicationResult& r) {
                                      return static_cast<double>(r.period.charges) / years;
                                    }),
                            charges));
  out.push_back(make_metric(
      MetricKind::kChargeRate, {},
      per_rep(results,
              [](const ReplicationResult& r) {
                return ratio(static_cast<double>(r.period.charges),
                             static_cast<double>(r.period.charges + r.period.closed_before_charge));
              }),
      decided));
  out.push_back(make_metric(MetricKind::kConvictionsPerYear, {},
                            per_rep(results,
                                    [&](const ReplicationResult& r) {
                                      return static_cast<double>(r.period.convictions) / years;
                                    }),
                            convictions));
}

void add_withdrawal(const std::vector<ReplicationResult>& results, std::vector<Metric>& out) {
  constexpr auto kCharged = static_cast<std::size_t>(FunnelStep::kCharged);
  std::uint64_t reports = 0, charged = 0;
  for (const auto& r : results) {
    reports += r.cohort.funnel[0];
    charged += r.cohort.funnel[kCharged];
  }
  out.push_back(make_metric(MetricKind::kWithdrawalBeforeCharge, {},
                            per_rep(results,
                                    [](const ReplicationResult& r) {
                                      return ratio(
                                          static_cast<double>(r.cohort.withdrew_before_charge),
                                          static_cast<double>(r.cohort.funnel[0]));
                                    }),
                            reports));
  out.push_back(make_metric(MetricKind::kWithdrawalAfterCharge, {},
                            per_rep(results,
                                    [](const ReplicationResult& r) {
                                      return ratio(
                                          static_cast<double>(r.cohort.withdrew_after_charge),
                                          static_cast<double>(r.cohort.funnel[kCharged]));
                                    }),
                            charged));
}

void add_date_changes(const std::vector<ReplicationResult>& results, std::vector<Metric>& out) {
  static constexpr std::array<const char*, kDateChangeBins> kWords = {"none", "one", "two",
                                                                      "three", "four_or_more"};
  auto listed = [](const ReplicationResult& r) {
    std::uint64_t n = 0;
    for (auto k : r.cohort.date_changes) n += k;
    return n;
  };
  std::uint64_t n = 0;
  for (const auto& r : results) n += listed(r);
  if (n == 0) return;  // no courts, or nothing listed
  for (std::size_t b = 0; b < kDateChangeBins; ++b)
    out.push_back(make_metric(MetricKind::kDateChanges, kWords[b],
                              per_rep(results,
                                      [&](const ReplicationResult& r) {
                                        return ratio(static_cast<double>(r.cohort.date_changes[b]),
                                                     static_cast<double>(listed(r)));
                                      }),
                              n));
}

void add_trial_wait(const CaseFlowModel& model, const std::vector<ReplicationResult>& results,
                    std::vector<Metric>& out) {
  std::uint64_t n = 0;
  for (const auto& r : results) n += r.cohort.trial_wait[0].count();
  if (n == 0) return;
  for (std::size_t k = 0; k < kTrialWaitParts; ++k)
    out.push_back(make_metric(MetricKind::kTrialWaitPart, kTrialWaitPartNames[k],
                              per_rep(results,
                                      [&](const ReplicationResult& r) {
                                        const auto& w = r.cohort.trial_wait[k];
                                        return w.count() ? w.mean() : kNaN;
                                      }),
                              n));
  if (!model.scenario().section_28) return;
  out.push_back(make_metric(MetricKind::kTrialWaitAfterRecording, {},
                            per_rep(results,
                                    [](const ReplicationResult& r) {
                                      const auto& w = r.cohort.after_recording;
                                      return w.count() ? w.mean() : kNaN;
                                    }),
                            n));
  out.push_back(make_metric(
      MetricKind::kTrialRecordedShare, {},
      per_rep(results,
              [](const ReplicationResult& r) {
                return ratio(static_cast<double>(r.cohort.recorded_before_trial),
                             static_cast<double>(r.cohort.trial_wait[0].count()));
              }),
      n));
}

void add_delays_by_year(const CaseFlowModel& model, const std::vector<ReplicationResult>& results,
                        std::vector<Metric>& out) {
  if (results.empty()) return;
  const std::size_t years = results.front().years.size();
  for (std::size_t i = 0; i < kDelayMetrics.size(); ++i) {
    const DelayMetric& d = kDelayMetrics[i];
    for (std::size_t y = 0; y < years; ++y) {
      const std::string what = year_words(model, y, years);
      const std::string subject = fmt::format("{}.year_{}", d.name, y + 1);
      std::uint64_t n = 0, reached = 0;
      std::vector<double> medians, p90s;
      for (const auto& r : results) {
        const YearTally& t = r.years[y];
        n += t.delays[i].size();
        reached += t.delays[i].size() + t.open[i];
        const auto [median, p90] = quantiles(t.delays[i], t.censored[i], t.median[i], t.p90[i]);
        medians.push_back(median);
        p90s.push_back(p90);
      }
      if (reached == 0) continue;  // no case ever reached the first milestone that year
      Metric m = make_metric(MetricKind::kDelayByYear, subject,
                             per_rep(results,
                                     [&](const ReplicationResult& r) {
                                       const auto& s = r.years[y].delays[i];
                                       return s.empty() ? kNaN : s.mean();
                                     }),
                             n, milestone_words(d, what));
      set_quantiles(m, std::move(medians), std::move(p90s));
      out.push_back(std::move(m));
      out.push_back(make_metric(MetricKind::kDelayByYearStillOpen, subject,
                                per_rep(results,
                                        [&](const ReplicationResult& r) {
                                          const YearTally& t = r.years[y];
                                          return ratio(static_cast<double>(t.open[i]),
                                                       static_cast<double>(t.open[i] +
                                                                           t.delays[i].size()));
                                        }),
                                reached, milestone_words(d, what)));
    }
  }
}

// With offence dates: offence to report (known at the report, never
// censored) and offence to completion (censored while the case is open),
// named and described as the other delays.
void add_offence_delays(const std::vector<ReplicationResult>& results, std::vector<Metric>& out) {
  struct Parts {
    const sim::Sample& finished;
    const sim::Sample& censored;
    double median, p90;  // kept by condense_cohort
  };
  const sim::Sample none;
  auto delay = [&](const char* to, auto parts) {
    std::uint64_t n = 0;
    std::vector<double> medians, p90s, means;
    for (const auto& r : results) {
      const Parts p = parts(r.cohort);
      n += p.finished.size();
      const auto [median, p90] = quantiles(p.finished, p.censored, p.median, p.p90);
      medians.push_back(median);
      p90s.push_back(p90);
      means.push_back(p.finished.empty() ? kNaN : p.finished.mean());
    }
    Metric m = make_metric(MetricKind::kDelay, std::string("offence_to_") + to, std::move(means),
                           n, {.from = "offence", .to = to});
    set_quantiles(m, std::move(medians), std::move(p90s));
    out.push_back(std::move(m));
  };
  delay("report", [&](const CohortTally& c) {
    return Parts{c.offence_to_report, none, c.offence_to_report_median, c.offence_to_report_p90};
  });
  delay("completion", [](const CohortTally& c) {
    return Parts{c.offence_to_completion, c.offence_censored, c.offence_median, c.offence_p90};
  });
  std::uint64_t reached = 0;
  std::vector<double> open_share;
  for (const auto& r : results) {
    const auto open = static_cast<double>(r.cohort.offence_censored.size());
    const auto done = static_cast<double>(r.cohort.offence_to_completion.size());
    reached += r.cohort.offence_censored.size() + r.cohort.offence_to_completion.size();
    open_share.push_back(ratio(open, open + done));
  }
  out.push_back(make_metric(MetricKind::kDelayStillOpen, "offence_to_completion",
                            std::move(open_share), reached,
                            {.from = "offence", .to = "completion"}));
}

}  // namespace

std::pair<double, double> delay_median_p90(const sim::Sample& finished,
                                           const sim::Sample& censored) {
  if (censored.empty()) return {finished.quantile(0.5), finished.quantile(0.9)};
  // Reading a quantile puts each sample in order, so the curve merges them.
  finished.quantile(0.5);
  censored.quantile(0.5);
  const auto curve = sim::kaplan_meier(finished.values(), censored.values(), false);
  return {sim::kaplan_meier_quantile(curve, 0.5), sim::kaplan_meier_quantile(curve, 0.9)};
}

void condense_cohort(ReplicationResult& r) {
  auto settle = [](auto& finished, auto& censored, double& median, double& p90) {
    if (finished.condensed()) return;
    std::tie(median, p90) = delay_median_p90(finished, censored);
    finished.condense({0.5, 0.9});
    censored.condense({});
  };
  CohortTally& c = r.cohort;
  sim::Sample none;
  settle(c.offence_to_report, none, c.offence_to_report_median, c.offence_to_report_p90);
  settle(c.offence_to_completion, c.offence_censored, c.offence_median, c.offence_p90);
  for (std::size_t i = 0; i < kDelayMetrics.size(); ++i) {
    settle(r.delays[i], r.cohort.censored[i], r.cohort.median[i], r.cohort.p90[i]);
    for (YearTally& y : r.years) settle(y.delays[i], y.censored[i], y.median[i], y.p90[i]);
  }
}

void add_delay_metrics(const CaseFlowModel& model, const std::vector<ReplicationResult>& results,
                       std::vector<Metric>& out) {
  for (std::size_t i = 0; i < kDelayMetrics.size(); ++i) {
    const DelayMetric& d = kDelayMetrics[i];
    std::uint64_t n = 0;
    std::vector<double> medians, p90s;
    for (const auto& r : results) {
      n += r.delays[i].size();
      const auto [median, p90] =
          quantiles(r.delays[i], r.cohort.censored[i], r.cohort.median[i], r.cohort.p90[i]);
      medians.push_back(median);
      p90s.push_back(p90);
    }
    Metric m = make_metric(MetricKind::kDelay, delay_subject(d),
                           per_rep(results,
                                   [i](const ReplicationResult& r) {
                                     return r.delays[i].empty() ? kNaN : r.delays[i].mean();
                                   }),
                           n, milestone_words(d));
    set_quantiles(m, std::move(medians), std::move(p90s));
    out.push_back(std::move(m));
  }
  for (std::size_t i = 0; i < kDelayMetrics.size(); ++i) {
    const DelayMetric& d = kDelayMetrics[i];
    std::uint64_t reached = 0;
    for (const auto& r : results) reached += r.delays[i].size() + r.cohort.censored[i].size();
    out.push_back(make_metric(MetricKind::kDelayStillOpen, delay_subject(d),
                              per_rep(results,
                                      [i](const ReplicationResult& r) {
                                        const double open =
                                            static_cast<double>(r.cohort.censored[i].size());
                                        return ratio(open, open + static_cast<double>(
                                                                      r.delays[i].size()));
                                      }),
                              reached, milestone_words(d)));
  }
  if (model.scenario().offence_dates()) add_offence_delays(results, out);
}


void add_cohort_metrics(const CaseFlowModel& model, const std::vector<ReplicationResult>& results,
                        std::vector<Metric>& out) {
  add_funnel(model, results, out);
  add_throughput(model, results, out);
  add_withdrawal(results, out);
  if (model.scenario().courts) {
    add_date_changes(results, out);
    add_trial_wait(model, results, out);
  }
  add_delays_by_year(model, results, out);
}

}  // namespace models
