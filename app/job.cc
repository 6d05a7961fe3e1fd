#include "app/job.h"

#include <sched.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace app {

namespace {

Job alone;
Job* current = &alone;

}  // namespace

void Job::abort(int code) { std::exit(code); }

void Job::phase(const char* name) {
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(now - since_).count();
  since_ = now;
  for (auto& [n, s] : phases_)
    if (n == name) {
      s += seconds;
      return;
    }
  phases_.emplace_back(name, seconds);
}

std::string Job::phases() const {
  const char* on = std::getenv("CASESIM_TIMINGS");
  if (!on || std::strcmp(on, "1") != 0) return {};
  std::string out;
  double total = 0;
  for (const auto& [n, s] : phases_) total += s;
  char line[160];
  for (const auto& [n, s] : phases_) {
    std::snprintf(line, sizeof line, "casesim timings: %-12s %9.3f s\n", n.c_str(), s);
    out += line;
  }
  std::snprintf(line, sizeof line, "casesim timings: %-12s %9.3f s (%zu processes)\n", "total",
                total, size());
  out += line;
  return out;
}

Job& job() { return *current; }

void set_job(Job* job) { current = job ? job : &alone; }

std::size_t launched_processes() {
  // Open MPI's mpirun, then PMI as srun sets it.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* value = std::getenv(name);
    if (!value) continue;
    std::size_t n = 0;
    const char* end = value + std::strlen(value);
    if (auto [p, ec] = std::from_chars(value, end, n); ec == std::errc() && p == end && n > 0)
      return n;
  }
  return 1;
}

unsigned default_threads() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<unsigned>(n);
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace app
