#include "models/analysis/markov_analysis.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/analysis/stage_exit.h"
#include "tests/pathway_builder.h"

namespace {

using casesim_test::case_type;
using casesim_test::decision;
using casesim_test::delay;
using casesim_test::marked;
using casesim_test::pathway;
using casesim_test::terminal;
using casesim_test::to;
using casesim_test::to_by_type;
using casesim_test::work;
using models::analyse;
using models::Milestone;
using models::stage_exit;
using sim::Distribution;

constexpr double kDaysPerYear = 365.25;

Approx within(double expected, double margin = 1e-9) {
  return Approx(expected).epsilon(0).margin(margin);
}

std::size_t index_of(const models::MarkovResult& r, const std::string& outcome) {
  for (std::size_t k = 0; k < r.outcomes.size(); ++k)
    if (r.outcomes[k] == outcome) return k;
  FAIL("no outcome " << outcome);
  return 0;
}

double probability(const models::MarkovResult& r, const std::string& outcome) {
  return r.outcome_probability[index_of(r, outcome)];
}

double mean_days(const models::MarkovResult& r, const std::string& outcome) {
  return r.mean_days_to_outcome[index_of(r, outcome)];
}

std::size_t at(Milestone m) {
  return static_cast<std::size_t>(m);
}

// investigation (Exp(mean m), withdrawal hazard) -> decision:
//   half -> awaiting_trial (Exp(mean 50), milestone charge) -> convicted
//   half -> police_nfa
models::Scenario exponential_chain(double m, double withdrawal_per_year) {
  return pathway({
      marked(work("investigation", Distribution::exponential(m), {to(1)}, withdrawal_per_year),
             Milestone::kReferral),                           // 0
      decision("charge_decision", {to(2, 0.5), to(3, 0.5)}),  // 1
      marked(delay("awaiting_trial", Distribution::exponential(50), {to(4)}),
             Milestone::kCharge),            // 2
      terminal("police_nfa", "police_nfa"),  // 3
      terminal("convicted", "convicted"),    // 4
  });
}

}  // namespace

TEST_CASE("an exponential chain matches the closed forms", "[markov]") {
  const double m = 100;
  const double per_year = 0.73;
  const double h = per_year / kDaysPerYear;
  const auto r = analyse(exponential_chain(m, per_year));

  // Competing exponentials: P(withdraw first) = hm / (1 + hm), and the time
  // to the first of them, mean m / (1 + hm), is independent of which it was.
  const double q = h * m / (1 + h * m);
  const double stay = m / (1 + h * m);
  CHECK(r.outcomes == std::vector<std::string>{"convicted", "police_nfa", "victim_withdrawal"});
  CHECK(probability(r, "victim_withdrawal") == within(q));
  CHECK(probability(r, "police_nfa") == within((1 - q) / 2));
  CHECK(probability(r, "convicted") == within((1 - q) / 2));
  CHECK(mean_days(r, "victim_withdrawal") == within(stay));
  CHECK(mean_days(r, "police_nfa") == within(stay));
  CHECK(mean_days(r, "convicted") == within(stay + 50));
  CHECK(r.mean_days_to_completion == within(stay + 25 * (1 - q)));
  CHECK(r.warning.empty());

  CHECK(r.expected_visits[0] == within(1));
  CHECK(r.expected_visits[1] == within(1 - q));
  CHECK(r.expected_visits[2] == within((1 - q) / 2));
  CHECK(r.expected_visits[3] == within((1 - q) / 2));
  CHECK(r.expected_visits[4] == within((1 - q) / 2));

  REQUIRE(r.milestone_probability.size() == models::kMilestoneCount);
  CHECK(*r.milestone_probability[at(Milestone::kReport)] == 1);
  CHECK(*r.milestone_mean_days[at(Milestone::kReport)] == 0);
  CHECK(*r.milestone_probability[at(Milestone::kReferral)] == within(1));
  CHECK(*r.milestone_mean_days[at(Milestone::kReferral)] == within(0));
  CHECK(*r.milestone_probability[at(Milestone::kCharge)] == within((1 - q) / 2));
  CHECK(*r.milestone_mean_days[at(Milestone::kCharge)] == within(stay));
  CHECK_FALSE(r.milestone_probability[at(Milestone::kFirstHearing)].has_value());
  CHECK_FALSE(r.milestone_mean_days[at(Milestone::kFirstHearing)].has_value());
  CHECK(*r.milestone_probability[at(Milestone::kCompletion)] == 1);
  CHECK(*r.milestone_mean_days[at(Milestone::kCompletion)] == within(r.mean_days_to_completion));
}

