// Durations fitted from censored records: the Kaplan-Meier curve by hand,
// and the maximum-likelihood fits against their closed forms.
#include "models/fit/survival_fit.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <vector>

#include "sim/distribution.h"
#include "sim/random_stream.h"

namespace {

using models::Family;
using models::SurvivalData;
using models::TimeScale;

std::vector<double> draws(const sim::Distribution& d, std::size_t n, std::uint64_t entity) {
  sim::RandomStream stream(20240401, 0, entity, 1);
  std::vector<double> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(d.sample(stream));
  return out;
}

const models::FamilyFit& family(const models::SurvivalFit& fit, Family f) {
  for (const auto& x : fit.families)
    if (x.family == f) return x;
  FAIL("no fit for " << models::family_name(f));
  return fit.families.front();
}

bool within(const models::Estimate& e, double truth) {
  return e.ci_low <= truth && truth <= e.ci_high;
}

}  // namespace

TEST_CASE("Kaplan-Meier steps at each event, keeping censored times at risk at their time",
          "[fit]") {
  // Events at 1, 2, 2, 4; censored at 2 and 5. The case censored at 2 is
  // still at risk at 2, so the step there is 2 of 5, not 2 of 4.
  SurvivalData d{TimeScale::kExact, {1, 2, 2, 4}, {2, 5}};
  const auto km = models::kaplan_meier(d);
  REQUIRE(km.size() == 3);
  REQUIRE(km[0].time == 1);
  REQUIRE(km[0].at_risk == 6);
  REQUIRE(km[0].events == 1);
  REQUIRE(km[0].survival == Approx(5.0 / 6));
  REQUIRE(km[1].time == 2);
  REQUIRE(km[1].at_risk == 5);
  REQUIRE(km[1].events == 2);
  REQUIRE(km[1].survival == Approx(5.0 / 6 * 3.0 / 5));
  REQUIRE(km[2].time == 4);
  REQUIRE(km[2].at_risk == 2);
  REQUIRE(km[2].survival == Approx(5.0 / 6 * 3.0 / 5 * 1.0 / 2));

  // Greenwood's variance on the log(-log S) scale at the first step.
  const double s = 5.0 / 6, w = 1.959963984540054 * std::sqrt(1.0 / (6 * 5)) / -std::log(s);
  REQUIRE(km[0].ci_low == Approx(std::pow(s, std::exp(w))));
  REQUIRE(km[0].ci_high == Approx(std::pow(s, std::exp(-w))));
  REQUIRE(km[0].ci_low < s);
  REQUIRE(km[0].ci_high > s);
}

TEST_CASE("Kaplan-Meier reaches 0 when the last case at risk ends, with no interval left",
          "[fit]") {
  const auto km = models::kaplan_meier({TimeScale::kExact, {3, 7}, {}});
  REQUIRE(km.back().survival == 0);
  REQUIRE(km.back().ci_low == 0);
  REQUIRE(km.back().ci_high == 0);
}

TEST_CASE("uncensored lognormal: the fit is the mean and standard deviation of the logs",
          "[fit]") {
  const auto t = draws(sim::Distribution::lognormal(4, 0.7), 400, 1);
  double mean = 0, var = 0;
  for (double x : t) mean += std::log(x) / static_cast<double>(t.size());
  for (double x : t) var += std::pow(std::log(x) - mean, 2) / static_cast<double>(t.size());
  const auto fit = models::fit_survival({TimeScale::kExact, t, {}});
  const auto& ln = family(fit, Family::kLognormal);
  REQUIRE(ln.converged);
  REQUIRE(ln.parameters[0].value == Approx(mean).epsilon(1e-6));
  REQUIRE(ln.parameters[1].value == Approx(std::sqrt(var)).epsilon(1e-6));
  // The information for mu is n / sigma^2: its standard error is sigma / sqrt(n).
  REQUIRE(ln.parameters[0].se == Approx(std::sqrt(var / static_cast<double>(t.size()))).epsilon(1e-3));
  REQUIRE(ln.median.value == Approx(std::exp(mean)).epsilon(1e-6));
}

