#pragma once

#include <vector>

namespace sim {

// Stored observations, for exact quantiles. Memory grows with the count, so
// models keep one per metric per replication, not per case.
class Sample {
 public:
  void add(double x) {
    values_.push_back(x);
    sorted_ = false;
  }
  void reserve(std::size_t n) { values_.reserve(n); }
  std::size_t size() const { return values_.size(); }
  bool empty() const { return values_.empty(); }
  const std::vector<double>& values() const { return values_; }

  double mean() const;
  // Quantile by linear interpolation between order statistics (Hyndman and
  // Fan type 7, the spreadsheet and R default). NaN when empty.
  // REQUIRES: 0 <= p <= 1
  double quantile(double p) const;
  double median() const { return quantile(0.5); }

 private:
  mutable std::vector<double> values_;
  mutable bool sorted_ = true;
};

}  // namespace sim
