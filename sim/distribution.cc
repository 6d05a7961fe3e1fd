// Implementations of distribution.h and discrete_choice.h.
#include "sim/distribution.h"

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/discrete_choice.h"

namespace sim {
namespace {

namespace bm = boost::math;

// Overflow returns infinity instead of throwing (the far tail of a quantile
// is legitimately infinite), and doubles are not promoted to long double:
// double precision is ample for durations and the x87 path is several times
// slower on the hot path.
using Policy = bm::policies::policy<bm::policies::overflow_error<bm::policies::ignore_error>,
                                    bm::policies::promote_double<false>>;

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

[[noreturn]] void fail(const std::string& why) { throw std::invalid_argument(why); }

void require_positive(const char* what, double x) {
  if (!(x > 0) || !std::isfinite(x)) fail(std::string(what) + " must be > 0, got " + num(x));
}

void require_finite(const char* what, double x) {
  if (!std::isfinite(x)) fail(std::string(what) + " must be finite, got " + num(x));
}

// Phi^-1(p). Each half uses the argument that is exact in floating point
// (2p below the median, 2(1-p) above): the upper tail keeps full precision,
// and p just below 1 stays finite where 2p would round to 2.
double standard_normal_quantile(double p) {
  if (p <= 0) return -kInf;
  if (p >= 1) return kInf;
  if (p <= 0.5) return -std::numbers::sqrt2 * bm::erfc_inv(2 * p, Policy());
  return std::numbers::sqrt2 * bm::erfc_inv(2 * (1 - p), Policy());
}

double standard_normal_cdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

// z_0.9, computed by the same function quantile() uses, so that
// lognormal_from_median_p90 gives back its p90 to the last few bits.
double z90() {
  static const double z = standard_normal_quantile(0.9);
  return z;
}

}  // namespace

Distribution Distribution::fixed(double value) {
  require_finite("fixed value", value);
  return Distribution(DistributionKind::kFixed, value);
}

Distribution Distribution::exponential(double mean) {
  require_positive("exponential mean", mean);
  return Distribution(DistributionKind::kExponential, mean);
}

Distribution Distribution::lognormal(double mu, double sigma) {
  require_finite("lognormal mu", mu);
  require_positive("lognormal sigma", sigma);
  const double median = std::exp(mu);
  if (!(median > 0) || !std::isfinite(median))
    fail("lognormal mu must give a positive, finite median e^mu, got mu " + num(mu));
  return Distribution(DistributionKind::kLognormal, median, sigma);
}

Distribution Distribution::lognormal_from_median_p90(double median, double p90) {
  require_positive("lognormal median", median);
  require_finite("lognormal p90", p90);
  if (!(p90 > median))
    fail("lognormal p90 must be greater than the median, got median " + num(median) + " and p90 " +
         num(p90));
  const double sigma = std::log(p90 / median) / z90();
  if (!(sigma > 0) || !std::isfinite(sigma))
    fail("lognormal p90 must be greater than the median by a representable ratio, got median " +
         num(median) + " and p90 " + num(p90));
  return Distribution(DistributionKind::kLognormal, median, sigma);
}

Distribution Distribution::gamma(double shape, double scale) {
  require_positive("gamma shape", shape);
  require_positive("gamma scale", scale);
  return Distribution(DistributionKind::kGamma, shape, scale);
}

Distribution Distribution::weibull(double shape, double scale) {
  require_positive("weibull shape", shape);
  require_positive("weibull scale", scale);
  return Distribution(DistributionKind::kWeibull, shape, scale, 1 / shape);
}

Distribution Distribution::triangular(double min, double mode, double max) {
  require_finite("triangular min", min);
  require_finite("triangular mode", mode);
  require_finite("triangular max", max);
  if (!(min <= mode && mode <= max))
    fail("triangular needs min <= mode <= max, got min " + num(min) + ", mode " + num(mode) +
         ", max " + num(max));
  // A point mass when min == max; the second branch of quantile() returns it.
  const double split = max > min ? (mode - min) / (max - min) : 0;
  return Distribution(DistributionKind::kTriangular, min, mode, max, split);
}

Distribution Distribution::uniform(double min, double max) {
  require_finite("uniform min", min);
  require_finite("uniform max", max);
  if (!(min <= max)) fail("uniform needs min <= max, got min " + num(min) + ", max " + num(max));
  return Distribution(DistributionKind::kUniform, min, max);
}

Distribution Distribution::empirical(std::vector<double> sample) {
  if (sample.empty()) fail("empirical needs at least one value");
  double sum = 0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    if (!std::isfinite(sample[i]))
      fail("empirical values must be finite, got " + num(sample[i]) + " at index " +
           std::to_string(i));
    sum += sample[i];
  }
  std::sort(sample.begin(), sample.end());
  Distribution d(DistributionKind::kEmpirical, sum / static_cast<double>(sample.size()));
  d.table_ = std::move(sample);
  return d;
}

