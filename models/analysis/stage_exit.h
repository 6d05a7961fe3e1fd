#pragma once

// How one stay in a stage ends when the victim may withdraw while it lasts:
// two competing risks, the stage's duration D and an exponential time to
// withdrawal X with a constant hazard h per day, independent of D. The stay
// lasts min(D, X); the case moves on if D <= X and is withdrawn otherwise.
// This is the building block of the analytic cross-check
// (models/analysis/markov_analysis.h), which chains stays into a semi-Markov model.
//
// The exit kind and the time spent are dependent (a long stage is more
// likely to end in withdrawal), so the struct holds partial expectations,
// E[time; exit kind], from which conditional means follow by division.

#include "sim/distribution.h"

namespace models {

struct StageExit {
  double withdrawal_probability = 0;  // P(X < D) = 1 - E[exp(-hD)]
  double finished_days = 0;           // E[D; D <= X] = E[D exp(-hD)]
  double withdrawn_days = 0;          // E[X; X < D] = E[min(D, X)] - E[D exp(-hD)]
  // The quadrature's own estimate of its relative error (largest over the
  // three integrals); 0 where the result is exact up to rounding.
  double error_estimate = 0;

  double finish_probability() const { return 1 - withdrawal_probability; }
  double mean_days() const { return finished_days + withdrawn_days; }  // E[min(D, X)]
  // E[D | D <= X] and E[X | X < D]; NaN when that exit has probability 0.
  double mean_days_if_finished() const;
  double mean_days_if_withdrawn() const;
};

// Exact, up to rounding, for h = 0, fixed, exponential and empirical
// (resampled) durations: closed forms, or a sum over the observed values.
// Otherwise the expectations are integrals over u in (0, 1) of
// g(duration.quantile(u)), by tanh-sinh quadrature (Boost.Math) to a
// relative tolerance of 1e-12; it copes with the unbounded quantiles of the
// long-tailed kinds at u -> 1 because every integrand here is bounded. A
// histogram's quantile is piecewise linear, and tanh-sinh is slow across a
// kink, so it is first split into its linear pieces by bisection and each
// piece integrated on its own. Measured errors against closed forms (gamma,
// uniform, Weibull of shape 1, histograms) are below 1e-12 relative.
//
// Throws std::invalid_argument unless hazard_per_day is finite and >= 0.
StageExit stage_exit(const sim::Distribution& duration, double hazard_per_day);

}  // namespace models
