#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace sim {

class ByteReader;
class ByteWriter;

// Count, mean and variance in one pass (Welford), without storing values.
class RunningStats {
 public:
  void add(double x) {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
  }
  void merge(const RunningStats& o);

  std::uint64_t count() const { return n_; }
  double mean() const { return n_ ? mean_ : std::numeric_limits<double>::quiet_NaN(); }
  // Sample variance (n - 1 in the denominator).
  double variance() const { return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : 0.0; }
  double stddev() const { return std::sqrt(variance()); }
  double min() const { return min_; }
  double max() const { return max_; }

 private:
  friend class ByteReader;
  friend class ByteWriter;

  std::uint64_t n_ = 0;
  double mean_ = 0;
  double m2_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace sim
