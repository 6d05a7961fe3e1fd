#pragma once

// A sweep: one scenario run at many settings of its levers, to read each
// figure against the lever ("charge to trial against the number of rooms").
//
// Every point runs the same numbered replications with the same seed, so
// replication r meets the same reports and the same luck at every point
// (common random numbers): the difference between neighbouring points is the
// lever, not noise. Points are independent units of work: they spread over
// threads (and could over processes) without changing a number.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "models/results/run_summary.h"
#include "models/scenario/lever_setting.h"
#include "models/scenario/scenario_loader.h"

namespace models {

// One lever a sweep or a seek varies: a number at a JSON pointer (see
// models/scenario/lever_setting.h for the pointer form).
struct VariedLever {
  std::string pointer;
  std::vector<double> values;  // as listed, or FROM, FROM+STEP, ... TO; empty for a bare range
  double low = 0, high = 0;    // the range covered: smallest and largest value
  bool whole = false;          // a count (the file holds a whole number): whole values only
};

// Reads "POINTER=LIST" as given to --vary, where LIST is "1,2,4,8", or
// "FROM:TO:STEP" (every step from FROM up to TO), or "FROM:TO" (a range:
// for a Latin hypercube or a seek, not a grid). The lever is a count (whole
// values only: integer bisection, rounded samples) when every value is typed
// as a whole number and the file holds a whole number at the pointer, or
// nothing yet; so "0.5:2" varies even a value written "1" continuously.
// Throws ScenarioError, naming the option and the pointer, for a malformed
// list, a step that is not > 0, more than kMaxSweepValues values, or a
// pointer at something that is not a number.
VariedLever parse_varied_lever(std::string_view text, const ScenarioSource& source);
inline constexpr std::size_t kMaxSweepValues = 10000;

// Every combination of the levers' values, the first lever varying slowest.
// REQUIRES: every lever has values.
std::vector<std::vector<double>> grid_points(const std::vector<VariedLever>& levers);

// `n` points of a Latin hypercube sample over the levers' ranges: each
// range cut into n equal strata and every stratum of every lever used once,
// the strata of different levers paired at random, and a point drawn at
// random inside its stratum (rounded, for a count). Reproducible from `seed`.
std::vector<std::vector<double>> latin_hypercube(const std::vector<VariedLever>& levers,
                                                 std::size_t n, std::uint64_t seed);

// The settings that put the levers at `values` (one per lever), after `base`.
std::vector<LeverSetting> point_settings(const std::vector<LeverSetting>& base,
                                         const std::vector<VariedLever>& levers,
                                         const std::vector<double>& values);

// How every point of a sweep or a seek runs: the replications and seed are
// the same at every point (common random numbers).
struct PointRunOptions {
  int replications = 10;
  std::uint64_t seed = 1;
  unsigned threads = 1;
  // Each point gets its own seed (seed + point index): only to show what
  // common random numbers buy. Never the default.
  bool independent_seeds = false;
};

// Loads the scenario at every point before running any, so a point the
// scenario cannot take (a probability past 1) is reported, with every other
// problem, before anything runs (ScenarioError). Then runs the points in
// turn, each one's replications over the threads; `on_done(finished)`
// counts replications done across all points, from the worker threads. Returns one summary per
// point, in order; weekly series are not kept.
std::vector<RunSummary> run_points(const ScenarioSource& source,
                                   const std::vector<LeverSetting>& base,
                                   const std::vector<VariedLever>& levers,
                                   const std::vector<std::vector<double>>& points,
                                   const PointRunOptions& options,
                                   const std::function<void(std::size_t)>& on_done);

}  // namespace models
