#include "models/fit/survival_fit.h"

#include <algorithm>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace models {

namespace {

namespace bm = boost::math;
namespace pol = boost::math::policies;

// NaN or infinity instead of exceptions: the optimiser wanders through
// parameters where a tail underflows, and treats a non-finite likelihood as
// "worse than anything", which is all it needs. No promotion to long double:
// the likelihood is evaluated thousands of times and double is accurate to
// far better than the data.
using Policy = pol::policy<pol::domain_error<pol::ignore_error>, pol::pole_error<pol::ignore_error>,
                           pol::overflow_error<pol::ignore_error>,
                           pol::evaluation_error<pol::ignore_error>, pol::promote_double<false>>;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kZ95 = 1.959963984540054;  // standard normal 97.5th percentile
constexpr double kLogSqrt2Pi = 0.91893853320467274;

using Point = std::array<double, 2>;

// One family at one set of natural parameters: lognormal (mu, sigma),
// gamma (shape, scale), Weibull (shape, scale).
struct Model {
  Family family;
  double a;
  double b;

  static Model from_working(Family f, const Point& u) {
    if (f == Family::kLognormal) return {f, u[0], std::exp(u[1])};
    return {f, std::exp(u[0]), std::exp(u[1])};
  }

  double cdf(double x) const {
    if (x <= 0) return 0;
    switch (family) {
      case Family::kLognormal: return bm::cdf(bm::lognormal_distribution<double, Policy>(a, b), x);
      case Family::kGamma: return bm::gamma_p(a, x / b, Policy());
      case Family::kWeibull: return -std::expm1(-std::pow(x / b, a));
    }
    return kNaN;
  }
  double sf(double x) const {
    if (x <= 0) return 1;
    switch (family) {
      case Family::kLognormal:
        return bm::cdf(bm::complement(bm::lognormal_distribution<double, Policy>(a, b), x));
      case Family::kGamma: return bm::gamma_q(a, x / b, Policy());
      case Family::kWeibull: return std::exp(-std::pow(x / b, a));
    }
    return kNaN;
  }
  double mean() const {
    switch (family) {
      case Family::kLognormal: return std::exp(a + b * b / 2);
      case Family::kGamma: return a * b;
      case Family::kWeibull: return b * bm::tgamma(1 + 1 / a, Policy());
    }
    return kNaN;
  }
  // E[X; X <= x] (lower) or E[X; X > x] (upper), in closed form: each family's
  // partial first moment is its own CDF with a shifted parameter.
  double partial_moment(double x, bool upper) const {
    if (x <= 0) return upper ? mean() : 0;
    switch (family) {
      case Family::kLognormal: {
        const bm::normal_distribution<double, Policy> z;
        const double k = (std::log(x) - a - b * b) / b;
        return mean() * (upper ? bm::cdf(bm::complement(z, k)) : bm::cdf(z, k));
      }
      case Family::kGamma:
        return a * b * (upper ? bm::gamma_q(a + 1, x / b, Policy())
                              : bm::gamma_p(a + 1, x / b, Policy()));
      case Family::kWeibull: {
        const double z = std::pow(x / b, a);
        return mean() * (upper ? bm::gamma_q(1 + 1 / a, z, Policy())
                               : bm::gamma_p(1 + 1 / a, z, Policy()));
      }
    }
    return kNaN;
  }
  // H(x) = integral of the CDF from 0 to x, and R(x) = integral of the
  // survival from x to infinity = E[(X - x)+]. H(x) - R(x) = x - mean, so
  // second differences of either agree; H is accurate where the CDF is
  // small, R where it is large.
  double H(double x) const { return x <= 0 ? 0 : x * cdf(x) - partial_moment(x, false); }
  double R(double x) const { return x < 0 ? mean() - x : partial_moment(x, true) - x * sf(x); }

  // Written out rather than log(pdf): far tails stay finite instead of log 0.
  double log_pdf(double x) const {
    if (x <= 0) return -kInf;
    const double lx = std::log(x);
    switch (family) {
      case Family::kLognormal: {
        const double z = (lx - a) / b;
        return -lx - std::log(b) - kLogSqrt2Pi - z * z / 2;
      }
      case Family::kGamma:
        return (a - 1) * lx - x / b - bm::lgamma(a, Policy()) - a * std::log(b);
      case Family::kWeibull:
        return std::log(a / b) + (a - 1) * (lx - std::log(b)) - std::pow(x / b, a);
    }
    return kNaN;
  }
  double quantile(double p) const {
    switch (family) {
      case Family::kLognormal:
        return bm::quantile(bm::lognormal_distribution<double, Policy>(a, b), p);
      case Family::kGamma: return bm::quantile(bm::gamma_distribution<double, Policy>(a, b), p);
      case Family::kWeibull:
        return bm::quantile(bm::weibull_distribution<double, Policy>(a, b), p);
    }
    return kNaN;
  }

