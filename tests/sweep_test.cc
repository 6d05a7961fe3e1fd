// Sweeps and goal seeking against queueing theory: one M/M/c station (a
// work stage whose pool is the servers) swept and sought over its server
// count, where Erlang C gives the mean wait in the line exactly.

#include "models/results/sweep.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "models/results/goal_seek.h"
#include "models/results/metric_target.h"
#include "models/scenario/scenario_loader.h"
#include "sim/confidence_interval.h"

namespace {

// Erlang C through the Erlang B recursion (as in queueing_test.cc).
double erlang_c(int c, double a) {
  double b = 1;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return c * b / (c - a * (1 - b));
}
double mmc_wait(double lambda, double mu, int c) {
  return erlang_c(c, lambda / mu) / (c * mu - lambda);
}

// Reports arrive at `lambda` a day and each needs one of `servers` for an
// exponential time of mean 1/mu days; "charge" is reached when the work
// ends, so report-to-charge is the wait in the line plus the service.
std::string station(double lambda, double mu, int servers, int replications) {
  return fmt::format(R"({{
    "meta": {{"name": "M/M/c", "start_date": "2030-01-07", "horizon_days": 3000,
             "warmup_days": 200, "replications": {}, "seed": 11}},
    "arrivals": {{"reports_per_year": {}}},
    "case_types": {{"adult": {{"share": 1}}}},
    "resources": {{"servers": {{"count": {}}}}},
    "pathway": {{"entry": "service", "stages": {{
      "service": {{"kind": "work", "pool": "servers", "duration": {{"exponential": {{"mean": {}}}}},
                  "next": "charged"}},
      "charged": {{"kind": "delay", "milestone": "charge", "duration": 0, "next": "done"}},
      "done": {{"kind": "terminal", "outcome": "convicted"}}}}}}
  }})",
                     replications, lambda * 365.25, servers, 1 / mu);
}

const models::VariedLever kServers{"/resources/servers/count", {}, 0, 0, true};

models::VariedLever servers(std::vector<double> values) {
  models::VariedLever l = kServers;
  l.values = values;
  l.low = values.front();
  l.high = values.back();
  return l;
}

// The mean wait in the line at each value, as seek sees it: report to
// charge less the mean service time, with its interval.
std::function<models::Estimate(double)> wait_at(const models::ScenarioSource& source, double mu,
                                                int replications, int* runs) {
  return [&source, mu, replications, runs](double c) {
    ++*runs;
    const auto summaries = models::run_points(source, {}, {kServers}, {{c}},
                                              {replications, 11, 2, false}, [](std::size_t) {});
    auto e = *models::estimate(summaries[0], {"report_to_charge_days", models::Statistic::kMean},
                               0.95);
    return models::Estimate{e.value - 1 / mu, e.low - 1 / mu, e.high - 1 / mu};
  };
}

}  // namespace

TEST_CASE("seek finds the fewest servers Erlang C gives for a mean wait, in two settings",
          "[sweep][seek][queueing]") {
  struct Setting {
    double lambda, mu;
    int answer;  // the fewest servers we aim the target at
  };
  const auto setting = GENERATE(Setting{4, 1, 6}, Setting{10, 0.5, 24});
  CAPTURE(setting.lambda, setting.mu);
  // The target sits halfway (in ratio) between the waits at answer - 1 and
  // answer servers, so Erlang C's answer is `answer` and sampling noise at
  // 10 replications cannot move it; Erlang C, not the target, fixes it.
  const double above = mmc_wait(setting.lambda, setting.mu, setting.answer - 1);
  const double below = mmc_wait(setting.lambda, setting.mu, setting.answer);
  const double target_wait = std::sqrt(above * below);
  int fewest = 1;
  while (fewest <= setting.lambda / setting.mu ||
         mmc_wait(setting.lambda, setting.mu, fewest) > target_wait)
    ++fewest;
  REQUIRE(fewest == setting.answer);

  const int lo = static_cast<int>(std::ceil(setting.lambda / setting.mu)) + 1;  // stable from here
  const auto source = models::ScenarioSource::from_text(station(setting.lambda, setting.mu, lo, 10));
  models::MetricTarget target{{"report_to_charge_days", models::Statistic::kMean}, true, target_wait};
  models::SeekOptions options;
  options.low = lo;
  options.high = lo + 20;
  options.whole = true;
  int runs = 0;
  const auto r = models::seek(target, options, wait_at(source, setting.mu, 10, &runs));
  REQUIRE(r.outcome == models::SeekResult::Outcome::kFound);
  REQUIRE(r.answer->value == fewest);
  REQUIRE(r.failing->value == fewest - 1);
  REQUIRE(r.answer->figure.high <= target_wait);
  REQUIRE(r.failing->figure.high > target_wait);
  REQUIRE(r.monotonicity_problems.empty());
  REQUIRE(runs == static_cast<int>(r.visited.size()));
  REQUIRE(runs <= 2 + 5);  // both ends, then bisection of 20: at most ceil(log2 20)
}

