#include <catch2/catch.hpp>
#include <cmath>

#include "sim/confidence_interval.h"
#include "sim/running_stats.h"
#include "sim/sample.h"
#include "sim/time_weighted.h"

TEST_CASE("running stats give the textbook mean and sample variance", "[statistics]") {
  sim::RunningStats s;
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) s.add(x);
  REQUIRE(s.count() == 8);
  REQUIRE(s.mean() == Approx(5.0));
  REQUIRE(s.variance() == Approx(32.0 / 7.0));
  sim::RunningStats a, b;
  for (double x : {2.0, 4.0, 4.0}) a.add(x);
  for (double x : {4.0, 5.0, 5.0, 7.0, 9.0}) b.add(x);
  a.merge(b);
  REQUIRE(a.mean() == Approx(s.mean()));
  REQUIRE(a.variance() == Approx(s.variance()));
}

TEST_CASE("sample quantiles interpolate between order statistics", "[statistics]") {
  sim::Sample s;
  for (double x : {10.0, 1.0, 4.0, 7.0}) s.add(x);  // sorted: 1 4 7 10
  REQUIRE(s.quantile(0.0) == 1.0);
  REQUIRE(s.quantile(1.0) == 10.0);
  REQUIRE(s.median() == Approx(5.5));
  REQUIRE(s.quantile(0.9) == Approx(9.1));
  REQUIRE(std::isnan(sim::Sample{}.median()));
}

TEST_CASE("a 95% interval uses the Student-t quantile", "[statistics]") {
  // t_{0.975, 4} = 2.776445105
  REQUIRE(sim::student_t_critical(0.95, 4) == Approx(2.776445105).epsilon(1e-8));
  const auto ci = sim::confidence_interval({1, 2, 3, 4, 5});
  REQUIRE(ci.n == 5);
  REQUIRE(ci.mean == Approx(3.0));
  REQUIRE(ci.half_width == Approx(2.776445105 * std::sqrt(2.5) / std::sqrt(5.0)));
  REQUIRE(ci.contains(3.0));
  REQUIRE(std::isnan(sim::confidence_interval({1.0}).half_width));
}

TEST_CASE("time-weighted mean integrates a step function", "[statistics]") {
  sim::TimeWeighted q(0.0, 0.0);
  q.set(2, 1.0);  // 0 on [0,1), 2 on [1,3), 5 on [3,4]
  q.set(5, 3.0);
  REQUIRE(q.area(4.0) == Approx(0 + 4 + 5));
  REQUIRE(q.mean(4.0) == Approx(9.0 / 4.0));
  q.reset(4.0);
  REQUIRE(q.mean(6.0) == Approx(5.0));
}

TEST_CASE("a share's interval stays inside [0, 1] and tends to the t-interval", "[statistics]") {
  // A rare event: the t-interval reaches below 0, the share interval does not.
  const std::vector<double> rare{0, 0, 0.0001, 0, 0.0002};
  const auto t = sim::confidence_interval(rare);
  REQUIRE(t.low < 0);
  const auto w = sim::share_interval(rare);
  CHECK(w.low >= 0);
  CHECK(w.high <= 1);
  CHECK(w.mean == Approx(t.mean));
  CHECK(w.low <= w.mean);
  CHECK(w.high >= w.mean);
  // Near 1 likewise.
  const auto near_one = sim::share_interval({1, 1, 0.9998, 1, 0.9999});
  CHECK(near_one.high <= 1);
  CHECK(near_one.low < near_one.mean);
  // Away from the ends, with replications that agree closely, it is the
  // t-interval to within a small fraction of its width.
  std::vector<double> middle;
  for (int i = 0; i < 50; ++i) middle.push_back(0.4 + 0.001 * ((i * 37) % 11 - 5));
  const auto tm = sim::confidence_interval(middle), wm = sim::share_interval(middle);
  CHECK(wm.low == Approx(tm.low).margin(0.01 * tm.half_width));
  CHECK(wm.high == Approx(tm.high).margin(0.01 * tm.half_width));
  // No spread, or one replication: nothing to widen.
  CHECK(sim::share_interval({0.3, 0.3, 0.3}).low == Approx(0.3));
  CHECK(std::isnan(sim::share_interval({0.3}).half_width));
}
