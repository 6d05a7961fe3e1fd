#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <vector>

namespace sim {

class ByteReader;
class ByteWriter;

// Stored observations, for exact quantiles. Memory grows with the count, so
// models keep one per metric per replication, not per case, and condense it
// once the replication has ended.
class Sample {
 public:
  // At most this many quantiles survive condense().
  static constexpr std::size_t kMaxKept = 4;

  // REQUIRES: not condensed
  void add(double x) {
    values_.push_back(x);
    sorted_ = false;
  }
  void reserve(std::size_t n) { values_.reserve(n); }
  std::size_t size() const { return condensed_ ? count_ : values_.size(); }
  bool empty() const { return size() == 0; }
  // Empty once condensed.
  const std::vector<double>& values() const { return values_; }

  double mean() const;
  // Quantile by linear interpolation between order statistics (Hyndman and
  // Fan type 7, the spreadsheet and R default). NaN when empty.
  // REQUIRES: 0 <= p <= 1; once condensed, p is one of those kept
  double quantile(double p) const;
  double median() const { return quantile(0.5); }

  // Keeps the count, the mean and the quantiles at `ps`, and frees the
  // values: what a summary across replications reads, without holding a
  // value per case of every replication until the last has run. The figures
  // kept are those the full sample gives, to the bit (the mean is summed in
  // sorted order, as it is once a quantile has been asked for).
  // REQUIRES: ps.size() <= kMaxKept
  void condense(std::initializer_list<double> ps);
  bool condensed() const { return condensed_; }

 private:
  friend class ByteReader;
  friend class ByteWriter;

  mutable std::vector<double> values_;
  mutable bool sorted_ = true;
  // Once condensed: what was kept of the values.
  bool condensed_ = false;
  std::size_t count_ = 0;
  double mean_ = 0;
  std::size_t kept_ = 0;
  std::array<double, kMaxKept> kept_p_{};
  std::array<double, kMaxKept> kept_q_{};
};

}  // namespace sim