TEST_CASE("a target no value in the range meets is reported unreachable, not as the range's end",
          "[sweep][seek][queueing]") {
  const double lambda = 4, mu = 1;
  const auto source = models::ScenarioSource::from_text(station(lambda, mu, 5, 10));
  // Even 12 servers leave a wait in the line; no server count gets it to -1
  // days, and the best is the most servers.
  models::MetricTarget target{{"report_to_charge_days", models::Statistic::kMean}, true, 0.0001};
  models::SeekOptions options;
  options.low = 5;
  options.high = 8;
  options.whole = true;
  int runs = 0;
  const auto r = models::seek(target, options, wait_at(source, mu, 10, &runs));
  REQUIRE(r.outcome == models::SeekResult::Outcome::kUnreachable);
  REQUIRE_FALSE(r.answer);
  REQUIRE(r.best.value == 8);
  REQUIRE(r.best.figure.value > 0.0001);
  REQUIRE(runs == 2);  // both ends told it all
}

TEST_CASE("seek says when the figure does not move one way with the lever", "[sweep][seek]") {
  // A made-up figure that is good only in the middle of the range.
  models::MetricTarget target{{"x", models::Statistic::kMean}, true, 1};
  models::SeekOptions options;
  options.low = 0;
  options.high = 16;
  options.whole = true;
  const auto r = models::seek(target, options, [](double v) {
    const double f = v < 10 ? 10 - v : 2 * (v - 9);  // falls to 1 at 9, then rises
    return models::Estimate{f, f - 0.1, f + 0.1};
  });
  REQUIRE_FALSE(r.monotonicity_problems.empty());
}

TEST_CASE("a figure that improves the other way is said so, not called unreachable",
          "[sweep][seek]") {
  // x <= 3, with x rising with the lever: the low end meets it, so asking
  // for the smallest value meeting it asks the wrong way round.
  models::MetricTarget target{{"x", models::Statistic::kMean}, true, 3};
  models::SeekOptions options;
  options.low = 0;
  options.high = 10;
  options.whole = true;
  auto rising = [](double v) { return models::Estimate{v, v - 0.1, v + 0.1}; };
  const auto r = models::seek(target, options, rising);
  REQUIRE(r.outcome == models::SeekResult::Outcome::kOtherWay);
  REQUIRE_FALSE(r.answer);
  REQUIRE(r.monotonicity_problems.empty());
  // Asked the right way round, the largest value meeting it is found.
  options.largest = true;
  const auto right = models::seek(target, options, rising);
  REQUIRE(right.outcome == models::SeekResult::Outcome::kFound);
  REQUIRE(right.answer->value == 2);  // 2.1 <= 3; at 3 the interval reaches 3.1
}

TEST_CASE("a continuous lever is sought to its tolerance", "[sweep][seek]") {
  models::MetricTarget target{{"x", models::Statistic::kMean}, false, 0.5};  // x >= 0.5
  models::SeekOptions options;
  options.low = 0;
  options.high = 1;
  options.tolerance = 0.001;
  const auto r = models::seek(target, options, [](double v) {
    return models::Estimate{v * v, v * v - 0.01, v * v + 0.01};  // met once v^2 - 0.01 >= 0.5
  });
  REQUIRE(r.outcome == models::SeekResult::Outcome::kFound);
  REQUIRE(r.answer->value == Approx(std::sqrt(0.51)).margin(0.001));
  REQUIRE(r.answer->value - r.failing->value <= 0.001);
}

TEST_CASE("a sweep over servers gives mean waits whose intervals contain Erlang C",
          "[sweep][queueing]") {
  const double lambda = 4, mu = 1;
  const int reps = 10;
  const auto source = models::ScenarioSource::from_text(station(lambda, mu, 5, reps));
  const std::vector<double> counts{5, 6, 7, 8, 9};
  const auto points = models::grid_points({servers(counts)});
  REQUIRE(points.size() == counts.size());
  const auto summaries =
      models::run_points(source, {}, {servers(counts)}, points, {reps, 11, 2, false}, [](std::size_t) {});
  for (std::size_t p = 0; p < points.size(); ++p) {
    const int c = static_cast<int>(points[p][0]);
    CAPTURE(c);
    std::vector<double> waits = summaries[p].find("report_to_charge_days")->per_replication;
    for (double& w : waits) w -= 1 / mu;
    // 99% for each of five points, so that all five hold together with
    // about 95% confidence (Bonferroni).
    const auto ci = sim::confidence_interval(waits, 0.99);
    CAPTURE(ci.low, ci.high, mmc_wait(lambda, mu, c));
    REQUIRE(ci.contains(mmc_wait(lambda, mu, c)));
  }
}