TEST_CASE("without withdrawal, outcome times are sums of means", "[markov]") {
  const auto r = analyse(exponential_chain(100, 0));
  CHECK(probability(r, "victim_withdrawal") == 0);
  CHECK(std::isnan(mean_days(r, "victim_withdrawal")));
  CHECK(probability(r, "convicted") == within(0.5));
  CHECK(mean_days(r, "convicted") == within(150));
  CHECK(mean_days(r, "police_nfa") == within(100));
  CHECK(r.mean_days_to_completion == within(125));
}

TEST_CASE("an action-plan loop gives geometric visits", "[markov]") {
  // investigation -> review: p back to investigation, 1 - p to NFA. The
  // duration need not be exponential: without withdrawal only means matter.
  const double p = 0.6;
  auto s = pathway({
      delay("report_delay", Distribution::fixed(5), {to(1)}),  // 0
      marked(work("investigation", Distribution::gamma(2.5, 12), {to(2)}),
             Milestone::kReferral),                  // 1
      decision("review", {to(1, p), to(3, 1 - p)}),  // 2
      terminal("police_nfa", "police_nfa"),          // 3
  });
  const auto r = analyse(s);
  CHECK(r.expected_visits[0] == within(1));
  CHECK(r.expected_visits[1] == within(1 / (1 - p)));
  CHECK(r.expected_visits[2] == within(1 / (1 - p)));
  CHECK(r.expected_visits[3] == within(1));
  CHECK(probability(r, "police_nfa") == within(1));
  CHECK(r.mean_days_to_completion == within(5 + 30 / (1 - p)));
  // The milestone is the first entry, however often the stage is re-entered.
  CHECK(*r.milestone_probability[at(Milestone::kReferral)] == within(1));
  CHECK(*r.milestone_mean_days[at(Milestone::kReferral)] == within(5));
}

TEST_CASE("a loop with withdrawal: each pass risks it again", "[markov]") {
  // One exponential stage looped with probability p: cases leave by
  // withdrawal with probability q per pass, so
  //   P(withdrawn) = q / (q + (1 - q)(1 - p)).
  const double p = 0.5, m = 40, per_year = 1.5;
  const double hm = per_year / kDaysPerYear * m;
  const double q = hm / (1 + hm);
  auto s = pathway({
      work("investigation", Distribution::exponential(m), {to(1)}, per_year),
      decision("review", {to(0, p), to(2, 1 - p)}),
      terminal("police_nfa", "police_nfa"),
  });
  const auto r = analyse(s);
  const double leave = q + (1 - q) * (1 - p);
  CHECK(probability(r, "victim_withdrawal") == within(q / leave));
  CHECK(r.expected_visits[0] == within(1 / leave));
  // Every pass lasts m / (1 + hm) on average, whatever ends it or the case.
  CHECK(r.mean_days_to_completion == within(m / (1 + hm) / leave));
  CHECK(mean_days(r, "police_nfa") == within(m / (1 + hm) / leave));
}

TEST_CASE("a fixed duration with withdrawal matches 1 - exp(-hD)", "[markov]") {
  const double d = 200, per_year = 0.5;
  const double h = per_year / kDaysPerYear;
  auto s = pathway({
      delay("awaiting_trial", Distribution::fixed(d), {to(1)}, per_year),
      terminal("trial", "trial"),
  });
  const auto r = analyse(s);
  CHECK(probability(r, "victim_withdrawal") == within(1 - std::exp(-h * d)));
  CHECK(probability(r, "trial") == within(std::exp(-h * d)));
  // Finishing takes exactly D; withdrawing takes the truncated exponential's mean.
  CHECK(mean_days(r, "trial") == within(d));
  const double withdrawn_mean =
      (1 / h) * (1 - (1 + h * d) * std::exp(-h * d)) / (1 - std::exp(-h * d));
  CHECK(mean_days(r, "victim_withdrawal") == within(withdrawn_mean));
  CHECK(r.mean_days_to_completion == within((1 - std::exp(-h * d)) / h));
}

