#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/discrete_choice.h"
#include "sim/distribution.h"
#include "sim/random_stream.h"
#include "sim/running_stats.h"

namespace {

using sim::DiscreteChoice;
using sim::Distribution;
using sim::DistributionKind;
using sim::RandomStream;

// Fixed seeds: every test is deterministic and never flakes. Tolerances come
// from the sample's own standard error or from a published critical value,
// and were set before the tests were first run.
constexpr std::uint64_t kSeed = 20240611;

// The smallest uniform a stream returns, and the largest double below 1.
constexpr double kLowestU = 0x1.0p-54;
constexpr double kHighestU = 1 - 0x1.0p-53;

struct Named {
  std::string name;
  Distribution dist;
};

// One of every kind, with shapes on both sides of 1 where that changes the
// density's form.
std::vector<Named> every_kind() {
  return {
      {"fixed", Distribution::fixed(7)},
      {"exponential", Distribution::exponential(3.5)},
      {"lognormal(mu, sigma)", Distribution::lognormal(3.0, 0.8)},
      {"lognormal(median, p90)", Distribution::lognormal_from_median_p90(30, 90)},
      {"gamma shape > 1", Distribution::gamma(2.5, 4)},
      {"gamma shape < 1", Distribution::gamma(0.5, 10)},
      {"weibull shape > 1", Distribution::weibull(1.5, 20)},
      {"weibull shape < 1", Distribution::weibull(0.7, 5)},
      {"triangular", Distribution::triangular(1, 4, 10)},
      {"triangular, mode at min", Distribution::triangular(2, 2, 6)},
      {"uniform", Distribution::uniform(2, 8)},
      {"empirical", Distribution::empirical({13, 3, 5, 40, 5, 8, 21})},
      {"histogram", Distribution::histogram({0, 7, 28, 90, 365}, {10, 30, 40, 20})},
      {"histogram with empty bins",
       Distribution::histogram({0, 1, 2, 4, 8, 16}, {0, 3, 0, 1, 0})},
  };
}

bool is_continuous(const Distribution& d) {
  return d.kind() != DistributionKind::kFixed && d.kind() != DistributionKind::kEmpirical;
}

const std::vector<double> kProbabilities = {kLowestU, 1e-6, 0.01, 0.1,  0.25,  0.5,
                                            0.75,     0.9,  0.99, 0.999, kHighestU};

// Kolmogorov-Smirnov statistic: the largest gap between the empirical CDF of
// `draws` and `d.cdf`.
double ks_statistic(std::vector<double> draws, const Distribution& d) {
  std::sort(draws.begin(), draws.end());
  const double n = static_cast<double>(draws.size());
  double worst = 0;
  for (std::size_t i = 0; i < draws.size(); ++i) {
    const double f = d.cdf(draws[i]);
    worst = std::max(worst, static_cast<double>(i + 1) / n - f);
    worst = std::max(worst, f - static_cast<double>(i) / n);
  }
  return worst;
}

}  // namespace

TEST_CASE("a draw is the quantile of exactly one uniform", "[distribution]") {
  std::uint64_t entity = 0;
  for (const auto& [name, d] : every_kind()) {
    INFO(name);
    RandomStream drawn(kSeed, 0, entity, 1);
    RandomStream raw(kSeed, 0, entity, 1);
    ++entity;
    for (int i = 0; i < 1000; ++i) {
      const auto before = drawn.draws();
      const double x = d.sample(drawn);
      REQUIRE(drawn.draws() == before + 1);
      REQUIRE(x == d.quantile(raw.uniform()));
    }
  }
}

TEST_CASE("every kind's sample mean matches its exact mean", "[distribution]") {
  constexpr int kDraws = 200000;
  std::uint64_t entity = 0;
  for (const auto& [name, d] : every_kind()) {
    INFO(name << ": exact mean " << d.mean());
    RandomStream s(kSeed, 1, entity++, 2);
    sim::RunningStats stats;
    for (int i = 0; i < kDraws; ++i) stats.add(d.sample(s));
    const double standard_error = stats.stddev() / std::sqrt(static_cast<double>(kDraws));
    INFO("sample mean " << stats.mean() << ", standard error " << standard_error);
    REQUIRE(std::abs(stats.mean() - d.mean()) <= 4 * standard_error);
  }
}