  // log P(D = d) for a whole-day duration.
  double log_prob_days(double d) const {
    double p;
    if (d < 0.5)
      p = H(1);
    else if (cdf(d) <= 0.5)
      p = H(d + 1) - 2 * H(d) + H(d - 1);
    else
      p = R(d + 1) - 2 * R(d) + R(d - 1);
    if (p > 0 && std::isfinite(p)) return std::log(p);
    // A far tail where the second difference is lost to rounding: there the
    // day's averaging is immaterial, and the density is the probability.
    return d >= 1 ? log_pdf(d) : -kInf;
  }
  // log P(D > c) for a whole-day duration.
  double log_sf_days(double c) const {
    if (c < 0) return 0;
    const double p = R(c) - R(c + 1);
    if (p > 0 && std::isfinite(p)) return std::log(p);
    return std::log(sf(c + 0.5));
  }
  double survival(double t, TimeScale scale) const {
    if (scale == TimeScale::kExact) return sf(t);
    const double p = R(t) - R(t + 1);
    return std::isfinite(p) ? std::clamp(p, 0.0, 1.0) : sf(t + 0.5);
  }
};

// Durations with their multiplicities: whole days repeat, and the likelihood
// is evaluated thousands of times.
struct Grouped {
  TimeScale scale;
  std::vector<std::pair<double, double>> events;    // value, count
  std::vector<std::pair<double, double>> censored;  // value, count
};

std::vector<std::pair<double, double>> group(const std::vector<double>& values) {
  std::map<double, double> counts;
  for (double v : values) counts[v] += 1;
  return {counts.begin(), counts.end()};
}

double negative_log_likelihood(const Model& m, const Grouped& g) {
  double sum = 0;
  for (const auto& [t, n] : g.events)
    sum += n * (g.scale == TimeScale::kExact ? m.log_pdf(t) : m.log_prob_days(t));
  for (const auto& [t, n] : g.censored)
    sum += n * (g.scale == TimeScale::kExact ? std::log(m.sf(t)) : m.log_sf_days(t));
  return std::isfinite(sum) ? -sum : kInf;
}

struct Minimum {
  Point x{};
  double f = kInf;
  bool converged = false;
};

// Nelder-Mead on two parameters (standard coefficients: reflection 1,
// expansion 2, contraction and shrink 1/2), restarted from its best point
// until a restart gains nothing, which guards against a simplex that has
// collapsed short of the minimum. Non-finite values simply lose every
// comparison.
template <typename F>
Minimum nelder_mead(const F& f, Point start, Point step) {
  constexpr int kMaxEvaluations = 4000;
  constexpr double kTolerance = 1e-10;
  int evaluations = 0;
  auto eval = [&](const Point& p) {
    ++evaluations;
    return f(p);
  };
  Minimum best{start, eval(start), false};
  if (!std::isfinite(best.f)) return best;
  for (int restart = 0; restart < 6 && evaluations < kMaxEvaluations; ++restart) {
    std::array<Point, 3> x = {best.x, best.x, best.x};
    x[1][0] += step[0];
    x[2][1] += step[1];
    std::array<double, 3> fx = {best.f, eval(x[1]), eval(x[2])};
    bool settled = false;
    while (evaluations < kMaxEvaluations) {
      std::array<int, 3> order = {0, 1, 2};
      std::sort(order.begin(), order.end(), [&](int i, int j) { return fx[i] < fx[j]; });
      const Point lo = x[order[0]], mid = x[order[1]], hi = x[order[2]];
      const double flo = fx[order[0]], fmid = fx[order[1]], fhi = fx[order[2]];
      x = {lo, mid, hi};
      fx = {flo, fmid, fhi};
      const double spread = std::max(std::fabs(x[1][0] - x[0][0]) + std::fabs(x[1][1] - x[0][1]),
                                     std::fabs(x[2][0] - x[0][0]) + std::fabs(x[2][1] - x[0][1]));
      if (std::isfinite(fhi) && fhi - flo <= kTolerance * (1 + std::fabs(flo)) && spread < 1e-6) {
        settled = true;
        break;
      }
      const Point c = {(x[0][0] + x[1][0]) / 2, (x[0][1] + x[1][1]) / 2};
      auto along = [&](double t) {  // c + t (hi - c)
        return Point{c[0] + t * (x[2][0] - c[0]), c[1] + t * (x[2][1] - c[1])};
      };
      const Point xr = along(-1);
      const double fr = eval(xr);
      if (fr < fx[0]) {
        const Point xe = along(-2);
        const double fe = eval(xe);
        if (fe < fr) x[2] = xe, fx[2] = fe;
        else x[2] = xr, fx[2] = fr;
        continue;
      }
      if (fr < fx[1]) {
        x[2] = xr, fx[2] = fr;
        continue;
      }
      const Point xc = fr < fx[2] ? along(-0.5) : along(0.5);
      const double fc = eval(xc);
      if (fc < std::min(fr, fx[2])) {
        x[2] = xc, fx[2] = fc;
        continue;
      }
      for (int i = 1; i < 3; ++i) {
        x[i] = {x[0][0] + (x[i][0] - x[0][0]) / 2, x[0][1] + (x[i][1] - x[0][1]) / 2};
        fx[i] = eval(x[i]);
      }
    }
    const double gain = best.f - fx[0];
    if (fx[0] <= best.f) best.x = x[0], best.f = fx[0];
    best.converged = settled;
    if (settled && gain <= kTolerance * (1 + std::fabs(best.f))) break;
    step = {step[0] / 2, step[1] / 2};
  }
  return best;
}

// Starting values from the observed ends alone (censoring ignored): close
// enough for the simplex, which then finds the censored optimum.
Point start_point(Family f, const SurvivalData& data) {
  double sum_log = 0, sum_log2 = 0, sum = 0, sum2 = 0;
  for (double t : data.events) {
    const double v = std::max(t, 0.5);  // a same-day end is about half a day
    sum_log += std::log(v);
    sum_log2 += std::log(v) * std::log(v);
    sum += v;
    sum2 += v * v;
  }
  const double n = static_cast<double>(data.events.size());
  const double m = sum_log / n;
  const double s = std::max(0.05, std::sqrt(std::max(0.0, sum_log2 / n - m * m)));
  const double mean = sum / n;
  const double var = std::max(sum2 / n - mean * mean, 1e-6 * mean * mean);
  switch (f) {
    case Family::kLognormal: return {m, std::log(s)};
    case Family::kGamma: return {std::log(mean * mean / var), std::log(var / mean)};
    case Family::kWeibull: {
      // The log of a Weibull has standard deviation pi / (shape sqrt 6).
      const double shape = 1.2825 / s;
      return {std::log(shape), m + 0.5772 / shape};
    }
  }
  return {0, 0};
}

using Matrix = std::array<Point, 2>;

// The observed information: the Hessian of the negative log-likelihood by
// central differences. Steps of 1e-3 balance truncation (h^2) against
// rounding (eps |f| / h^2) for likelihoods of up to a million cases.
template <typename F>
Matrix hessian(const F& f, const Point& u, double fu) {
  Point h;
  for (int i = 0; i < 2; ++i) h[i] = 1e-3 * std::max(1.0, std::fabs(u[i]));
  auto at = [&](double di, double dj) { return f(Point{u[0] + di * h[0], u[1] + dj * h[1]}); };
  Matrix m;
  m[0][0] = (at(1, 0) - 2 * fu + at(-1, 0)) / (h[0] * h[0]);
  m[1][1] = (at(0, 1) - 2 * fu + at(0, -1)) / (h[1] * h[1]);
  m[0][1] = m[1][0] = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h[0] * h[1]);
  return m;
}

