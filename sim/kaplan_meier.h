#pragma once

// The Kaplan-Meier estimate of a survival curve from durations some of which
// are right-censored (known only to exceed a time): the one copy that `fit`
// (durations from a case extract) and the run summaries (delays of cases
// still open at the horizon) both use.

#include <cstddef>
#include <vector>

namespace sim {

// One step of the curve: the share still going after `time`. A censored
// time c counts as still at risk at c (survived through it).
struct KaplanMeierStep {
  double time = 0;
  double survival = 1;
  double ci_low = 1;   // 95%, Greenwood variance on the log(-log) scale
  double ci_high = 1;
  std::size_t at_risk = 0;
  std::size_t events = 0;
};

// Without `intervals`, ci_low and ci_high stay equal to survival (a quantile
// needs only the curve, and the interval is most of its cost).
std::vector<KaplanMeierStep> kaplan_meier(const std::vector<double>& events,
                                          const std::vector<double>& censored,
                                          bool intervals = true);

// The p-quantile of the duration: the first step's time at which the curve
// falls to 1 - p or below. NaN when it never does (too many durations
// censored before that point to say).
// REQUIRES: 0 < p < 1
double kaplan_meier_quantile(const std::vector<KaplanMeierStep>& curve, double p);

}  // namespace sim
