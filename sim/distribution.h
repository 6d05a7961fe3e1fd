#pragma once

#include <cassert>
#include <cmath>
#include <string>
#include <vector>

#include "sim/random_stream.h"

namespace sim {

// kEmpirical covers both tables built from data: empirical() (resampling the
// observed values) and histogram() (uniform within bins).
enum class DistributionKind {
  kFixed,
  kExponential,
  kLognormal,
  kGamma,
  kWeibull,
  kTriangular,
  kUniform,
  kEmpirical
};

// A probability distribution of a duration (or any real quantity): a small
// value type, an enum and its parameters, with no virtual functions, so that
// a model can hold thousands of them by value and copy them freely.
//
// Every draw is by INVERSION of exactly one uniform:
//
//   sample(stream) == quantile(stream.uniform())
//
// for every kind, with no rejection loops and no second uniform. Two reasons:
//  * One uniform per draw keeps streams aligned: a case's k-th draw from a
//    stream uses the k-th uniform whatever the distribution or its
//    parameters, so changing one duration never shifts the luck of the next.
//  * quantile() is non-decreasing in p, so a policy that changes a
//    duration's parameters maps the same uniform to a monotonically shifted
//    duration: a case that was slow in the baseline is slow in the scenario.
//    That positive correlation is what makes common random numbers reduce
//    the variance of a scenario-minus-baseline difference.
// For the same reason the exponential uses -mean * log1p(-u) (increasing in
// u) rather than the common -mean * log(u) (decreasing).
//
// Factories validate their parameters and throw std::invalid_argument with a
// plain-English reason; NaN and infinite parameters are always rejected.
class Distribution {
 public:
  // Fixed at 0.
  Distribution() = default;

  static Distribution fixed(double value);
  static Distribution exponential(double mean);
  // mu and sigma are the mean and standard deviation of log(X).
  static Distribution lognormal(double mu, double sigma);
  // The lognormal with this median and 90th percentile, the form in which
  // durations are usually published: sigma = (ln p90 - ln median) / z_0.9.
  static Distribution lognormal_from_median_p90(double median, double p90);
  static Distribution gamma(double shape, double scale);
  static Distribution weibull(double shape, double scale);
  static Distribution triangular(double min, double mode, double max);
  static Distribution uniform(double min, double max);
  // Resamples the observed values: the inverse of the empirical CDF, a step
  // function, so only observed values are ever drawn.
  static Distribution empirical(std::vector<double> sample);
  // A piecewise-uniform density: bin i is [edges[i], edges[i+1]) with
  // probability weights[i] / sum(weights). Weights need not sum to 1.
  static Distribution histogram(std::vector<double> edges, std::vector<double> weights);

  double sample(RandomStream& s) const { return quantile(s.uniform()); }

  // The smallest x with cdf(x) >= p; non-decreasing in p.
  // REQUIRES: 0 <= p <= 1. At 0 and 1 it returns the ends of the support,
  // which are infinite for the unbounded kinds (p = 1 for an exponential).
  double quantile(double p) const;

  // Exact (closed form, or the table's own mean), not estimated.
  double mean() const;
  // P(X <= x), exact; used by the analytic cross-check and the tests.
  double cdf(double x) const;

  // The distribution of factor * X: every value (and so the mean and every
  // quantile) multiplied by factor. Case types scale stage durations this way.
  // Throws std::invalid_argument unless factor is finite and > 0.
  Distribution scaled(double factor) const;

  DistributionKind kind() const { return kind_; }
  // Human-readable, e.g. "lognormal(median 30, p90 90)",
  // "exponential(mean 3.5)", "histogram(4 bins, 0 to 90)".
  std::string describe() const;

 private:
  Distribution(DistributionKind kind, double a, double b = 0, double c = 0, double d = 0)
      : kind_(kind), a_(a), b_(b), c_(c), d_(d) {}

  // The kinds whose quantile needs Boost.Math or a table search; kept out of
  // line so this header stays light and the cheap kinds inline.
  double quantile_out_of_line(double p) const;

  DistributionKind kind_ = DistributionKind::kFixed;
  // Only for kEmpirical: histogram() rather than empirical().
  bool binned_ = false;
  // Parameters by kind:
  //   kFixed        a = value
  //   kExponential  a = mean
  //   kLognormal    a = median (= e^mu), b = sigma. Storing the median makes
  //                 quantile(0.5) return it exactly and scaling exact.
  //   kGamma        a = shape, b = scale
  //   kWeibull      a = shape, b = scale, c = 1 / shape
  //   kTriangular   a = min, b = mode, c = max, d = cdf(mode)
  //   kUniform      a = min, b = max
  //   kEmpirical    a = mean; table_ = the sorted values (empirical), or the
  //                 bin edges with cumulative_[i] = P(X <= edges[i]) (histogram)
  double a_ = 0;
  double b_ = 0;
  double c_ = 0;
  double d_ = 0;
  std::vector<double> table_;
  std::vector<double> cumulative_;
};

inline double Distribution::quantile(double p) const {
  assert(p >= 0 && p <= 1);
  switch (kind_) {
    case DistributionKind::kFixed:
      return a_;
    case DistributionKind::kExponential:
      return -a_ * std::log1p(-p);
    case DistributionKind::kWeibull:
      return b_ * std::pow(-std::log1p(-p), c_);
    case DistributionKind::kUniform:
      return a_ + p * (b_ - a_);
    case DistributionKind::kTriangular:
      if (p < d_) return a_ + std::sqrt(p * (c_ - a_) * (b_ - a_));
      return c_ - std::sqrt((1 - p) * (c_ - a_) * (c_ - b_));
    default:
      return quantile_out_of_line(p);
  }
}

}  // namespace sim