TEST_CASE("exact means have their closed forms", "[distribution]") {
  REQUIRE(Distribution().mean() == 0);
  REQUIRE(Distribution::exponential(3.5).mean() == 3.5);
  REQUIRE(Distribution::lognormal(3.0, 0.8).mean() == Approx(std::exp(3.0 + 0.32)));
  REQUIRE(Distribution::gamma(2.5, 4).mean() == Approx(10));
  REQUIRE(Distribution::weibull(1, 20).mean() == Approx(20));  // shape 1 is exponential
  REQUIRE(Distribution::weibull(2, 1).mean() == Approx(std::sqrt(std::numbers::pi) / 2));
  REQUIRE(Distribution::triangular(1, 4, 10).mean() == Approx(5));
  REQUIRE(Distribution::uniform(2, 8).mean() == Approx(5));
  REQUIRE(Distribution::empirical({1, 2, 6}).mean() == Approx(3));
  // Bins' midpoints 5 and 15 with weights 1 and 3.
  REQUIRE(Distribution::histogram({0, 10, 20}, {1, 3}).mean() == Approx(12.5));
}

TEST_CASE("quantile inverts cdf", "[distribution]") {
  for (const auto& [name, d] : every_kind()) {
    if (!is_continuous(d)) continue;
    INFO(name);
    for (double p : {0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999}) {
      INFO("p = " << p);
      const double x = d.quantile(p);
      REQUIRE(d.cdf(x) == Approx(p).margin(1e-12).epsilon(1e-9));
      REQUIRE(d.quantile(d.cdf(x)) == Approx(x).margin(1e-12).epsilon(1e-9));
    }
  }
}

TEST_CASE("an empirical distribution resamples exactly the observed values", "[distribution]") {
  const std::vector<double> observed = {13, 3, 5, 40, 5, 8, 21};
  const auto d = Distribution::empirical(observed);
  for (double v : observed) REQUIRE(d.quantile(d.cdf(v)) == v);
  REQUIRE(d.cdf(5) == Approx(3.0 / 7));  // 3, 5, 5
  REQUIRE(d.cdf(4.9) == Approx(1.0 / 7));
  REQUIRE(d.cdf(2) == 0);
  REQUIRE(d.cdf(40) == 1);
  REQUIRE(d.quantile(0) == 3);
  REQUIRE(d.quantile(1) == 40);
  // The step function's inverse: each value owns a slice of width 1/7.
  REQUIRE(d.quantile(1.0 / 7) == 3);
  REQUIRE(d.quantile(1.0 / 7 + 1e-9) == 5);
  REQUIRE(d.quantile(3.0 / 7) == 5);
  REQUIRE(d.quantile(3.0 / 7 + 1e-9) == 8);

  RandomStream s(kSeed, 2, 0, 3);
  for (int i = 0; i < 10000; ++i) {
    const double x = d.sample(s);
    REQUIRE(std::find(observed.begin(), observed.end(), x) != observed.end());
  }
}

TEST_CASE("a histogram is uniform within its bins", "[distribution]") {
  const auto d = Distribution::histogram({0, 10, 20, 40}, {1, 0, 3});
  REQUIRE(d.kind() == DistributionKind::kEmpirical);
  REQUIRE(d.cdf(0) == 0);
  REQUIRE(d.cdf(5) == Approx(0.125));
  REQUIRE(d.cdf(15) == Approx(0.25));  // the empty bin is flat
  REQUIRE(d.cdf(30) == Approx(0.625));
  REQUIRE(d.cdf(40) == 1);
  REQUIRE(d.quantile(0.125) == Approx(5));
  REQUIRE(d.quantile(0.25) == Approx(10));  // never inside the empty bin
  REQUIRE(d.quantile(0.25 + 1e-12) == Approx(20));
  REQUIRE(d.quantile(1) == 40);

  // Empty bins at the ends do not widen the support.
  const auto trimmed = Distribution::histogram({0, 1, 2, 3, 4}, {0, 1, 1, 0});
  REQUIRE(trimmed.quantile(0) == 1);
  REQUIRE(trimmed.quantile(1) == 3);
  REQUIRE(trimmed.describe() == "histogram(2 bins, 1 to 3)");
}

