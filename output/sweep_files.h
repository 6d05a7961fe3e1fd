#pragma once

// The files of `casesim sweep`: sweep.csv (one row per point and figure),
// sweep.json (the same with the design that made it) and sweep-report.html
// (each chosen figure drawn against the lever with its interval band; with
// two levers, a heat map; with a Latin hypercube, against each lever).
// And `casesim seek`'s seek.json.

#include <cstdint>
#include <string>
#include <vector>

#include "models/results/goal_seek.h"
#include "models/results/run_summary.h"
#include "models/results/sweep.h"
#include "models/scenario/scenario.h"

namespace output {

struct SweepRun {
  const models::Scenario* scenario = nullptr;  // at the first point: names, dates
  std::string command;                         // as run, for the page and the JSON
  std::vector<models::LeverSetting> settings;  // --set and --scale under every point
  std::vector<models::VariedLever> levers;
  bool latin_hypercube = false;
  std::vector<std::vector<double>> points;     // one value per lever
  std::vector<models::RunSummary> summaries;   // one per point
  int replications = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> figures;  // metrics to chart (and to print); every one is in the CSV
};

// The headline figures a sweep charts unless told otherwise: the delays, the
// withdrawal and conviction shares and each deadline met, those the run has.
std::vector<std::string> sweep_headline_figures(const models::Scenario& s,
                                                const models::RunSummary& first);

std::string sweep_csv(const SweepRun& run);
std::string sweep_json(const SweepRun& run);
std::string sweep_report(const SweepRun& run);

struct SeekRun {
  const models::Scenario* scenario = nullptr;
  std::string command;
  std::vector<models::LeverSetting> settings;
  models::VariedLever lever;
  models::MetricTarget target;
  double confidence = 0.95;
  models::SeekOptions options;
  models::SeekResult result;
  int replications = 0;
  std::uint64_t seed = 0;
  models::Unit unit = models::Unit::kDays;  // of the figure
  // For a target on charge to trial start: where that time went at the best
  // value (preparation, waiting for a first date, lost to date changes), so
  // an unreachable target says what no lever value in the range can touch.
  std::string where_time_goes;
};

// The outcome in words, for the terminal and seek.json: the answer with the
// figure and its interval there and at the nearest failing value, or that
// the target is out of reach in the range and what the best value reaches.
std::string seek_text(const SeekRun& run);
std::string seek_json(const SeekRun& run);

}  // namespace output
