#pragma once

#include <cstddef>
#include <vector>

namespace sim {

// A mean across independent replications with its two-sided Student-t
// interval. With one replication (or none) the interval is undefined and
// half_width is NaN.
struct ConfidenceInterval {
  double mean = 0;
  double half_width = 0;
  double low = 0;
  double high = 0;
  std::size_t n = 0;

  bool contains(double x) const { return x >= low && x <= high; }
};

// `level` is the coverage, 0.95 for a 95% interval. Values that are NaN
// (a replication where the metric had no observations) are left out.
ConfidenceInterval confidence_interval(const std::vector<double>& values, double level = 0.95);

// The same for a proportion (each value a share between 0 and 1): a Wilson
// score interval whose sample size is the effective one the replications'
// spread implies, n = p(1 - p) / se² (as survey statistics do with a design
// effect), with the Student-t quantile in place of the normal one. It never
// leaves [0, 1], is not centred on the mean near 0 or 1, and tends to the
// Student-t interval as the replications agree more closely. `mean` is still
// the plain mean; half_width is half the interval's length.
ConfidenceInterval share_interval(const std::vector<double>& values, double level = 0.95);

// Two-sided Student-t quantile t_{1-(1-level)/2, dof}, from Boost.Math.
double student_t_critical(double level, std::size_t dof);

}  // namespace sim
