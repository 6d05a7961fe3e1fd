#include "app/job.h"

#include <sched.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace app {

namespace {

Job alone;
Job* current = &alone;

}  // namespace

void Job::abort(int code) { std::exit(code); }

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
