#include "models/results/stability.h"

#include <fmt/format.h>

#include <cmath>
#include <functional>

#include "models/results/make_metric.h"
#include "sim/calendar.h"

namespace models {

namespace {

struct Series {
  std::string name;
  std::string label;
  std::function<double(const WeekRow&)> value;
};

std::vector<Series> series_of(const Scenario& s) {
  std::vector<Series> out;
  out.push_back({"open_cases", "open cases (police, CPS and courts)", [](const WeekRow& w) {
                   return static_cast<double>(w.initial_open + w.new_open);
                 }});
  if (s.courts) {
    out.push_back({"waiting_for_trial", "cases waiting for trial", [](const WeekRow& w) {
                     double n = 0;
                     for (auto k : w.trials_by_age) n += k;
                     return n;
                   }});
    out.push_back({"waiting_for_trial_over_52_weeks",
                   "cases waiting for trial over 52 weeks after charge", [](const WeekRow& w) {
                     return static_cast<double>(w.trials_by_age[2] + w.trials_by_age[3]);
                   }});
  }
  std::vector<bool> seized(s.pools.size(), false);
  for (const auto& st : s.stages)
    if (st.pool) seized[*st.pool] = true;
  for (std::size_t p = 0; p < s.pools.size(); ++p)
    if (seized[p])
      out.push_back({"queue." + s.pools[p].name, "cases waiting for " + s.pools[p].name,
                     [p](const WeekRow& w) { return w.queue_by_pool[p]; }});
  return out;
}

// Least squares of the series on time (years) over the counted weeks.
TrendFit least_squares(const std::vector<WeekRow>& weeks, double from, const Series& series) {
  double n = 0, st = 0, sy = 0;
  for (const WeekRow& w : weeks)
    if (w.day >= from) n += 1, st += w.day / 365.25, sy += series.value(w);
  TrendFit fit;
  fit.slope = std::numeric_limits<double>::quiet_NaN();
  if (n < 3) return fit;
  fit.mean_t = st / n;
  fit.mean_y = sy / n;
  double sxx = 0, sxy = 0;
  for (const WeekRow& w : weeks) {
    if (w.day < from) continue;
    const double dt = w.day / 365.25 - fit.mean_t;
    sxx += dt * dt;
    sxy += dt * (series.value(w) - fit.mean_y);
  }
  if (sxx > 0) fit.slope = sxy / sxx;
  return fit;
}

// Rounded as a reader says it, with thousands separated: "1,830", "48", "2.5".
std::string number(double v) {
  const double a = std::fabs(v);
  if (a >= 1000) {
    std::string digits = fmt::format("{:.0f}", std::round(a / 10) * 10);
    for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3)
      digits.insert(static_cast<std::size_t>(i), ",");
    return (v < 0 ? "-" : "") + digits;
  }
  if (a >= 100) return fmt::format("{:.0f}", std::round(v / 10) * 10);
  if (a >= 10) return fmt::format("{:.0f}", v);
  return fmt::format("{:.1f}", v);
}

}  // namespace

std::vector<std::string> trend_labels(const Scenario& s) {
  std::vector<std::string> labels;
  for (const Series& series : series_of(s)) labels.push_back(series.label);
  return labels;
}

std::vector<TrendFit> replication_trends(const CaseFlowModel& model, const ReplicationResult& r) {
  std::vector<TrendFit> fits;
  const Scenario& s = model.scenario();
  for (const Series& series : series_of(s))
    fits.push_back(least_squares(r.weeks, s.meta.warmup_days, series));
  return fits;
}

std::vector<Drift> add_trend_metrics(const CaseFlowModel& model,
                                     const std::vector<ReplicationResult>& results,
                                     std::vector<Metric>& out) {
  if (results.empty() || results.front().weeks.empty()) return {};
  std::vector<std::vector<TrendFit>> fits;
  fits.reserve(results.size());
  for (const auto& r : results) fits.push_back(replication_trends(model, r));
  return add_trend_metrics(model, fits, out);
}

std::vector<Drift> add_trend_metrics(const CaseFlowModel& model,
                                     const std::vector<std::vector<TrendFit>>& per_replication,
                                     std::vector<Metric>& out) {
  std::vector<Drift> drifts;
  if (per_replication.empty()) return drifts;
  const Scenario& s = model.scenario();
  const double from = s.meta.warmup_days, to = s.meta.horizon_days;
  const double years = (to - from) / 365.25;
  const std::vector<Series> all = series_of(s);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Series& series = all[i];
    std::vector<double> slopes;
    double t_sum = 0, y_sum = 0, fits = 0;
    for (const auto& rep : per_replication) {
      const TrendFit& fit = rep.at(i);
      slopes.push_back(fit.slope);
      if (!std::isnan(fit.slope)) t_sum += fit.mean_t, y_sum += fit.mean_y, fits += 1;
    }
    if (fits == 0) continue;
    Metric m = make_metric(MetricKind::kTrend, series.name, slopes, per_replication.size());
    m.description += fmt::format(" ({})", series.label);
    const double level = y_sum / fits, centre = t_sum / fits;
    const bool certain = per_replication.size() < 2 || (std::isfinite(m.ci_low) && (m.ci_low > 0 || m.ci_high < 0));
    const double change = std::fabs(m.mean) * years;
    if (certain && change >= std::max(0.1 * level, 5.0)) {
      Drift d;
      d.series = series.name;
      d.label = series.label;
      d.per_year = m.mean;
      d.ci_low = m.ci_low;
      d.ci_high = m.ci_high;
      d.start = level + m.mean * (from / 365.25 - centre);
      d.end = level + m.mean * (to / 365.25 - centre);
      const std::string interval =
          std::isfinite(m.ci_low)
              ? fmt::format(" (95% interval {} to {})", number(m.ci_low), number(m.ci_high))
              : " (one replication: no interval)";
      d.message = fmt::format(
          "{} {} by about {} a year{}, from about {} to about {} over the counted years, so "
          "delays depend on the length of the run: read delays by year.",
          series.label, m.mean > 0 ? "grow" : "fall", number(std::fabs(m.mean)), interval,
          number(std::max(0.0, d.start)), number(std::max(0.0, d.end)));
      // A dated change inside the counted years makes the series two pieces;
      // one line through both says where it ends, not how it got there.
      for (const auto& change : s.dated) {
        const double day = (change.from - s.meta.start_date).count();
        if (day > from && day < to) {
          d.message += fmt::format(
              " The counted years include a dated change on {}: the line runs through the "
              "time before it and after it, so its start and end are rough.",
              sim::to_iso(change.from));
          break;
        }
      }
      d.message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(d.message[0])));
      drifts.push_back(std::move(d));
    }
    out.push_back(std::move(m));
  }
  return drifts;
}

}  // namespace models
