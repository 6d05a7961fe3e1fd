#pragma once

// Durations fitted from incomplete records: the Kaplan-Meier curve, and
// lognormal, gamma and Weibull distributions by maximum likelihood with right
// censoring, each with 95% intervals from the observed information and its
// AIC. Knows nothing of cases or milestones: models/fit/extract_fit.h turns a
// case extract into SurvivalData.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/distribution.h"
#include "sim/kaplan_meier.h"

namespace models {

// How the durations were measured.
//  kExact:     times as real numbers. An event at t contributes the density
//              f(t); a censored time t, the survival S(t).
//  kWholeDays: whole days between two dates, D = floor(end) - floor(start).
//              With the start's time of day uniform and independent of the
//              duration X, P(D = d) = H(d+1) - 2H(d) + H(d-1), where H is the
//              integral of the CDF; and P(D > c) = integral of S over [c, c+1].
//              So a same-day duration (D = 0) is an ordinary observation, and
//              the fitted X is the continuous duration a scenario draws.
enum class TimeScale { kExact, kWholeDays };

struct SurvivalData {
  TimeScale scale = TimeScale::kWholeDays;
  std::vector<double> events;    // durations observed to end; >= 0 (> 0 for kExact)
  std::vector<double> censored;  // known only to exceed this (kWholeDays: D > c, c >= -1)
};

// The Kaplan-Meier curve of the data (sim/kaplan_meier.h; the scale is not used).
using KaplanMeierStep = sim::KaplanMeierStep;
std::vector<KaplanMeierStep> kaplan_meier(const SurvivalData& data);

enum class Family { kLognormal, kGamma, kWeibull };
inline constexpr std::array<Family, 3> kFamilies = {Family::kLognormal, Family::kGamma,
                                                    Family::kWeibull};
const char* family_name(Family f);  // "lognormal", "gamma", "weibull"

// An estimate with its 95% interval; NaN where the information matrix was
// not positive definite (the data cannot pin the parameter down).
struct Estimate {
  double value = 0;
  double ci_low = 0;
  double ci_high = 0;
  double se = 0;  // standard error on the scale the interval is built on (see FamilyFit)
};

struct FamilyFit {
  Family family = Family::kLognormal;
  bool converged = false;
  double log_likelihood = 0;
  double aic = 0;  // 2 x parameters - 2 x log-likelihood; smaller is better
  // lognormal: mu, sigma (of log days); gamma and Weibull: shape, scale.
  // Intervals are symmetric on the scale the optimiser works on (mu, and the
  // log of every positive parameter), so positive parameters keep positive
  // bounds; `se` is on that scale.
  std::array<std::string, 2> parameter_names;
  std::array<Estimate, 2> parameters;
  Estimate median;  // of the fitted duration, days (delta method on the log)
  Estimate p90;

  sim::Distribution distribution() const;
  // The fitted share still going after t: S(t) for kExact, P(D > t) for
  // kWholeDays (what the Kaplan-Meier curve estimates), t >= 0.
  double survival(double t, TimeScale scale) const;
};

struct SurvivalFit {
  std::size_t n_observed = 0;
  std::size_t n_censored = 0;
  std::vector<KaplanMeierStep> km;
  std::vector<FamilyFit> families;  // in kFamilies order; empty when too few events
  std::optional<std::size_t> best;  // index into families: the smallest AIC among converged
  std::string note;                 // why there is no parametric fit, if there is none
};

// Fewer observed ends than this give no parametric fit, only the
// Kaplan-Meier curve: two parameters from a handful of points mislead.
inline constexpr std::size_t kMinObservedForFit = 5;

SurvivalFit fit_survival(const SurvivalData& data);

}  // namespace models
