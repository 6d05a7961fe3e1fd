#include "app/mpi_job.h"

#include <mpi.h>

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>

namespace app {

MpiJob::MpiJob(int* argc, char*** argv) {
  if (launched_processes() <= 1 && !std::getenv("OMPI_COMM_WORLD_RANK") &&
      !std::getenv("PMIX_RANK") && !std::getenv("PMI_RANK"))
    return;
  // Worker threads never call MPI; only the main thread does.
  int provided = 0;
  if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
    throw std::runtime_error("MPI_Init_thread failed");
  initialised_ = true;
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  rank_ = static_cast<std::size_t>(rank);
  size_ = static_cast<std::size_t>(size);
}

MpiJob::~MpiJob() {
  if (initialised_) MPI_Finalize();
}

std::vector<std::string> MpiJob::all_gather(std::string mine) {
  if (size_ == 1) return {std::move(mine)};
  phase("simulate");
  // MPI counts are ints: a process's results past 2 GB would not fit (a
  // condensed national replication is well under a megabyte).
  if (mine.size() > static_cast<std::size_t>(INT_MAX))
    throw std::runtime_error("results of one process exceed 2 GB; use more processes");
  const int n = static_cast<int>(mine.size());
  std::vector<int> counts(size_), offsets(size_);
  MPI_Allgather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
  std::int64_t total = 0;
  for (std::size_t k = 0; k < size_; ++k) {
    if (total > INT_MAX) throw std::runtime_error("results of the job exceed 2 GB");
    offsets[k] = static_cast<int>(total);
    total += counts[k];
  }
  if (total > INT_MAX) throw std::runtime_error("results of the job exceed 2 GB");
  std::string all(static_cast<std::size_t>(total), '\0');
  MPI_Allgatherv(mine.data(), n, MPI_BYTE, all.data(), counts.data(), offsets.data(), MPI_BYTE,
                 MPI_COMM_WORLD);
  std::vector<std::string> out(size_);
  for (std::size_t k = 0; k < size_; ++k)
    out[k] = all.substr(static_cast<std::size_t>(offsets[k]), static_cast<std::size_t>(counts[k]));
  // Includes waiting for the slowest process to finish its replications.
  phase("exchange");
  return out;
}

void MpiJob::abort(int code) {
  if (initialised_ && size_ > 1) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

}  // namespace app