Distribution Distribution::histogram(std::vector<double> edges, std::vector<double> weights) {
  const auto bad = [](const std::string& detail) {
    fail(
        "histogram needs one more edge than weights, edges increasing, weights >= 0 with a "
        "positive sum; got " +
        detail);
  };
  if (weights.empty() || edges.size() != weights.size() + 1)
    bad(std::to_string(edges.size()) + " edges for " + std::to_string(weights.size()) +
        " weights");
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (!std::isfinite(edges[i])) bad("edge " + std::to_string(i) + " = " + num(edges[i]));
    if (i > 0 && !(edges[i] > edges[i - 1]))
      bad("edge " + std::to_string(i) + " = " + num(edges[i]) + " not above edge " +
          std::to_string(i - 1) + " = " + num(edges[i - 1]));
  }
  double total = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (!(weights[i] >= 0) || !std::isfinite(weights[i]))
      bad("weight " + std::to_string(i) + " = " + num(weights[i]));
    total += weights[i];
  }
  if (!(total > 0) || !std::isfinite(total)) bad("weights summing to " + num(total));

  // Drop empty bins at either end, so the table's first and last edges are
  // the ends of the support (quantile(0) and quantile(1)).
  std::size_t first = 0;
  while (weights[first] == 0) ++first;
  std::size_t last = weights.size();  // one past the last non-empty bin
  while (weights[last - 1] == 0) --last;

  double mean = 0;
  double partial = 0;
  Distribution d(DistributionKind::kEmpirical, 0);
  d.binned_ = true;
  d.table_.assign(edges.begin() + static_cast<std::ptrdiff_t>(first),
                  edges.begin() + static_cast<std::ptrdiff_t>(last) + 1);
  d.cumulative_.reserve(d.table_.size());
  d.cumulative_.push_back(0);
  for (std::size_t i = first; i < last; ++i) {
    partial += weights[i];
    mean += weights[i] * (edges[i] + edges[i + 1]) / 2;
    d.cumulative_.push_back(partial / total);
  }
  d.cumulative_.back() = 1;  // exactly, whatever the rounding of the sums
  d.a_ = mean / total;
  return d;
}

double Distribution::quantile_out_of_line(double p) const {
  switch (kind_) {
    case DistributionKind::kLognormal:
      if (p <= 0) return 0;
      return a_ * std::exp(b_ * standard_normal_quantile(p));
    case DistributionKind::kGamma:
      if (p <= 0) return 0;
      if (p >= 1) return kInf;
      // The complement above the median keeps the upper tail accurate.
      if (p <= 0.5) return b_ * bm::gamma_p_inv(a_, p, Policy());
      return b_ * bm::gamma_q_inv(a_, 1 - p, Policy());
    case DistributionKind::kEmpirical: {
      if (binned_) {
        if (p <= 0) return table_.front();
        // The first bin whose upper cumulative reaches p; it has positive
        // weight, since its lower cumulative is below p.
        const auto it = std::lower_bound(cumulative_.begin() + 1, cumulative_.end(), p);
        if (it == cumulative_.end()) return table_.back();
        const auto i = static_cast<std::size_t>(it - cumulative_.begin());
        const double lo = cumulative_[i - 1];
        const double hi = cumulative_[i];
        const double x = table_[i - 1] + (p - lo) / (hi - lo) * (table_[i] - table_[i - 1]);
        // Rounding must not carry a value past its bin's upper edge, or the
        // quantile could step down between bins.
        return std::min(x, table_[i]);
      }
      // The smallest rank k (1-based) with k / n >= p, where k / n is
      // computed exactly as cdf() computes it, so quantile(cdf(x)) == x for
      // every observed x despite the rounding of p * n.
      const std::size_t n = table_.size();
      const double nd = static_cast<double>(n);
      const double guess = std::ceil(p * nd);
      std::size_t k = guess < 1 ? 1 : guess > nd ? n : static_cast<std::size_t>(guess);
      if (k < n && static_cast<double>(k) / nd < p) ++k;
      if (k > 1 && static_cast<double>(k - 1) / nd >= p) --k;
      return table_[k - 1];
    }
    default:
      // The remaining kinds are inlined in quantile().
      return quantile(p);
  }
}

double Distribution::mean() const {
  switch (kind_) {
    case DistributionKind::kFixed:
    case DistributionKind::kExponential:
    case DistributionKind::kEmpirical:
      return a_;
    case DistributionKind::kLognormal:
      return a_ * std::exp(b_ * b_ / 2);
    case DistributionKind::kGamma:
      return a_ * b_;
    case DistributionKind::kWeibull:
      return b_ * std::tgamma(1 + c_);
    case DistributionKind::kTriangular:
      return (a_ + b_ + c_) / 3;
    case DistributionKind::kUniform:
      return (a_ + b_) / 2;
  }
  return a_;
}