// The inverse when positive definite, otherwise nothing: a flat or saddle
// direction means the data do not determine that parameter.
std::optional<Matrix> covariance(const Matrix& m) {
  const double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
  if (!(m[0][0] > 0 && det > 0 && std::isfinite(det))) return std::nullopt;
  return Matrix{Point{m[1][1] / det, -m[0][1] / det}, Point{-m[1][0] / det, m[0][0] / det}};
}

Estimate on_working_scale(double value, double se, bool log_scale) {
  if (!std::isfinite(se)) return {log_scale ? std::exp(value) : value, kNaN, kNaN, kNaN};
  if (log_scale)
    return {std::exp(value), std::exp(value - kZ95 * se), std::exp(value + kZ95 * se), se};
  return {value, value - kZ95 * se, value + kZ95 * se, se};
}

// A quantile with its interval, by the delta method on log(quantile).
Estimate quantile_estimate(Family f, const Point& u, const std::optional<Matrix>& cov, double p) {
  auto g = [&](const Point& v) { return std::log(Model::from_working(f, v).quantile(p)); };
  const double value = g(u);
  if (!cov) return on_working_scale(value, kNaN, true);
  Point grad;
  for (int i = 0; i < 2; ++i) {
    const double h = 1e-5 * std::max(1.0, std::fabs(u[i]));
    Point up = u, down = u;
    up[i] += h;
    down[i] -= h;
    grad[i] = (g(up) - g(down)) / (2 * h);
  }
  const auto& c = *cov;
  const double var = grad[0] * grad[0] * c[0][0] + 2 * grad[0] * grad[1] * c[0][1] +
                     grad[1] * grad[1] * c[1][1];
  return on_working_scale(value, var >= 0 ? std::sqrt(var) : kNaN, true);
}