TEST_CASE("lognormal_from_median_p90 reproduces its median and p90", "[distribution]") {
  for (const auto& [median, p90] : std::vector<std::pair<double, double>>{
           {30, 90}, {3.5, 4}, {200, 1500}, {0.25, 0.3}, {1e-3, 1e3}}) {
    INFO("median " << median << ", p90 " << p90);
    const auto d = Distribution::lognormal_from_median_p90(median, p90);
    REQUIRE(d.quantile(0.5) == median);
    REQUIRE(d.quantile(0.9) == Approx(p90).epsilon(1e-12));
    REQUIRE(d.cdf(median) == Approx(0.5).epsilon(1e-12));
    REQUIRE(d.cdf(p90) == Approx(0.9).epsilon(1e-12));
  }
  // The (mu, sigma) form: the median is e^mu and z_0.9 = 1.2815515655446004.
  const auto d = Distribution::lognormal(std::log(30.0), 0.5);
  REQUIRE(d.quantile(0.5) == Approx(30).epsilon(1e-15));
  REQUIRE(d.quantile(0.9) == Approx(30 * std::exp(0.5 * 1.2815515655446004)).epsilon(1e-13));
}

TEST_CASE("gamma and Weibull draws pass a Kolmogorov-Smirnov test", "[distribution]") {
  constexpr int kDraws = 20000;
  // The 1% critical value of the KS statistic for large n.
  const double critical = 1.63 / std::sqrt(static_cast<double>(kDraws));
  const std::vector<Named> cases = {
      {"gamma(2.5, 4)", Distribution::gamma(2.5, 4)},
      {"gamma(0.5, 10)", Distribution::gamma(0.5, 10)},
      {"weibull(1.5, 20)", Distribution::weibull(1.5, 20)},
      {"weibull(0.7, 5)", Distribution::weibull(0.7, 5)},
      {"lognormal(median 30, p90 90)", Distribution::lognormal_from_median_p90(30, 90)},
  };
  std::uint64_t entity = 0;
  for (const auto& [name, d] : cases) {
    RandomStream s(kSeed, 3, entity++, 4);
    std::vector<double> draws(kDraws);
    for (double& x : draws) x = d.sample(s);
    const double ks = ks_statistic(draws, d);
    INFO(name << ": D = " << ks << ", critical value " << critical);
    REQUIRE(ks < critical);
  }
}

TEST_CASE("quantile is non-decreasing and finite inside (0, 1)", "[distribution]") {
  for (const auto& [name, d] : every_kind()) {
    INFO(name);
    double previous = -std::numeric_limits<double>::infinity();
    for (double p : kProbabilities) {
      INFO("p = " << p);
      const double x = d.quantile(p);
      REQUIRE(std::isfinite(x));
      REQUIRE(x >= previous);
      previous = x;
    }
    // A fine grid catches a step down at a branch or bin boundary.
    previous = d.quantile(0);
    for (int i = 1; i <= 100000; ++i) {
      const double x = d.quantile(i / 100000.0);
      REQUIRE(x >= previous);
      previous = x;
    }
  }
  REQUIRE(Distribution::exponential(2).quantile(0) == 0);
  REQUIRE(std::isinf(Distribution::exponential(2).quantile(1)));
  REQUIRE(std::isinf(Distribution::gamma(2, 2).quantile(1)));
  REQUIRE(Distribution::uniform(2, 8).quantile(0) == 2);
}

