#include "models/scenario/caseload.h"

#include <algorithm>
#include <cassert>

namespace models {

double productive_share(double n, double switching_overhead) {
  assert(n >= 1);
  return 1 / (1 + switching_overhead * (n - 1));
}

double progress_rate(double n, const Caseload& caseload) {
  n = std::max(n, 1.0);
  const double r = caseload.reference;
  if (n <= r) return 1;
  return productive_share(n, caseload.switching_overhead) / n /
         (productive_share(r, caseload.switching_overhead) / r);
}

double duration_multiplier(double n, const Caseload& caseload) {
  return 1 / progress_rate(n, caseload);
}

long long case_slots(int officers, const Caseload& caseload) {
  return static_cast<long long>(std::max(officers, 0)) * caseload.cap;
}

double mean_caseload(long long live, int officers, const Caseload& caseload) {
  if (officers <= 0) return caseload.cap;
  return static_cast<double>(live) / officers;
}

}  // namespace models