FamilyFit fit_family(Family f, const SurvivalData& data, const Grouped& g) {
  auto nll = [&](const Point& u) { return negative_log_likelihood(Model::from_working(f, u), g); };
  const Minimum m = nelder_mead(nll, start_point(f, data), {0.3, 0.3});
  FamilyFit fit;
  fit.family = f;
  fit.converged = m.converged && std::isfinite(m.f);
  fit.log_likelihood = -m.f;
  fit.aic = 2 * 2 + 2 * m.f;
  fit.parameter_names = f == Family::kLognormal ? std::array<std::string, 2>{"mu", "sigma"}
                                                : std::array<std::string, 2>{"shape", "scale"};
  const auto cov = fit.converged ? covariance(hessian(nll, m.x, m.f)) : std::nullopt;
  for (int i = 0; i < 2; ++i) {
    const double se = cov ? std::sqrt((*cov)[i][i]) : kNaN;
    const bool log_scale = !(f == Family::kLognormal && i == 0);
    fit.parameters[i] = on_working_scale(m.x[i], se, log_scale);
  }
  fit.median = quantile_estimate(f, m.x, cov, 0.5);
  fit.p90 = quantile_estimate(f, m.x, cov, 0.9);
  return fit;
}

Model model_of(const FamilyFit& fit) {
  return {fit.family, fit.parameters[0].value, fit.parameters[1].value};
}

}  // namespace

const char* family_name(Family f) {
  switch (f) {
    case Family::kLognormal: return "lognormal";
    case Family::kGamma: return "gamma";
    case Family::kWeibull: return "weibull";
  }
  return "?";
}

sim::Distribution FamilyFit::distribution() const {
  const double a = parameters[0].value, b = parameters[1].value;
  switch (family) {
    case Family::kLognormal: return sim::Distribution::lognormal(a, b);
    case Family::kGamma: return sim::Distribution::gamma(a, b);
    case Family::kWeibull: return sim::Distribution::weibull(a, b);
  }
  return {};
}

double FamilyFit::survival(double t, TimeScale scale) const {
  return model_of(*this).survival(t, scale);
}

std::vector<KaplanMeierStep> kaplan_meier(const SurvivalData& data) {
  return sim::kaplan_meier(data.events, data.censored);
}

SurvivalFit fit_survival(const SurvivalData& data) {
  SurvivalFit out;
  out.n_observed = data.events.size();
  out.n_censored = data.censored.size();
  out.km = kaplan_meier(data);
  std::vector<double> distinct = data.events;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  if (out.n_observed < kMinObservedForFit) {
    out.note = out.n_observed == 0 ? "no observed ends: only censored times"
                                   : "too few observed ends for a fitted distribution";
    return out;
  }
  if (distinct.size() < 2) {
    out.note = "every observed end is the same: no spread to fit";
    return out;
  }
  const Grouped g{data.scale, group(data.events), group(data.censored)};
  for (Family f : kFamilies) out.families.push_back(fit_family(f, data, g));
  for (std::size_t i = 0; i < out.families.size(); ++i) {
    const auto& f = out.families[i];
    if (!f.converged || !std::isfinite(f.aic)) continue;
    if (!out.best || f.aic < out.families[*out.best].aic) out.best = i;
  }
  if (!out.best) out.note = "no distribution could be fitted";
  return out;
}

}  // namespace models
