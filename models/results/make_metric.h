#pragma once

#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "models/results/run_summary.h"

namespace models {

// A metric of kind `kind` (and `subject`, for kinds that come one per pool,
// stage...), as the catalogue declares it, from each replication's value
// (NaN where a replication could not measure it): the mean with its 95%
// interval (Student t; for shares, Wilson's, so it stays inside [0, 1]), the
// median and 90th percentile of the replications' values. `n` is what the
// figure counts (see Metric).
Metric make_metric(MetricKind kind, std::string_view subject, std::vector<double> values,
                   std::uint64_t n, const DescriptionWords& words = {});

// num / den, NaN when den is 0.
inline double ratio(double num, double den) {
  return den > 0 ? num / den : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace models
