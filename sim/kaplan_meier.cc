#include "sim/kaplan_meier.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace sim {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kZ95 = 1.959963984540054;  // standard normal 97.5th percentile
}  // namespace

std::vector<KaplanMeierStep> kaplan_meier(const std::vector<double>& events,
                                          const std::vector<double>& censored, bool intervals) {
  std::vector<std::pair<double, bool>> times;  // time, is an event
  times.reserve(events.size() + censored.size());
  for (double t : events) times.emplace_back(t, true);
  for (double t : censored) times.emplace_back(t, false);
  // At a tie, events come before censorings (true sorts after false, so
  // order by time, then event first): a case censored at t survived t.
  const auto before = [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  };
  // Both already in order (a sample whose quantiles were read): a merge.
  const auto mid = times.begin() + static_cast<std::ptrdiff_t>(events.size());
  if (std::is_sorted(times.begin(), mid, before) && std::is_sorted(mid, times.end(), before))
    std::inplace_merge(times.begin(), mid, times.end(), before);
  else
    std::sort(times.begin(), times.end(), before);
  std::vector<KaplanMeierStep> steps;
  double survival = 1, greenwood = 0;
  std::size_t at_risk = times.size();
  for (std::size_t i = 0; i < times.size();) {
    const double t = times[i].first;
    std::size_t events_here = 0, leaving = 0;
    for (; i < times.size() && times[i].first == t; ++i, ++leaving) events_here += times[i].second;
    if (events_here > 0) {
      const double n = static_cast<double>(at_risk), d = static_cast<double>(events_here);
      survival *= 1 - d / n;
      greenwood = at_risk > events_here ? greenwood + d / (n * (n - d)) : kInf;
      KaplanMeierStep s{t, survival, survival, survival, at_risk, events_here};
      if (intervals && survival > 0 && survival < 1 && std::isfinite(greenwood)) {
        // log(-log S) keeps the interval inside (0, 1).
        const double w = kZ95 * std::sqrt(greenwood) / std::fabs(std::log(survival));
        s.ci_low = std::pow(survival, std::exp(w));
        s.ci_high = std::pow(survival, std::exp(-w));
      }
      steps.push_back(s);
    }
    at_risk -= leaving;
  }
  return steps;
}

double kaplan_meier_quantile(const std::vector<KaplanMeierStep>& curve, double p) {
  // A small tolerance, so that the median of {1, 2} is 1 as for an
  // uncensored sample's lower median, not skipped by rounding.
  for (const auto& s : curve)
    if (s.survival <= 1 - p + 1e-12) return s.time;
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace sim
