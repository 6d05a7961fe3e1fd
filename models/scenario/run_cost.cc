#include "models/scenario/run_cost.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "models/scenario/scenario_error.h"

namespace models {

namespace {

constexpr double kDaysPerYear = 365.25;

// Measured on the national baseline (640,000 cases a replication, peak
// resident memory at 1, 2 and 12 replications, 2026-12-05), rounded up:
// the first replication keeps every case for cases.csv and its text
// (~360 bytes a case); a running replication holds its open cases. Each
// replication's delay samples are condensed as it ends, so what a finished
// replication keeps is its tallies and condensed figures: 2.75 MB for the
// 770,000-case baseline (peak resident 323 MB at 2 replications, 340 MB at
// 8, 2026-12-05 evening), about 3.6 bytes a case.
constexpr double kFirstReplicationBytesPerCase = 400;
constexpr double kKeptBytesPerCase = 8;
constexpr double kRunningBytesPerCase = 200;
// Per replication whatever its size: tallies per stage and per week (about
// 15 KB a replication of 200 cases over a year, measured at 20,000 of them).
constexpr double kBytesPerReplication = 8 * 1024;
constexpr double kBytesPerReplicationWeek = 64;
// A case's record kept to the end for cases.csv (models/engine CaseRecord,
// 120 bytes, and the vector's slack), by each replication after the first
// with --cases all; its text is made one replication at a time.
constexpr double kKeptCaseRecordBytes = 160;
// A rejected candidate arrival costs two uniform draws, about a tenth of a case.
constexpr double kDrawsPerCase = 10;

std::string bytes(double b) {
  if (!std::isfinite(b)) return "more memory than any machine has";
  if (b >= 1e9) return fmt::format("about {:.3g} GB of memory", b / 1e9);
  return fmt::format("about {:.0f} MB of memory", std::ceil(b / 1e6));
}

std::string count(double n) {
  if (!std::isfinite(n)) return "1e308 or more";
  return n < 1e7 ? fmt::format("{:.0f}", n) : fmt::format("{:.3g}", n);
}

double memory(double cases, double replications, double running, double horizon) {
  return cases * kFirstReplicationBytesPerCase + running * cases * kRunningBytesPerCase +
         replications * (cases * kKeptBytesPerCase + kBytesPerReplication +
                         horizon / 7 * kBytesPerReplicationWeek);
}

}  // namespace

RunCost estimate_run_cost(const Scenario& s, unsigned threads, bool keep_every_case) {
  RunCost cost;
  cost.replications = s.meta.replications;
  cost.threads = std::max(1u, threads);
  const Arrivals& a = s.arrivals;
  const double horizon = s.meta.horizon_days;
  const double growth_per_day = std::log1p(a.growth_per_year) / kDaysPerYear;

  // Day by day, as the engine builds its rate table (a century at most).
  double reports = 0;
  const auto days = static_cast<long>(std::ceil(horizon));
  for (long day = 0; day < days; ++day) {
    const Date d = s.meta.start_date + std::chrono::days(day);
    const unsigned month = static_cast<unsigned>(std::chrono::year_month_day(d).month());
    double rate = a.reports_per_year / kDaysPerYear * a.seasonality[month - 1];
    for (const RateStep& step : a.steps)
      if (step.from <= d) rate *= step.factor;
    const double length = std::min(1.0, horizon - static_cast<double>(day));
    // The day's growth, integrated: exp(g t) over [day, day + length].
    const double grown =
        growth_per_day == 0
            ? length
            : std::exp(growth_per_day * static_cast<double>(day)) *
                  std::expm1(growth_per_day * length) / growth_per_day;
    reports += rate * grown;
  }
  cost.cases_per_replication = static_cast<double>(s.initial_cases.size()) + reports;

  // The peak the engine thins from (every step's factor, as the engine takes it).
  const double season = *std::max_element(a.seasonality.begin(), a.seasonality.end());
  const double growth = std::max(1.0, std::pow(1 + a.growth_per_year, horizon / kDaysPerYear));
  double steps = 1, peak = 1;
  for (const RateStep& step : a.steps) peak = std::max(peak, steps *= step.factor);
  cost.arrival_draws_per_replication = a.reports_per_year / kDaysPerYear * season * growth *
                                       peak * horizon;

  if (static_cast<double>(s.initial_cases.size()) > reports) {
    cost.driver = "/initial_state";
    cost.figure = fmt::format("{} open cases at the start", s.initial_cases.size());
  } else if (growth > 10 && growth >= peak) {
    cost.driver = "/arrivals/growth_per_year";
    cost.figure = fmt::format("growth of {:g} a year multiplies the rate by {} over {:g} days",
                              a.growth_per_year, count(growth), horizon);
  } else if (peak > 10) {
    cost.driver = "/arrivals/steps";
    cost.figure = fmt::format("steps multiply the rate by up to {}", count(peak));
  } else {
    cost.driver = "/arrivals/reports_per_year";
    cost.figure = fmt::format("{:g} reports a year over {:g} days", a.reports_per_year, horizon);
  }

  const double reps = cost.replications;
  const double cases = cost.cases_per_replication;
  cost.memory_bytes = memory(cases, reps, std::min<double>(cost.threads, reps), horizon);
  cost.every_case_kept = keep_every_case;
  if (keep_every_case) cost.memory_bytes += (reps - 1) * cases * kKeptCaseRecordBytes;
  cost.replication_memory_bytes = memory(cases, 1, 1, horizon);
  cost.replication_cases = std::max(cases, cost.arrival_draws_per_replication / kDrawsPerCase);
  cost.total_cases = reps * cost.replication_cases;
  return cost;
}

namespace {
// "50 minutes", "2 seconds": a limit's processor time in words a reader uses.
std::string processor_time(double seconds) {
  if (seconds >= 120) return fmt::format("about {:.0f} minutes", seconds / 60);
  if (seconds >= 1) return fmt::format("about {:.0f} seconds", seconds);
  return "under a second";
}
}  // namespace

void check_run_cost(const Scenario& s, const RunCost& cost, const RunLimits& whole,
                    std::size_t sharing) {
  std::vector<Diagnostic> problems;
  const double n = static_cast<double>(std::max<std::size_t>(1, sharing));
  const RunLimits limits{whole.memory_bytes / n, whole.total_cases / n};
  const std::string shared =
      sharing > 1 ? fmt::format(", this scenario's share of {} run together", sharing) : "";
  // Which figure to name: the replications when one would fit but not all,
  // otherwise what makes one replication so large.
  const bool by_replications = cost.replications > 1 &&
                               cost.replication_memory_bytes <= limits.memory_bytes &&
                               cost.replication_cases <= limits.total_cases;
  const std::string where = by_replications ? "/meta/replications" : cost.driver;
  const std::string what = fmt::format(
      "{} replication{} of about {} case{} each{}", count(cost.replications),
      cost.replications == 1 ? "" : "s", count(cost.cases_per_replication),
      cost.cases_per_replication == 1 ? "" : "s",
      by_replications ? "" : " (" + cost.figure + ")");
  const std::string kept =
      cost.every_case_kept ? ", keeping every replication's cases (--cases all)," : "";
  // Negated comparisons, so that an infinite or NaN estimate is refused too.
  if (!(cost.memory_bytes <= limits.memory_bytes))
    problems.push_back(
        {s.source, where,
         fmt::format("{}{} would need {}; the limit is {} (--max-memory{}); "
                     "expected a run that fits: fewer reports, a shorter horizon or fewer "
                     "replications",
                     what, kept, bytes(cost.memory_bytes),
                     fmt::format("{:g} GB", limits.memory_bytes / 1e9), shared)});
  if (!(cost.total_cases <= limits.total_cases)) {
    const bool draws = cost.arrival_draws_per_replication / kDrawsPerCase >
                       cost.cases_per_replication;
    problems.push_back(
        {s.source, where,
         fmt::format("{}{} would simulate {} cases in all; the limit is {} (--max-cases{}, "
                     "{} of processor time); expected a smaller run",
                     what,
                     draws ? fmt::format(" (and {} candidate arrival times each, drawn from the "
                                         "arrival rate's peak)",
                                         count(cost.arrival_draws_per_replication))
                           : "",
                     count(cost.total_cases), count(limits.total_cases), shared,
                     processor_time(limits.total_cases * 3e-6))});
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
}

}  // namespace models