TEST_CASE("one stream ranks draws alike under any parameters (common random numbers)",
          "[distribution]") {
  // A baseline duration and the same duration under three policies, one of
  // which also changes its family. Sampling each from an identically named
  // stream must rank the cases identically.
  const Distribution baseline = Distribution::lognormal_from_median_p90(30, 90);
  const std::vector<Distribution> policies = {
      Distribution::lognormal_from_median_p90(20, 120),
      Distribution::gamma(2.5, 4),
      Distribution::weibull(0.7, 5).scaled(3),
  };
  constexpr int kDraws = 5000;
  std::vector<double> base(kDraws);
  RandomStream s(kSeed, 4, 0, 5);
  for (double& x : base) x = baseline.sample(s);
  std::vector<std::size_t> order(kDraws);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return base[a] < base[b]; });

  for (const auto& policy : policies) {
    INFO(policy.describe());
    RandomStream same(kSeed, 4, 0, 5);
    std::vector<double> shifted(kDraws);
    for (double& x : shifted) x = policy.sample(same);
    for (std::size_t i = 1; i < order.size(); ++i)
      REQUIRE(shifted[order[i - 1]] <= shifted[order[i]]);
  }
}

TEST_CASE("scaled(2) doubles the mean and every quantile", "[distribution]") {
  for (const auto& [name, d] : every_kind()) {
    INFO(name);
    const Distribution twice = d.scaled(2);
    REQUIRE(twice.kind() == d.kind());
    REQUIRE(twice.mean() == Approx(2 * d.mean()).epsilon(1e-12));
    for (double p : kProbabilities) {
      INFO("p = " << p);
      REQUIRE(twice.quantile(p) == Approx(2 * d.quantile(p)).epsilon(1e-12));
    }
    const double x = d.quantile(0.3);
    REQUIRE(twice.cdf(2 * x) == Approx(d.cdf(x)).epsilon(1e-12));
  }
  REQUIRE(Distribution::lognormal_from_median_p90(30, 90).scaled(0.5).describe() ==
          "lognormal(median 15, p90 45)");
}

TEST_CASE("describe names the family and its parameters", "[distribution]") {
  REQUIRE(Distribution().describe() == "fixed(0)");
  REQUIRE(Distribution::fixed(14).describe() == "fixed(14)");
  REQUIRE(Distribution::exponential(3.5).describe() == "exponential(mean 3.5)");
  REQUIRE(Distribution::lognormal_from_median_p90(30, 90).describe() ==
          "lognormal(median 30, p90 90)");
  REQUIRE(Distribution::gamma(2.5, 4).describe() == "gamma(shape 2.5, scale 4)");
  REQUIRE(Distribution::weibull(1.5, 20).describe() == "weibull(shape 1.5, scale 20)");
  REQUIRE(Distribution::triangular(1, 4, 10).describe() == "triangular(min 1, mode 4, max 10)");
  REQUIRE(Distribution::uniform(2, 8).describe() == "uniform(min 2, max 8)");
  REQUIRE(Distribution::empirical({5, 1, 9}).describe() == "empirical(3 values, 1 to 9)");
  REQUIRE(Distribution::histogram({0, 7, 28, 90}, {1, 2, 3}).describe() ==
          "histogram(3 bins, 0 to 90)");
}

TEST_CASE("degenerate but valid parameters behave as a point", "[distribution]") {
  const auto tri = Distribution::triangular(5, 5, 5);
  const auto uni = Distribution::uniform(5, 5);
  for (const auto& d : {tri, uni}) {
    for (double p : kProbabilities) REQUIRE(d.quantile(p) == 5);
    REQUIRE(d.mean() == 5);
    REQUIRE(d.cdf(4.999) == 0);
    REQUIRE(d.cdf(5) == 1);
  }
  const auto one = Distribution::empirical({42});
  REQUIRE(one.quantile(kLowestU) == 42);
  REQUIRE(one.quantile(kHighestU) == 42);
}