TEST_CASE("common random numbers make neighbouring points' differences tighter than independent "
          "seeds", "[sweep][queueing]") {
  const double lambda = 4, mu = 1;
  const int reps = 10;
  const auto source = models::ScenarioSource::from_text(station(lambda, mu, 5, reps));
  const std::vector<double> counts{5, 6, 7};
  const auto points = models::grid_points({servers(counts)});
  auto differences = [&](bool independent) {
    const auto s = models::run_points(source, {}, {servers(counts)}, points,
                                      {reps, 11, 2, independent}, [](std::size_t) {});
    std::vector<double> half_widths;
    for (std::size_t p = 1; p < s.size(); ++p) {
      const auto& a = s[p - 1].find("report_to_charge_days")->per_replication;
      const auto& b = s[p].find("report_to_charge_days")->per_replication;
      std::vector<double> d;
      for (std::size_t r = 0; r < a.size(); ++r) d.push_back(b[r] - a[r]);
      half_widths.push_back(sim::confidence_interval(d).half_width);
    }
    return half_widths;
  };
  const auto common = differences(false);
  const auto independent = differences(true);
  for (std::size_t i = 0; i < common.size(); ++i) {
    CAPTURE(i, common[i], independent[i]);
    REQUIRE(common[i] < independent[i]);
  }
}

TEST_CASE("a sweep is the same whatever the thread count", "[sweep]") {
  const auto source = models::ScenarioSource::from_text(station(4, 1, 5, 3));
  const auto points = models::grid_points({servers({5, 7})});
  const auto one = models::run_points(source, {}, {servers({5, 7})}, points, {3, 11, 1, false},
                                      [](std::size_t) {});
  const auto two = models::run_points(source, {}, {servers({5, 7})}, points, {3, 11, 2, false},
                                      [](std::size_t) {});
  for (std::size_t p = 0; p < points.size(); ++p)
    REQUIRE(one[p].find("report_to_charge_days")->per_replication ==
            two[p].find("report_to_charge_days")->per_replication);
}

TEST_CASE("lists and ranges given to --vary", "[sweep]") {
  const auto source = models::ScenarioSource::from_text(station(4, 1, 5, 3));
  const auto list = models::parse_varied_lever("/resources/servers/count=5,6,8", source);
  REQUIRE(list.values == std::vector<double>{5, 6, 8});
  REQUIRE(list.whole);
  const auto steps = models::parse_varied_lever("/resources/servers/count=5:9:2", source);
  REQUIRE(steps.values == std::vector<double>{5, 7, 9});
  const auto range =
      models::parse_varied_lever("/pathway/stages/service/duration/exponential/mean=0.5:2", source);
  REQUIRE(range.values.empty());
  REQUIRE(range.low == 0.5);
  REQUIRE(range.high == 2);
  REQUIRE_FALSE(range.whole);  // the file's 1 is whole, but 0.5 is typed: continuous
}

TEST_CASE("a bad --vary names the pointer and what was expected", "[sweep]") {
  const auto source = models::ScenarioSource::from_text(station(4, 1, 5, 3), "mmc.json");
  auto message = [&](const char* text) {
    try {
      models::parse_varied_lever(text, source);
    } catch (const models::ScenarioError& e) {
      return e.problems().at(0).to_string();
    }
    return std::string("accepted");
  };
  REQUIRE(message("/meta/name=1,2") ==
          "--vary /meta/name=1,2: /meta/name: mmc.json holds \"M/M/c\"; expected a pointer to a "
          "number to vary");
  REQUIRE(message("/resources/servers/count=9:5").find("expected FROM <= TO") != std::string::npos);
  REQUIRE(message("/resources/servers/count=5:9:0").find("step 0 is not > 0") != std::string::npos);
  REQUIRE(message("/resources/servers/count=a,b").find("'a' is not a number") != std::string::npos);
  REQUIRE(message("servers=1").find("expected POINTER=LIST") != std::string::npos);
}

TEST_CASE("a Latin hypercube uses every stratum of every lever once", "[sweep]") {
  models::VariedLever a{"/a", {}, 0, 1, false};
  models::VariedLever b{"/b", {}, 10, 20, true};
  const auto points = models::latin_hypercube({a, b}, 10, 3);
  REQUIRE(points.size() == 10);
  std::vector<int> strata_a(10, 0);
  for (const auto& p : points) {
    ++strata_a[static_cast<std::size_t>(std::floor(p[0] * 10))];
    REQUIRE(p[1] == std::round(p[1]));
    REQUIRE(p[1] >= 10);
    REQUIRE(p[1] <= 20);
  }
  REQUIRE(strata_a == std::vector<int>(10, 1));
  REQUIRE(models::latin_hypercube({a, b}, 10, 3) == points);  // reproducible from its seed
}

TEST_CASE("targets read as typed", "[sweep][seek]") {
  const auto t = models::parse_metric_target("charge_to_trial_start_days.p90 <= 365");
  REQUIRE(t.figure.metric == "charge_to_trial_start_days");
  REQUIRE(t.figure.statistic == models::Statistic::kP90);
  REQUIRE(t.at_most);
  REQUIRE(t.value == 365);
  const auto s = models::parse_metric_target("outcome_share.convicted>=0.3");
  REQUIRE(s.figure.metric == "outcome_share.convicted");
  REQUIRE_FALSE(s.at_most);
  REQUIRE_THROWS_AS(models::parse_metric_target("charge_to_trial_start_days = 365"),
                    models::ScenarioError);
  REQUIRE_THROWS_AS(models::parse_metric_target("x <= soon"), models::ScenarioError);
}
