// Implementations of running_stats.h, sample.h and confidence_interval.h.
#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cassert>
#include <cmath>
#include <limits>

#include "sim/confidence_interval.h"
#include "sim/running_stats.h"
#include "sim/sample.h"

namespace sim {

void RunningStats::merge(const RunningStats& o) {
  if (o.n_ == 0) return;
  if (n_ == 0) {
    *this = o;
    return;
  }
  const double n = static_cast<double>(n_ + o.n_);
  const double delta = o.mean_ - mean_;
  mean_ += delta * static_cast<double>(o.n_) / n;
  m2_ += o.m2_ + delta * delta * static_cast<double>(n_) * static_cast<double>(o.n_) / n;
  n_ += o.n_;
  min_ = std::min(min_, o.min_);
  max_ = std::max(max_, o.max_);
}

double Sample::mean() const {
  if (condensed_) return count_ ? mean_ : std::numeric_limits<double>::quiet_NaN();
  if (values_.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (double v : values_) sum += v;
  return sum / static_cast<double>(values_.size());
}

double Sample::quantile(double p) const {
  assert(p >= 0 && p <= 1);
  if (condensed_) {
    for (std::size_t i = 0; i < kept_; ++i)
      if (kept_p_[i] == p) return kept_q_[i];
    assert(!"quantile not kept by condense()");
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (values_.empty()) return std::numeric_limits<double>::quiet_NaN();
  if (!sorted_) {
    std::sort(values_.begin(), values_.end());
    sorted_ = true;
  }
  const double h = p * static_cast<double>(values_.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values_.size() - 1);
  return values_[lo] + (h - static_cast<double>(lo)) * (values_[hi] - values_[lo]);
}

void Sample::condense(std::initializer_list<double> ps) {
  assert(ps.size() <= kMaxKept);
  if (condensed_) return;
  std::size_t k = 0;
  for (double p : ps) {
    kept_p_[k] = p;
    kept_q_[k] = quantile(p);  // sorts first, so the mean below is summed in sorted order
    ++k;
  }
  kept_ = k;
  mean_ = mean();
  count_ = values_.size();
  condensed_ = true;
  std::vector<double>().swap(values_);
  sorted_ = true;
}

double student_t_critical(double level, std::size_t dof) {
  assert(dof > 0 && level > 0 && level < 1);
  boost::math::students_t dist(static_cast<double>(dof));
  return boost::math::quantile(dist, 1 - (1 - level) / 2);
}

ConfidenceInterval confidence_interval(const std::vector<double>& values, double level) {
  RunningStats stats;
  for (double v : values)
    if (!std::isnan(v)) stats.add(v);
  ConfidenceInterval ci;
  ci.n = stats.count();
  ci.mean = stats.mean();
  ci.half_width = ci.n > 1 ? student_t_critical(level, ci.n - 1) * stats.stddev() /
                                 std::sqrt(static_cast<double>(ci.n))
                           : std::numeric_limits<double>::quiet_NaN();
  ci.low = ci.mean - ci.half_width;
  ci.high = ci.mean + ci.half_width;
  return ci;
}

ConfidenceInterval share_interval(const std::vector<double>& values, double level) {
  ConfidenceInterval ci = confidence_interval(values, level);
  const double p = ci.mean;
  // One replication: no interval; every replication alike, or a mean at 0
  // or 1 (then every value is): the interval is the point.
  if (ci.n < 2 || !(ci.half_width > 0) || !(p > 0 && p < 1)) return ci;
  const double z = student_t_critical(level, ci.n - 1);
  const double se = ci.half_width / z;
  const double n = p * (1 - p) / (se * se);
  const double k = z * z / n;
  const double centre = (p + k / 2) / (1 + k);
  const double half = z / (1 + k) * std::sqrt(se * se + k / (4 * n));
  ci.low = std::max(0.0, centre - half);  // rounding only: the interval is inside [0, 1]
  ci.high = std::min(1.0, centre + half);
  ci.half_width = (ci.high - ci.low) / 2;
  return ci;
}

}  // namespace sim