TEST_CASE("discrete choice frequencies match the weights", "[distribution]") {
  const DiscreteChoice choice({1, 0, 2, 7, 0});
  REQUIRE(choice.size() == 5);
  REQUIRE(choice.probability(0) == Approx(0.1));
  REQUIRE(choice.probability(1) == 0);
  REQUIRE(choice.probability(3) == Approx(0.7));

  constexpr int kDraws = 200000;
  std::vector<int> counts(choice.size(), 0);
  RandomStream s(kSeed, 5, 0, 6);
  for (int i = 0; i < kDraws; ++i) ++counts[choice.sample(s)];
  for (std::size_t i = 0; i < choice.size(); ++i) {
    const double p = choice.probability(i);
    const double frequency = counts[i] / static_cast<double>(kDraws);
    const double standard_error = std::sqrt(p * (1 - p) / kDraws);
    INFO("outcome " << i << ": frequency " << frequency << ", probability " << p);
    if (p == 0) {
      REQUIRE(counts[i] == 0);
    } else {
      REQUIRE(std::abs(frequency - p) <= 4 * standard_error);
    }
  }
}

TEST_CASE("discrete choice inverts a cumulative table", "[distribution]") {
  const DiscreteChoice choice({1, 0, 2, 7, 0});  // cumulative 0.1 0.1 0.3 1 1
  REQUIRE(choice.pick(0) == 0);
  REQUIRE(choice.pick(0.0999) == 0);
  REQUIRE(choice.pick(0.1) == 2);  // never the zero-weight outcome 1
  REQUIRE(choice.pick(0.2999) == 2);
  REQUIRE(choice.pick(0.3) == 3);
  REQUIRE(choice.pick(kHighestU) == 3);
  REQUIRE(choice.pick(1) == 3);  // never the zero-weight outcome 4

  // Monotone in u, so moving weight changes only the cases in the moved slice.
  std::size_t previous = 0;
  for (int i = 0; i <= 10000; ++i) {
    const std::size_t k = choice.pick(i / 10000.0);
    REQUIRE(k >= previous);
    previous = k;
  }

  RandomStream drawn(kSeed, 5, 1, 7);
  RandomStream raw(kSeed, 5, 1, 7);
  for (int i = 0; i < 1000; ++i) REQUIRE(choice.sample(drawn) == choice.pick(raw.uniform()));
  REQUIRE(drawn.draws() == 1000);

  // Weights need not sum to 1, and rounding never leaks past the last outcome.
  const DiscreteChoice thirds({1, 1, 1, 0});
  REQUIRE(thirds.probability(2) == Approx(1.0 / 3));
  REQUIRE(thirds.pick(kHighestU) == 2);
}

