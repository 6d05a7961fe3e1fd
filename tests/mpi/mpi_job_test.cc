// `mpirun -n N mpi_job_test`: the replication seam (sim::run_replications
// over sim::Processes) with real MPI ranks (app::MpiJob). Checks what
// casesim's own commands cannot show: a replication that fails in one rank
// stops every rank with its message, and a job goes on working after it.
// Exits 1 on a failed check, naming it and the rank.

#include <fmt/format.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "app/mpi_job.h"
#include "sim/byte_codec.h"
#include "sim/replication_runner.h"

namespace {

using Result = std::vector<double>;

std::string encode(const Result& v) {
  sim::ByteWriter w;
  w(v);
  return w.take();
}

Result decode(std::string_view bytes) {
  Result v;
  sim::ByteReader in(bytes);
  in(v);
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  app::MpiJob job(&argc, &argv);
  const std::size_t rank = job.rank(), size = job.size();
  int failed = 0;
  auto check = [&](bool ok, const std::string& what) {
    if (ok) return;
    fmt::print(stderr, "mpi_job_test (rank {} of {}): FAILED: {}\n", rank, size, what);
    failed = 1;
  };
  check(size > 1, "started as a job of more than one process");

  // Each replication's result depends on its index only; every rank gets
  // all of them in order, and each ran in the rank r % size.
  for (std::size_t count : {std::size_t{1}, size - 1, size, 2 * size + 1, std::size_t{10}}) {
    const auto results = sim::run_replications<Result>(
        job, count, 2,
        [&](std::size_t r) {
          return Result{static_cast<double>(r), 0.1 * static_cast<double>(r * r),
                        static_cast<double>(rank)};
        },
        [](std::size_t) {}, encode, decode);
    check(results.size() == count, fmt::format("{} results for {} replications", results.size(), count));
    for (std::size_t r = 0; r < results.size(); ++r) {
      check(results[r].size() == 3 && results[r][0] == static_cast<double>(r) &&
                results[r][1] == 0.1 * static_cast<double>(r * r),
            fmt::format("replication {} of {} arrived in its place, unchanged", r, count));
      check(results[r].size() == 3 && results[r][2] == static_cast<double>(r % size),
            fmt::format("replication {} ran in rank {}", r, r % size));
    }
  }

  // A replication that throws in the last rank stops every rank together,
  // each with that rank's message.
  std::string message;
  try {
    sim::run_replications<Result>(
        job, 2 * size, 1,
        [&](std::size_t r) -> Result {
          if (rank == size - 1 && r >= size) throw std::runtime_error("deliberate failure");
          return {static_cast<double>(r)};
        },
        [](std::size_t) {}, encode, decode);
  } catch (const sim::ReplicationFailure& e) {
    message = e.what();
  }
  check(message == fmt::format("process {} of {}: deliberate failure", size - 1, size),
        fmt::format("every rank told of the failure in rank {}; got '{}'", size - 1, message));

  // The job is still usable after a failure: nothing is left half-gathered.
  const auto again = sim::run_replications<Result>(
      job, 5, 1, [](std::size_t r) { return Result{static_cast<double>(r)}; },
      [](std::size_t) {}, encode, decode);
  check(again.size() == 5 && again[4] == Result{4.0}, "a run after a failure gathers again");

  if (rank == 0 && !failed) fmt::print("mpi_job_test: {} ranks, every check passed\n", size);
  return failed;
}