TEST_CASE("case types mix by share, with their own branches and scales", "[markov]") {
  // "stranger" (a quarter) takes twice as long, never withdraws and is
  // always charged; "partner" has the stage's hazard and is charged 20%.
  const double m = 10, per_year = 2;
  auto s = pathway({
      work("investigation", Distribution::exponential(m), {to(1)}, per_year),
      decision("charge_decision", {to_by_type(2, {1, 0.2}), to_by_type(3, {0, 0.8})}),
      terminal("charged", "charged"),
      terminal("police_nfa", "police_nfa"),
  });
  s.case_types = {case_type("stranger", 0.25, 2, 0), case_type("partner", 0.75)};
  const auto r = analyse(s);
  const double hm = per_year / kDaysPerYear * m;
  const double q = hm / (1 + hm);
  const double p_charged = 0.25 + 0.75 * (1 - q) * 0.2;
  CHECK(probability(r, "charged") == within(p_charged));
  CHECK(probability(r, "police_nfa") == within(0.75 * (1 - q) * 0.8));
  CHECK(probability(r, "victim_withdrawal") == within(0.75 * q));
  // A conditional mean is weighted by each type's chance of the outcome,
  // not by its share alone.
  CHECK(mean_days(r, "charged") ==
        within((0.25 * 20 + 0.75 * (1 - q) * 0.2 * m / (1 + hm)) / p_charged));
  CHECK(mean_days(r, "police_nfa") == within(m / (1 + hm)));
  CHECK(r.mean_days_to_completion == within(0.25 * 20 + 0.75 * m / (1 + hm)));
}

TEST_CASE("ISVA support mixes as a second dimension", "[markov]") {
  const double m = 60, per_year = 1;
  auto s = pathway({
      work("investigation", Distribution::exponential(m), {to(1)}, per_year),
      terminal("charged", "charged"),
  });
  s.withdrawal.isva_share = 0.4;
  s.withdrawal.isva_multiplier = 0.5;
  const auto r = analyse(s);
  auto q = [&](double multiplier) {
    const double hm = per_year * multiplier / kDaysPerYear * m;
    return hm / (1 + hm);
  };
  CHECK(probability(r, "victim_withdrawal") == within(0.6 * q(1) + 0.4 * q(0.5)));
}

TEST_CASE("a rising withdrawal hazard is flagged as ignored", "[markov]") {
  auto s = exponential_chain(100, 0.5);
  s.withdrawal.rise_per_year = 0.3;
  const auto r = analyse(s);
  CHECK(r.warning.find("rises by 0.3 per year") != std::string::npos);
  // The numbers are those of the constant hazard.
  const auto constant = analyse(exponential_chain(100, 0.5));
  CHECK(r.outcome_probability == constant.outcome_probability);
}

TEST_CASE("an invalid pathway is refused", "[markov]") {
  auto s = exponential_chain(100, 0.5);
  s.stages[1].branches = {to(2, 0.5), to(3, 0.4)};
  CHECK_THROWS_AS(analyse(s), std::invalid_argument);
  CHECK_THROWS_WITH(analyse(s), Catch::Contains("sum to 0.9"));
}

TEST_CASE("a withdrawal outcome shared with a terminal stage is one outcome", "[markov]") {
  auto s = exponential_chain(100, 0.5);
  s.stages[3].outcome = "victim_withdrawal";
  const auto r = analyse(s);
  CHECK(r.outcomes == std::vector<std::string>{"convicted", "victim_withdrawal"});
  const double hm = 0.5 / kDaysPerYear * 100;
  const double q = hm / (1 + hm);
  CHECK(probability(r, "victim_withdrawal") == within(q + (1 - q) / 2));
}

