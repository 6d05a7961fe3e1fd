#!/usr/bin/env bash
# The MPI tests, from `make test`: when OpenMPI is installed
# (scripts/install-deps.sh mpi), builds casesim with -DCASESIM_MPI=ON in its
# own folder (the default build stays free of MPI) and runs the tests
# labelled mpi there: 2 and 3 ranks against one process, to the byte.
# Without OpenMPI it says so and succeeds, as the default build's own `mpi`
# test does (skipped).
# Usage: test-mpi.sh BUILD_FOLDER [JOBS]
set -euo pipefail
build=${1:?usage: test-mpi.sh BUILD_FOLDER [JOBS]}
jobs=${2:-2}
if ! command -v mpicxx >/dev/null || ! command -v mpirun >/dev/null; then
  echo "test-mpi: MPI tests skipped: OpenMPI is not installed (scripts/install-deps.sh mpi)"
  exit 0
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCASESIM_MPI=ON >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j"$jobs" --target casesim mpi_job_test
cd "$build" && ctest -L mpi --output-on-failure
