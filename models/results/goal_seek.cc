#include "models/results/goal_seek.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>

namespace models {

namespace {

// How far the figure is on the wrong side of the target (<= 0: on the right side).
double shortfall(const MetricTarget& t, const Estimate& e) {
  if (std::isnan(e.value)) return INFINITY;  // nothing observed: the worst there is
  return t.at_most ? e.value - t.value : t.value - e.value;
}

void check_monotone(const MetricTarget& target, const SeekOptions& o, SeekResult& r) {
  std::vector<SeekStep> steps = r.visited;
  // Ordered from the unfavourable end towards the favourable one: the
  // figure should only get better, and once met stay met.
  std::sort(steps.begin(), steps.end(), [&](const SeekStep& a, const SeekStep& b) {
    return o.largest ? a.value > b.value : a.value < b.value;
  });
  for (std::size_t i = 1; i < steps.size(); ++i) {
    const SeekStep& before = steps[i - 1];
    const SeekStep& after = steps[i];
    // Worse beyond noise: the two intervals do not overlap (or, with one
    // replication and no interval, the estimate itself is worse).
    const bool has_interval = !std::isnan(before.figure.low) && !std::isnan(after.figure.low);
    const bool worse =
        target.at_most
            ? (has_interval ? after.figure.low > before.figure.high
                            : after.figure.value > before.figure.value)
            : (has_interval ? after.figure.high < before.figure.low
                            : after.figure.value < before.figure.value);
    if (worse || (before.met && !after.met))
      r.monotonicity_problems.push_back(fmt::format(
          "at {} the figure was {:.4g} ({}), at {} it was {:.4g} ({}): it got worse as the lever "
          "moved {}",
          before.value, before.figure.value, before.met ? "met" : "not met", after.value,
          after.figure.value, after.met ? "met" : "not met", o.largest ? "down" : "up"));
  }
}

}  // namespace

SeekResult seek(const MetricTarget& target, const SeekOptions& o,
                const std::function<Estimate(double)>& evaluate) {
  assert(o.low <= o.high);
  assert(o.whole || o.tolerance > 0);
  SeekResult r;
  auto run = [&](double value) {
    SeekStep s{value, evaluate(value), false};
    s.met = !std::isnan(s.figure.low) && target.met_by(s.figure);
    r.visited.push_back(s);
    return s;
  };
  // The favourable end is where more of the lever should meet the target.
  const double good_end = o.largest ? o.low : o.high;
  const double bad_end = o.largest ? o.high : o.low;
  SeekStep good = run(good_end);
  SeekStep bad = good_end == bad_end ? good : run(bad_end);
  if (!good.met && bad.met) {
    // The figure runs the other way from what was asked (more preparation
    // time is worse, not better): "unreachable" would be false, and the
    // bisection would look for the wrong end.
    r.outcome = SeekResult::Outcome::kOtherWay;
  } else if (!good.met) {
    r.outcome = SeekResult::Outcome::kUnreachable;
  } else if (bad.met) {
    r.outcome = SeekResult::Outcome::kWholeRange;
    r.answer = bad;
  } else {
    // Invariant: `good` meets the target and `bad` does not.
    auto wide = [&] {
      return o.whole ? std::fabs(good.value - bad.value) > 1
                     : std::fabs(good.value - bad.value) > o.tolerance;
    };
    while (wide()) {
      double mid = (good.value + bad.value) / 2;
      if (o.whole) mid = std::floor(mid);
      const SeekStep s = run(mid);
      (s.met ? good : bad) = s;
    }
    r.outcome = SeekResult::Outcome::kFound;
    r.answer = good;
    r.failing = bad;
  }
  r.best = *std::min_element(r.visited.begin(), r.visited.end(),
                             [&](const SeekStep& a, const SeekStep& b) {
                               return shortfall(target, a.figure) < shortfall(target, b.figure);
                             });
  if (r.outcome != SeekResult::Outcome::kOtherWay) check_monotone(target, o, r);
  return r;
}

}  // namespace models
