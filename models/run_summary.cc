#include "models/run_summary.h"

#include <cmath>

#include "sim/confidence_interval.h"
#include "sim/sample.h"

namespace models {

namespace {

double ratio(double num, double den) { return den > 0 ? num / den : kNotReached; }

Metric make(std::string name, std::string unit, std::string description,
            std::vector<double> values, std::uint64_t n, Better better = Better::kNeither) {
  Metric m;
  m.better = better;
  m.name = std::move(name);
  m.unit = std::move(unit);
  m.description = std::move(description);
  const auto ci = sim::confidence_interval(values);
  m.mean = ci.mean;
  m.ci_low = ci.low;
  m.ci_high = ci.high;
  sim::Sample across;
  for (double v : values)
    if (!std::isnan(v)) across.add(v);
  m.median = across.median();
  m.p90 = across.quantile(0.9);
  m.n = n;
  m.per_replication = std::move(values);
  return m;
}

}  // namespace

const Metric* RunSummary::find(const std::string& name) const {
  for (const auto& m : metrics)
    if (m.name == name) return &m;
  return nullptr;
}

RunSummary summarise(const CaseFlowModel& model, const std::vector<ReplicationResult>& results) {
  const Scenario& s = model.scenario();
  RunSummary out;
  out.scenario = s.meta.name;
  out.seed = s.meta.seed;
  out.replications = results.size();
  const std::size_t reps = results.size();
  auto per_rep = [&](auto&& value) {
    std::vector<double> v;
    v.reserve(reps);
    for (const auto& r : results) v.push_back(value(r));
    return v;
  };
  std::uint64_t new_cases = 0, closed = 0;
  for (const auto& r : results) {
    new_cases += r.new_cases;
    closed += r.closed;
    out.events += r.events;
  }

  for (std::size_t i = 0; i < kDelayMetrics.size(); ++i) {
    const auto& d = kDelayMetrics[i];
    std::uint64_t n = 0;
    sim::Sample medians, p90s;
    for (const auto& r : results) {
      n += r.delays[i].size();
      if (!r.delays[i].empty()) {
        medians.add(r.delays[i].median());
        p90s.add(r.delays[i].quantile(0.9));
      }
    }
    Metric m = make(d.name, "days",
                    std::string("days from ") + milestone_name(d.from) + " to " +
                        milestone_name(d.to) + ", cases reaching both",
                    per_rep([i](const ReplicationResult& r) { return r.delays[i].mean(); }), n,
                    Better::kLower);
    m.median = medians.mean();
    m.p90 = p90s.mean();
    out.metrics.push_back(std::move(m));
  }

  const auto& outcomes = model.outcomes();
  for (std::size_t o = 0; o < outcomes.size(); ++o)
    out.metrics.push_back(make("outcome_share." + outcomes[o], "share",
                               "share of closed new reports ending as " + outcomes[o],
                               per_rep([o](const ReplicationResult& r) {
                                 return ratio(static_cast<double>(r.outcome_count[o]),
                                              static_cast<double>(r.closed));
                               }),
                               closed,
                               outcomes[o] == s.withdrawal.outcome ? Better::kLower
                                                                   : Better::kNeither));
  out.metrics.push_back(make("open_at_end_share", "share",
                             "share of new reports still open at the horizon",
                             per_rep([](const ReplicationResult& r) {
                               return ratio(static_cast<double>(r.open_at_end),
                                            static_cast<double>(r.new_cases));
                             }),
                             new_cases, Better::kLower));
  for (std::size_t st = 0; st < s.stages.size(); ++st) {
    if (s.stages[st].withdrawal_per_year <= 0) continue;
    out.metrics.push_back(make("withdrawal_share_by_stage." + s.stages[st].name, "share",
                               "share of new reports whose victim withdrew during " +
                                   s.stages[st].name,
                               per_rep([st](const ReplicationResult& r) {
                                 return ratio(static_cast<double>(r.withdrawal_stage[st]),
                                              static_cast<double>(r.new_cases));
                               }),
                               new_cases, Better::kLower));
  }
  out.metrics.push_back(make("new_reports", "cases", "new reports after the warm-up",
                             per_rep([](const ReplicationResult& r) {
                               return static_cast<double>(r.new_cases);
                             }),
                             reps));

  for (std::size_t i = 0; i < s.deadlines.size(); ++i) {
    const Deadline& d = s.deadlines[i];
    const std::string unit = d.unit == DeadlineUnit::kWorkingDays ? "working_days" : "days";
    std::uint64_t judged = 0, late = 0;
    sim::Sample medians, p90s;
    for (const auto& r : results) {
      judged += r.deadlines[i].met + r.deadlines[i].missed;
      late += r.deadlines[i].missed;
      if (!r.deadlines[i].lateness.empty()) {
        medians.add(r.deadlines[i].lateness.median());
        p90s.add(r.deadlines[i].lateness.quantile(0.9));
      }
    }
    out.metrics.push_back(make("deadline." + d.name + ".met_share", "share",
                               std::string("share meeting ") + milestone_name(d.from) + " to " +
                                   milestone_name(d.to) + " within the limit",
                               per_rep([i](const ReplicationResult& r) {
                                 const auto& t = r.deadlines[i];
                                 return ratio(static_cast<double>(t.met),
                                              static_cast<double>(t.met + t.missed));
                               }),
                               judged, Better::kHigher));
    Metric lateness = make("deadline." + d.name + ".lateness", unit,
                           "how late the late ones were, beyond the limit",
                           per_rep([i](const ReplicationResult& r) {
                             return r.deadlines[i].lateness.mean();
                           }),
                           late, Better::kLower);
    lateness.median = medians.mean();
    lateness.p90 = p90s.mean();
    out.metrics.push_back(std::move(lateness));
  }

  for (std::size_t p = 0; p < s.pools.size(); ++p) {
    out.metrics.push_back(make("utilisation." + s.pools[p].name, "share",
                               "busy share of " + s.pools[p].name + " after the warm-up",
                               per_rep([p](const ReplicationResult& r) {
                                 return r.pool_utilisation[p];
                               }),
                               reps));
    out.metrics.push_back(make("mean_queue." + s.pools[p].name, "cases",
                               "time-average cases waiting for " + s.pools[p].name,
                               per_rep([p](const ReplicationResult& r) {
                                 return r.pool_mean_queue[p];
                               }),
                               reps, Better::kLower));
  }

  if (!s.initial_cases.empty()) {
    out.metrics.push_back(make("initial.open_at_end", "cases",
                               "cases of today's caseload still open at the horizon",
                               per_rep([](const ReplicationResult& r) {
                                 return static_cast<double>(r.initial_open_at_end);
                               }),
                               reps, Better::kLower));
    out.metrics.push_back(make("initial.cleared_day", "day",
                               "day on which the last case of today's caseload closed (NaN if "
                               "it did not)",
                               per_rep([](const ReplicationResult& r) {
                                 return r.initial_cleared_day;
                               }),
                               reps, Better::kLower));
  }

  // Weekly series: every replication has the same snapshot days.
  if (!results.empty() && !results.front().weeks.empty()) {
    const auto& first = results.front().weeks;
    for (const auto& w : first) out.weeks.day.push_back(w.day);
    out.weeks.names.push_back("open_cases.initial");
    out.weeks.names.push_back("open_cases.new");
    for (const auto& st : s.stages)
      if (st.kind != StageKind::kTerminal && st.kind != StageKind::kDecision)
        out.weeks.names.push_back("open." + st.name);
    for (const auto& p : s.pools) out.weeks.names.push_back("queue." + p.name);
    for (const auto& p : s.pools) out.weeks.names.push_back("utilisation." + p.name);
    out.weeks.mean.assign(out.weeks.names.size(), std::vector<double>(first.size(), 0.0));
    for (const auto& r : results) {
      for (std::size_t w = 0; w < first.size() && w < r.weeks.size(); ++w) {
        std::size_t k = 0;
        const auto& row = r.weeks[w];
        out.weeks.mean[k++][w] += static_cast<double>(row.initial_open) / static_cast<double>(reps);
        out.weeks.mean[k++][w] += static_cast<double>(row.new_open) / static_cast<double>(reps);
        for (std::size_t st = 0; st < s.stages.size(); ++st)
          if (s.stages[st].kind != StageKind::kTerminal && s.stages[st].kind != StageKind::kDecision)
            out.weeks.mean[k++][w] += row.open_by_stage[st] / static_cast<double>(reps);
        for (double q : row.queue_by_pool) out.weeks.mean[k++][w] += q / static_cast<double>(reps);
        for (double u : row.utilisation_by_pool)
          out.weeks.mean[k++][w] += u / static_cast<double>(reps);
      }
    }
  }
  return out;
}

}  // namespace models