TEST_CASE("stage exits are exact for closed-form and table durations", "[markov]") {
  const double h = 0.004;
  SECTION("no hazard: the mean, never withdrawn") {
    const auto e = stage_exit(Distribution::lognormal_from_median_p90(30, 90), 0);
    CHECK(e.withdrawal_probability == 0);
    CHECK(e.finished_days == Distribution::lognormal_from_median_p90(30, 90).mean());
    CHECK(e.withdrawn_days == 0);
  }
  SECTION("gamma, by its Laplace transform") {
    for (double shape : {0.4, 1.0, 3.5}) {
      const double scale = 40;
      const auto e = stage_exit(Distribution::gamma(shape, scale), h);
      const double survive = std::pow(1 + h * scale, -shape);
      CHECK(e.withdrawal_probability == within(1 - survive, 1e-12));
      CHECK(e.finished_days == within(shape * scale * std::pow(1 + h * scale, -shape - 1), 1e-10));
      CHECK(e.mean_days() == within((1 - survive) / h, 1e-10));
      CHECK(e.error_estimate < 1e-10);
    }
  }
  SECTION("Weibull of shape 1 is the exponential") {
    const auto w = stage_exit(Distribution::weibull(1, 75), h);
    const auto x = stage_exit(Distribution::exponential(75), h);
    CHECK(w.withdrawal_probability == within(x.withdrawal_probability, 1e-12));
    CHECK(w.finished_days == within(x.finished_days, 1e-10));
    CHECK(w.withdrawn_days == within(x.withdrawn_days, 1e-10));
  }
  SECTION("uniform, and a histogram as a mixture of uniforms") {
    auto uniform = [h](double a, double b) {
      const double survive = (std::exp(-h * a) - std::exp(-h * b)) / (h * (b - a));
      // E[D e^-hD] for D ~ U(a, b), from the antiderivative of x e^-hx.
      auto f = [h](double x) { return -std::exp(-h * x) * (x / h + 1 / (h * h)); };
      return std::pair{1 - survive, (f(b) - f(a)) / (b - a)};
    };
    const auto [w, t] = uniform(10, 200);
    const auto e = stage_exit(Distribution::uniform(10, 200), h);
    CHECK(e.withdrawal_probability == within(w, 1e-12));
    CHECK(e.finished_days == within(t, 1e-9));
    // Bins of unequal weight, and an empty bin: kinks and a jump in the quantile.
    const auto hist = stage_exit(Distribution::histogram({10, 40, 100, 130, 400}, {1, 3, 0, 2}), h);
    const auto [w1, t1] = uniform(10, 40);
    const auto [w2, t2] = uniform(40, 100);
    const auto [w4, t4] = uniform(130, 400);
    CHECK(hist.withdrawal_probability == within((w1 + 3 * w2 + 2 * w4) / 6, 1e-12));
    CHECK(hist.finished_days == within((t1 + 3 * t2 + 2 * t4) / 6, 1e-9));
  }
  SECTION("empirical: a sum over the observed values") {
    const std::vector<double> values{3, 8, 8, 20, 55, 55, 55, 140};
    double w = 0, t = 0;
    for (double v : values) {
      w += (1 - std::exp(-h * v)) / values.size();
      t += v * std::exp(-h * v) / values.size();
    }
    const auto e = stage_exit(Distribution::empirical(values), h);
    CHECK(e.withdrawal_probability == within(w, 1e-14));
    CHECK(e.finished_days == within(t, 1e-12));
    CHECK(e.mean_days() == within(w / h, 1e-11));
  }
  SECTION("lognormal and triangular keep E[min(D, X)] = P(withdrawn) / h") {
    for (const auto& d :
         {Distribution::lognormal_from_median_p90(30, 400), Distribution::triangular(0, 30, 200)}) {
      const auto e = stage_exit(d, h);
      CHECK(e.mean_days() == within(e.withdrawal_probability / h, 1e-9));
      CHECK(e.error_estimate < 1e-10);
    }
  }
  CHECK_THROWS_AS(stage_exit(Distribution::fixed(1), -1), std::invalid_argument);
}