double Distribution::cdf(double x) const {
  switch (kind_) {
    case DistributionKind::kFixed:
      return x >= a_ ? 1 : 0;
    case DistributionKind::kExponential:
      return x <= 0 ? 0 : -std::expm1(-x / a_);
    case DistributionKind::kLognormal:
      if (x <= 0) return 0;
      if (std::isinf(x)) return 1;
      return standard_normal_cdf(std::log(x / a_) / b_);
    case DistributionKind::kGamma:
      if (x <= 0) return 0;
      if (std::isinf(x)) return 1;
      return bm::gamma_p(a_, x / b_, Policy());
    case DistributionKind::kWeibull:
      return x <= 0 ? 0 : -std::expm1(-std::pow(x / b_, a_));
    case DistributionKind::kTriangular:
      // Checked in this order so that a point mass (min == max) has cdf 1 there.
      if (x >= c_) return 1;
      if (x <= a_) return 0;
      if (x <= b_) return (x - a_) * (x - a_) / ((c_ - a_) * (b_ - a_));
      return 1 - (c_ - x) * (c_ - x) / ((c_ - a_) * (c_ - b_));
    case DistributionKind::kUniform:
      if (x >= b_) return 1;
      if (x <= a_) return 0;
      return (x - a_) / (b_ - a_);
    case DistributionKind::kEmpirical: {
      if (binned_) {
        if (x <= table_.front()) return 0;
        if (x >= table_.back()) return 1;
        const auto i =
            static_cast<std::size_t>(std::upper_bound(table_.begin(), table_.end(), x) -
                                     table_.begin());
        const double within = (x - table_[i - 1]) / (table_[i] - table_[i - 1]);
        return cumulative_[i - 1] + within * (cumulative_[i] - cumulative_[i - 1]);
      }
      const auto at_most = std::upper_bound(table_.begin(), table_.end(), x) - table_.begin();
      return static_cast<double>(at_most) / static_cast<double>(table_.size());
    }
  }
  return 0;
}

Distribution Distribution::scaled(double factor) const {
  if (!(factor > 0) || !std::isfinite(factor))
    fail("scale factor must be > 0 and finite, got " + num(factor));
  Distribution d = *this;
  switch (kind_) {
    case DistributionKind::kFixed:
    case DistributionKind::kExponential:
    case DistributionKind::kLognormal:  // the median
      d.a_ *= factor;
      break;
    case DistributionKind::kGamma:
    case DistributionKind::kWeibull:
      d.b_ *= factor;
      break;
    case DistributionKind::kTriangular:
      d.a_ *= factor;
      d.b_ *= factor;
      d.c_ *= factor;  // d_, the cdf at the mode, is unchanged
      break;
    case DistributionKind::kUniform:
      d.a_ *= factor;
      d.b_ *= factor;
      break;
    case DistributionKind::kEmpirical:
      d.a_ *= factor;
      // A positive factor keeps the values sorted and the bins' probabilities.
      for (double& v : d.table_) v *= factor;
      break;
  }
  return d;
}

std::string Distribution::describe() const {
  switch (kind_) {
    case DistributionKind::kFixed:
      return "fixed(" + num(a_) + ")";
    case DistributionKind::kExponential:
      return "exponential(mean " + num(a_) + ")";
    case DistributionKind::kLognormal:
      return "lognormal(median " + num(a_) + ", p90 " + num(a_ * std::exp(b_ * z90())) + ")";
    case DistributionKind::kGamma:
      return "gamma(shape " + num(a_) + ", scale " + num(b_) + ")";
    case DistributionKind::kWeibull:
      return "weibull(shape " + num(a_) + ", scale " + num(b_) + ")";
    case DistributionKind::kTriangular:
      return "triangular(min " + num(a_) + ", mode " + num(b_) + ", max " + num(c_) + ")";
    case DistributionKind::kUniform:
      return "uniform(min " + num(a_) + ", max " + num(b_) + ")";
    case DistributionKind::kEmpirical:
      if (binned_)
        return "histogram(" + std::to_string(table_.size() - 1) + " bins, " +
               num(table_.front()) + " to " + num(table_.back()) + ")";
      return "empirical(" + std::to_string(table_.size()) + " values, " + num(table_.front()) +
             " to " + num(table_.back()) + ")";
  }
  return "unknown";
}

DiscreteChoice::DiscreteChoice(std::vector<double> weights) {
  if (weights.empty()) fail("discrete choice needs at least one weight");
  double total = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (!(weights[i] >= 0) || !std::isfinite(weights[i]))
      fail("discrete choice weights must be >= 0 and finite, got " + num(weights[i]) +
           " at index " + std::to_string(i));
    total += weights[i];
  }
  if (!(total > 0) || !std::isfinite(total))
    fail("discrete choice weights must have a positive, finite sum, got " + num(total));
  for (std::size_t i = 0; i < weights.size(); ++i)
    if (weights[i] > 0) last_possible_ = i;
  cumulative_.reserve(weights.size());
  probabilities_.reserve(weights.size());
  double partial = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    partial += weights[i];
    probabilities_.push_back(weights[i] / total);
    // From the last possible outcome on, exactly 1: rounding must not leave
    // a sliver below 1 that a trailing zero-weight outcome would catch.
    cumulative_.push_back(i >= last_possible_ ? 1.0 : partial / total);
  }
}

}  // namespace sim
