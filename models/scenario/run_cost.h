#pragma once

// What a run of a scenario will cost, known before it starts: the cases it
// creates, the arrival draws, the memory it holds. The commands refuse a run
// that would exceed the limits they are given, with a message naming the
// figure that drives the cost, rather than grinding for hours or running out
// of memory half-way (a run of 1e308 reports a year, or 1e9 replications).

#include <cstddef>
#include <string>

#include "models/scenario/scenario.h"

namespace models {

struct RunCost {
  // Expected cases a replication: open cases at the start plus the expected
  // reports over the horizon (rate x seasonality x growth x steps, day by day).
  double cases_per_replication = 0;
  // Candidate arrival times drawn a replication: arrivals are thinned from
  // the rate's peak over the run, so a huge peak costs draws even when the
  // rate is low most of the time.
  double arrival_draws_per_replication = 0;
  int replications = 0;
  unsigned threads = 1;
  double memory_bytes = 0;   // estimated peak
  double total_cases = 0;    // the time budget's unit: cases simulated in all replications
  std::string driver;        // JSON pointer of the figure that drives the size of a replication
  std::string figure;        // that figure in words: "1e+09 reports a year over 365 days"
  double replication_memory_bytes = 0;  // one replication on one thread
  double replication_cases = 0;         // one replication, arrival draws included
  bool every_case_kept = false;         // every replication's cases kept (cases.csv of all)
};

// Sized for a laptop; the command line overrides both.
struct RunLimits {
  double memory_bytes = 8e9;
  // About 3 microseconds of processor time a case at national scale with
  // communication (docs/performance.md): 1e9 cases is about 50 minutes of
  // processor time, 25 on two cores.
  double total_cases = 1e9;
};

// REQUIRES: `scenario` came from the loader, with replications already set
// to what will run. `keep_every_case`: every replication's case records are
// kept to the end (`--cases all`), not only the first's.
RunCost estimate_run_cost(const Scenario& scenario, unsigned threads, bool keep_every_case = false);

// Throws ScenarioError naming the driving figure's pointer in `scenario`'s
// file when the run would exceed `limits`. A command that runs `sharing`
// scenarios, keeping all their results, gives each that share of the limits.
void check_run_cost(const Scenario& scenario, const RunCost& cost, const RunLimits& limits,
                    std::size_t sharing = 1);

}  // namespace models
