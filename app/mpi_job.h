#pragma once

// The MPI transport behind app::Job, compiled only with -DCASESIM_MPI=ON.
// Everything that touches MPI is in this file and mpi_job.cc.

#include <string>
#include <vector>

#include "app/job.h"

namespace app {

class MpiJob : public Job {
 public:
  // Joins the MPI job when a launcher started this process (mpirun, srun);
  // otherwise MPI is left alone and this is a job of one, as in a build
  // without MPI.
  MpiJob(int* argc, char*** argv);
  ~MpiJob() override;
  MpiJob(const MpiJob&) = delete;
  MpiJob& operator=(const MpiJob&) = delete;

  std::size_t rank() const override { return rank_; }
  std::size_t size() const override { return size_; }
  std::vector<std::string> all_gather(std::string mine) override;
  [[noreturn]] void abort(int code) override;

 private:
  bool initialised_ = false;
  std::size_t rank_ = 0;
  std::size_t size_ = 1;
};

}  // namespace app
