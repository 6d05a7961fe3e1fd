#pragma once

// Goal seeking: the smallest (or largest) value of one lever at which a
// target on a figure is met with confidence ("the fewest rooms that bring
// the mean charge-to-trial time under a year, the whole 95% interval under").
//
// It assumes the target, once met, stays met as the lever moves on (more
// rooms never make trials later), so it bisects: on the whole numbers for a
// count, to a tolerance for a continuous lever. It checks that assumption at
// every value it visits and says when the figure moved the other way.
// Every evaluation runs the same replications with the same seed (common
// random numbers), so the points it compares differ only by the lever.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/results/metric_target.h"

namespace models {

// One value of the lever, run.
struct SeekStep {
  double value = 0;
  Estimate figure;
  bool met = false;
};

struct SeekOptions {
  double low = 0, high = 0;  // the range searched, both ends included
  bool whole = false;        // a count: only whole values
  bool largest = false;      // the largest value meeting the target, not the smallest
  double tolerance = 0;      // continuous levers: stop when the bracket is this narrow; > 0
};

struct SeekResult {
  enum class Outcome {
    kFound,        // `answer` meets the target; the value next to it (`failing`) does not
    kWholeRange,   // every value tried meets it, the range's own end included
    kUnreachable,  // not even the range's most favourable end meets it
    kOtherWay,     // only the other end meets it: the figure improves the other way (ask
                   // for the largest value instead of the smallest, or the reverse)
  };
  Outcome outcome = Outcome::kUnreachable;
  std::optional<SeekStep> answer;   // kFound, kWholeRange
  std::optional<SeekStep> failing;  // kFound: the nearest value tried that fails
  SeekStep best;                    // the value whose figure came nearest the target
  std::vector<SeekStep> visited;    // in the order run
  // Where the figure did not move one way with the lever at the values
  // visited (empty when it did): the answer may then not be the smallest
  // (or largest).
  std::vector<std::string> monotonicity_problems;
};

// Runs `evaluate(value)` at the values bisection needs. `target` says which
// way is better; `evaluate` returns the figure's estimate at a value.
// REQUIRES: low <= high; whole levers have whole ends; tolerance > 0 for a
// continuous lever.
SeekResult seek(const MetricTarget& target, const SeekOptions& options,
                const std::function<Estimate(double)>& evaluate);

}  // namespace models
