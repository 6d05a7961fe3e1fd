#include "models/analysis/stage_exit.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace models {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kTolerance = 1e-12;

// phi(x) = 1 - (1 + x) e^-x, so that E[X; X < d] = phi(h d) / h for a fixed
// d. The direct formula loses most digits for small x, where the two terms
// nearly cancel; there the Taylor series sum_{n>=2} (-1)^n (n-1) x^n / n! is
// used, truncated after x^10 (relative error < 1e-18 below 0.05).
double phi(double x) {
  if (std::isinf(x)) return 1;
  if (x < 0.05) {
    double sum = 0;
    double term = 1;  // x^n / n!, built up from n = 0
    for (int n = 1; n <= 10; ++n) {
      term *= x / n;
      if (n >= 2) sum += ((n % 2 == 0) ? 1 : -1) * (n - 1) * term;
    }
    return sum;
  }
  return -std::expm1(-x) - x * std::exp(-x);
}

// The three integrands at one duration x (possibly +infinity, the end of an
// unbounded quantile), each bounded so that quadrature never sees inf or NaN.
struct Integrands {
  double h;
  double withdrawn(double x) const { return std::isinf(x) ? 1 : -std::expm1(-h * x); }
  double finished_time(double x) const { return std::isinf(x) ? 0 : x * std::exp(-h * x); }
  double withdrawn_time(double x) const { return phi(h * x) / h; }
};

StageExit at_point(const Integrands& f, double x) {
  return {f.withdrawn(x), f.finished_time(x), f.withdrawn_time(x), 0};
}

// An observed-values table: the quantile is a step function, and
// stepping from each value's cdf to just above it visits every distinct
// value once, with its exact probability.
StageExit over_atoms(const sim::Distribution& d, const Integrands& f) {
  StageExit e;
  double x = d.quantile(0);
  double below = 0;
  while (true) {
    const double at_most = d.cdf(x);
    const double p = at_most - below;
    e.withdrawal_probability += p * f.withdrawn(x);
    e.finished_days += p * f.finished_time(x);
    e.withdrawn_days += p * f.withdrawn_time(x);
    if (at_most >= 1) break;
    below = at_most;
    x = d.quantile(std::nextafter(at_most, 1.0));
  }
  return e;
}

// A piece of the quantile function, linear from (u0, x0) to (u1, x1).
struct Piece {
  double u0, u1, x0, x1;
};

// Bisects [u0, u1] until the quantile is linear within rounding on each
// part. The tolerance allows for the quantile's own rounding, which a steep
// piece (a narrow bin of low weight) amplifies by its slope; a real kink
// moves the curve by a sizeable fraction of its range. A jump (a bin of
// weight 0) never becomes linear and is cut down to a sliver of width
// 1e-13, whose contribution is negligible however it is integrated.
void split_linear(const sim::Distribution& d, const Piece& p, int depth, std::vector<Piece>& out) {
  const double width = p.u1 - p.u0;
  const double range = std::abs(p.x1 - p.x0);
  const double eps = std::numeric_limits<double>::epsilon();
  const double tolerance =
      1e-10 * range + 64 * eps * (std::abs(p.x0) + std::abs(p.x1) + range / width);
  bool linear = true;
  // Gauss-Legendre-like positions, so a knot at a dyadic u cannot hide.
  for (double t : {0.2113248654051871, 0.5, 0.7886751345948129}) {
    const double x = d.quantile(p.u0 + t * width);
    if (!(std::abs(x - (p.x0 + t * (p.x1 - p.x0))) <= tolerance)) {
      linear = false;
      break;
    }
  }
  if (linear || width < 1e-13 || depth > 60) {
    out.push_back(p);
    return;
  }
  const double um = p.u0 + width / 2;
  const double xm = d.quantile(um);
  split_linear(d, {p.u0, um, p.x0, xm}, depth + 1, out);
  split_linear(d, {um, p.u1, xm, p.x1}, depth + 1, out);
}

class Quadrature {
 public:
  // Integral over (0, 1) of g(x(t)); records the relative error estimate.
  template <class G>
  double integrate(G g) {
    double error = 0;
    double l1 = 0;
    const double value = tanh_sinh_.integrate(g, 0.0, 1.0, kTolerance, &error, &l1);
    if (l1 > 0) worst_ = std::max(worst_, error / l1);
    return value;
  }
  double worst() const { return worst_; }

 private:
  boost::math::quadrature::tanh_sinh<double> tanh_sinh_;
  double worst_ = 0;
};

// Adds width * integral of the three integrands over t in (0, 1) with the
// duration given by x(t).
template <class X>
void add_integrals(Quadrature& q, const Integrands& f, double width, X x, StageExit& e) {
  e.withdrawal_probability += width * q.integrate([&](double t) { return f.withdrawn(x(t)); });
  e.finished_days += width * q.integrate([&](double t) { return f.finished_time(x(t)); });
  e.withdrawn_days += width * q.integrate([&](double t) { return f.withdrawn_time(x(t)); });
}

}  // namespace

double StageExit::mean_days_if_finished() const {
  const double p = finish_probability();
  return p > 0 ? finished_days / p : kNaN;
}

double StageExit::mean_days_if_withdrawn() const {
  return withdrawal_probability > 0 ? withdrawn_days / withdrawal_probability : kNaN;
}

StageExit stage_exit(const sim::Distribution& duration, double hazard_per_day) {
  if (!(hazard_per_day >= 0) || !std::isfinite(hazard_per_day))
    throw std::invalid_argument(
        fmt::format("withdrawal hazard must be finite and >= 0, got {} per day", hazard_per_day));
  if (hazard_per_day == 0) return {0, duration.mean(), 0, 0};
  const Integrands f{hazard_per_day};
  switch (duration.kind()) {
    case sim::DistributionKind::kFixed:
      return at_point(f, duration.mean());
    case sim::DistributionKind::kExponential: {
      // With D ~ Exp(mean m): E[e^-hD] = 1/(1+hm), E[D e^-hD] = m/(1+hm)^2,
      // E[min(D, X)] = m/(1+hm).
      const double m = duration.mean();
      const double hm = hazard_per_day * m;
      return {hm / (1 + hm), m / ((1 + hm) * (1 + hm)), m * hm / ((1 + hm) * (1 + hm)), 0};
    }
    case sim::DistributionKind::kEmpirical:
      // Both data-table kinds report kEmpirical; only the resampling one has
      // an atom at its minimum (a histogram's cdf is 0 at its lowest edge).
      if (duration.cdf(duration.quantile(0)) > 0) return over_atoms(duration, f);
      {
        std::vector<Piece> pieces;
        split_linear(duration, {0, 1, duration.quantile(0), duration.quantile(1)}, 0, pieces);
        Quadrature q;
        StageExit e;
        for (const Piece& p : pieces)
          add_integrals(
              q, f, p.u1 - p.u0, [&p](double t) { return p.x0 + t * (p.x1 - p.x0); }, e);
        e.error_estimate = q.worst();
        return e;
      }
    default: {
      Quadrature q;
      StageExit e;
      add_integrals(
          q, f, 1.0, [&duration](double u) { return duration.quantile(u); }, e);
      e.error_estimate = q.worst();
      return e;
    }
  }
}

}  // namespace models