TEST_CASE("invalid parameters are rejected with a reason", "[distribution]") {
  using Catch::Contains;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();

  REQUIRE_THROWS_AS(Distribution::exponential(-2), std::invalid_argument);
  REQUIRE_THROWS_WITH(Distribution::exponential(-2),
                      Contains("exponential mean must be > 0, got -2"));
  REQUIRE_THROWS_WITH(Distribution::exponential(0), Contains("exponential mean must be > 0"));
  REQUIRE_THROWS_WITH(Distribution::exponential(nan), Contains("exponential mean must be > 0"));
  REQUIRE_THROWS_WITH(Distribution::exponential(inf), Contains("exponential mean must be > 0"));

  REQUIRE_THROWS_WITH(Distribution::fixed(nan), Contains("fixed value must be finite"));
  REQUIRE_THROWS_WITH(Distribution::fixed(inf), Contains("fixed value must be finite"));

  REQUIRE_THROWS_WITH(Distribution::lognormal(1, 0), Contains("lognormal sigma must be > 0"));
  REQUIRE_THROWS_WITH(Distribution::lognormal(1, -1), Contains("lognormal sigma must be > 0"));
  REQUIRE_THROWS_WITH(Distribution::lognormal(nan, 1), Contains("lognormal mu must be finite"));
  REQUIRE_THROWS_WITH(Distribution::lognormal(1000, 1),
                      Contains("lognormal mu must give a positive, finite median"));

  REQUIRE_THROWS_WITH(Distribution::lognormal_from_median_p90(30, 20),
                      Contains("lognormal p90 must be greater than the median"));
  REQUIRE_THROWS_WITH(Distribution::lognormal_from_median_p90(30, 30),
                      Contains("lognormal p90 must be greater than the median"));
  REQUIRE_THROWS_WITH(Distribution::lognormal_from_median_p90(0, 30),
                      Contains("lognormal median must be > 0"));
  REQUIRE_THROWS_WITH(Distribution::lognormal_from_median_p90(30, nan),
                      Contains("lognormal p90 must be finite"));
  REQUIRE_THROWS_WITH(Distribution::lognormal_from_median_p90(30, inf),
                      Contains("lognormal p90 must be finite"));

  REQUIRE_THROWS_WITH(Distribution::gamma(0, 1), Contains("gamma shape must be > 0, got 0"));
  REQUIRE_THROWS_WITH(Distribution::gamma(1, -3), Contains("gamma scale must be > 0, got -3"));
  REQUIRE_THROWS_WITH(Distribution::weibull(-1, 1), Contains("weibull shape must be > 0"));
  REQUIRE_THROWS_WITH(Distribution::weibull(1, nan), Contains("weibull scale must be > 0"));

  REQUIRE_THROWS_WITH(Distribution::triangular(1, 0.5, 3),
                      Contains("triangular needs min <= mode <= max"));
  REQUIRE_THROWS_WITH(Distribution::triangular(1, 4, 3),
                      Contains("triangular needs min <= mode <= max"));
  REQUIRE_THROWS_WITH(Distribution::triangular(1, nan, 3),
                      Contains("triangular mode must be finite"));

  REQUIRE_THROWS_WITH(Distribution::uniform(5, 2), Contains("uniform needs min <= max"));
  REQUIRE_THROWS_WITH(Distribution::uniform(-inf, 2), Contains("uniform min must be finite"));

  REQUIRE_THROWS_WITH(Distribution::empirical({}), Contains("empirical needs at least one value"));
  REQUIRE_THROWS_WITH(Distribution::empirical({1, nan}),
                      Contains("empirical values must be finite"));

  const std::string histogram_rule =
      "histogram needs one more edge than weights, edges increasing, weights >= 0 with a positive "
      "sum";
  REQUIRE_THROWS_WITH(Distribution::histogram({0, 1, 2}, {1, 1, 1}), Contains(histogram_rule));
  REQUIRE_THROWS_WITH(Distribution::histogram({0}, {}), Contains(histogram_rule));
  REQUIRE_THROWS_WITH(Distribution::histogram({0, 2, 1}, {1, 1}), Contains(histogram_rule));
  REQUIRE_THROWS_WITH(Distribution::histogram({0, 1, 1}, {1, 1}), Contains(histogram_rule));
  REQUIRE_THROWS_WITH(Distribution::histogram({0, 1, 2}, {1, -1}), Contains(histogram_rule));
  REQUIRE_THROWS_WITH(Distribution::histogram({0, 1, 2}, {0, 0}), Contains(histogram_rule));
  REQUIRE_THROWS_WITH(Distribution::histogram({0, nan, 2}, {1, 1}), Contains(histogram_rule));
  REQUIRE_THROWS_WITH(Distribution::histogram({0, 1, 2}, {1, inf}), Contains(histogram_rule));

  REQUIRE_THROWS_WITH(Distribution::exponential(1).scaled(0),
                      Contains("scale factor must be > 0"));
  REQUIRE_THROWS_WITH(Distribution::exponential(1).scaled(-2),
                      Contains("scale factor must be > 0"));

  REQUIRE_THROWS_AS(DiscreteChoice({}), std::invalid_argument);
  REQUIRE_THROWS_WITH(DiscreteChoice({}), Contains("discrete choice needs at least one weight"));
  REQUIRE_THROWS_WITH(DiscreteChoice({1, -1}), Contains("weights must be >= 0"));
  REQUIRE_THROWS_WITH(DiscreteChoice({1, nan}), Contains("weights must be >= 0"));
  REQUIRE_THROWS_WITH(DiscreteChoice({0, 0}), Contains("positive, finite sum"));
}