TEST_CASE("censored Weibull: the scale satisfies its closed form given the fitted shape",
          "[fit]") {
  // For a Weibull with shape k, the likelihood is maximised in the scale at
  // (sum of t^k over every case, events and censored, / events)^(1/k): a
  // property of the joint maximum that holds whatever the data.
  const auto t = draws(sim::Distribution::exponential(50), 600, 2);
  SurvivalData d{TimeScale::kExact, {}, {}};
  for (std::size_t i = 0; i < t.size(); ++i) {
    // Censored at 70 days, as if the extract were taken then.
    if (t[i] <= 70) d.events.push_back(t[i]);
    else d.censored.push_back(70);
  }
  REQUIRE(d.censored.size() > 100);
  const auto fit = models::fit_survival(d);
  const auto& w = family(fit, Family::kWeibull);
  REQUIRE(w.converged);
  const double k = w.parameters[0].value;
  double sum = 0;
  for (double x : d.events) sum += std::pow(x, k);
  for (double x : d.censored) sum += std::pow(x, k);
  REQUIRE(w.parameters[1].value ==
          Approx(std::pow(sum / static_cast<double>(d.events.size()), 1 / k)).epsilon(1e-5));

  // The exponential is the Weibull with shape 1, whose censored maximum is
  // closed: rate = events / total time. The Weibull can only do better.
  const double total = std::accumulate(d.events.begin(), d.events.end(), 0.0) +
                       std::accumulate(d.censored.begin(), d.censored.end(), 0.0);
  const double r = static_cast<double>(d.events.size());
  const double exponential_ll = r * std::log(r / total) - r;
  REQUIRE(w.log_likelihood >= exponential_ll - 1e-6);
  REQUIRE(within(w.parameters[0], 1.0));
  REQUIRE(within(w.parameters[1], 50.0));
  // Censoring ignored would have said the mean was under 35 days.
  REQUIRE(std::accumulate(d.events.begin(), d.events.end(), 0.0) / r < 35);
}

TEST_CASE("uncensored gamma: the scale is the mean over the fitted shape", "[fit]") {
  const auto t = draws(sim::Distribution::gamma(2.5, 12), 500, 3);
  const auto fit = models::fit_survival({TimeScale::kExact, t, {}});
  const auto& g = family(fit, Family::kGamma);
  REQUIRE(g.converged);
  const double mean = std::accumulate(t.begin(), t.end(), 0.0) / static_cast<double>(t.size());
  REQUIRE(g.parameters[1].value == Approx(mean / g.parameters[0].value).epsilon(1e-5));
  REQUIRE(within(g.parameters[0], 2.5));
  REQUIRE(within(g.parameters[1], 12.0));
}

TEST_CASE("whole days: same-day ends are observations, and the continuous duration is found",
          "[fit]") {
  // Exponential with a mean of 3 days, started at a random time of day and
  // recorded as whole days between dates: P(0 days) = 1 - 3 (1 - e^-1/3),
  // about one in seven.
  const auto x = draws(sim::Distribution::exponential(3), 3000, 4);
  const auto start = draws(sim::Distribution::uniform(0, 1), 3000, 5);
  SurvivalData d{TimeScale::kWholeDays, {}, {}};
  std::size_t zeros = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    d.events.push_back(std::floor(start[i] + x[i]));
    zeros += d.events.back() == 0;
  }
  REQUIRE(zeros > 400);
  const auto fit = models::fit_survival(d);
  const auto& g = family(fit, Family::kGamma);
  const auto& w = family(fit, Family::kWeibull);
  REQUIRE(within(g.parameters[0], 1.0));
  REQUIRE(within(g.parameters[1], 3.0));
  REQUIRE(within(w.parameters[0], 1.0));
  REQUIRE(within(w.parameters[1], 3.0));
  // The fitted P(D > t) is what the Kaplan-Meier curve of whole days estimates.
  for (const auto& step : fit.km) {
    if (step.time > 10) break;
    REQUIRE(g.survival(step.time, TimeScale::kWholeDays) >= step.ci_low - 0.01);
    REQUIRE(g.survival(step.time, TimeScale::kWholeDays) <= step.ci_high + 0.01);
  }
}

TEST_CASE("AIC prefers the family the data came from when they differ clearly", "[fit]") {
  const auto t = draws(sim::Distribution::lognormal(3, 1.1), 2000, 6);
  const auto fit = models::fit_survival({TimeScale::kExact, t, {}});
  REQUIRE(fit.best);
  REQUIRE(fit.families[*fit.best].family == Family::kLognormal);
  for (const auto& f : fit.families) REQUIRE(f.aic == Approx(4 - 2 * f.log_likelihood));
}

TEST_CASE("too few observed ends give the Kaplan-Meier curve and no fitted distribution",
          "[fit]") {
  const auto fit = models::fit_survival({TimeScale::kWholeDays, {3, 9}, {20, 20, 20}});
  REQUIRE(fit.families.empty());
  REQUIRE(!fit.best);
  REQUIRE(fit.note == "too few observed ends for a fitted distribution");
  REQUIRE(fit.km.size() == 2);
  REQUIRE(fit.n_censored == 3);
}
