#pragma once

// The processes a command runs in: the ranks of an MPI job when casesim is
// built with -DCASESIM_MPI=ON and started by mpirun or srun, else this
// process alone. Every process of a job runs the same command; replications
// are spread over them (sim::run_replications), and only the first (rank 0)
// prints and writes files.

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "sim/replication_runner.h"

namespace app {

class Job : public sim::Processes {
 public:
  // Stops every process of the job, each exiting with `code`: for a failure
  // the other processes cannot know of (they may be waiting for this one).
  [[noreturn]] virtual void abort(int code);
  bool writes() const { return rank() == 0; }

  // With CASESIM_TIMINGS=1 in the environment, rank 0 prints on stderr the
  // wall time of each phase of the command when it ends (docs/cluster.md):
  // what did not spread over processes (loading, summarising, writing) and
  // what did. phase(name) closes the phase under way, naming it; phases of
  // the same name add up (compare runs several scenarios).
  void phase(const char* name);
  // The phases closed so far, one line each ("" without CASESIM_TIMINGS).
  std::string phases() const;

 private:
  std::chrono::steady_clock::time_point since_ = std::chrono::steady_clock::now();
  std::vector<std::pair<std::string, double>> phases_;  // name, seconds
};

// The job main() made; a job of one until then.
Job& job();
void set_job(Job* job);

// How many processes the launcher that started this one says the job has
// (mpirun, srun); 1 when started alone. Read from the environment, so a
// build without MPI can refuse to run as one of many copies.
std::size_t launched_processes();

// Threads a command uses unless told: the cores this process may run on (its
// affinity mask, which is what mpirun and Slurm hand each rank).
unsigned default_threads();

}  // namespace app
