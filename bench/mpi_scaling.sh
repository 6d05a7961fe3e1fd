#!/usr/bin/env bash
# How a run spreads over MPI ranks (docs/cluster.md): `casesim run` of a
# scenario with REPLICATIONS replications as a job of 1, 2 and 4 ranks, one
# thread each, timed by phase (CASESIM_TIMINGS=1: load, simulate, exchange,
# summarise, write) with the job's wall and processor time.
#
#   bash bench/mpi_scaling.sh BUILD_MPI_DIR [REPLICATIONS] [SCENARIO] [RANKS...]
#   (defaults: 8 replications, scenarios/baseline.json, ranks 1 2 4)
#
# Needs a build with -DCASESIM_MPI=ON and Open MPI. More ranks than cores
# oversubscribe (on a 2-core machine 4 ranks cannot beat 2): the serial
# phases and the exchange are what the measurement is for.
set -euo pipefail
build=${1:?usage: bash bench/mpi_scaling.sh BUILD_MPI_DIR [REPLICATIONS] [SCENARIO] [RANKS...]}
reps=${2:-8}
root=$(cd "$(dirname "$0")/.." && pwd)
scenario=${3:-$root/scenarios/baseline.json}
shift $(($# < 3 ? $# : 3))
ranks=("$@")
[ ${#ranks[@]} -gt 0 ] || ranks=(1 2 4)
casesim="$build/app/casesim"
[ -x "$casesim" ] || { echo "bench: $casesim is not built with MPI (docs/cluster.md)" >&2; exit 1; }
command -v mpirun >/dev/null || { echo "bench: no mpirun (scripts/install-deps.sh mpi)" >&2; exit 1; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 CASESIM_TIMINGS=1

work=$(mktemp -d "${TMPDIR:-/tmp}/casesim-mpi-scaling.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "$(basename "$scenario"), $reps replications, one thread a rank, $(nproc) cores"
for n in "${ranks[@]}"; do
  /usr/bin/time -f "%e %U %S" -o "$work/time" \
    mpirun -n "$n" --oversubscribe --bind-to none "$casesim" run "$scenario" -r "$reps" -t 1 -q \
    -o "$work/out-$n" 2>"$work/timings"
  read -r wall user sys <"$work/time"
  phases=$(grep '^casesim timings:' "$work/timings" | grep -v total |
           awk '{ printf "%s %s s, ", $3, $4 }')
  echo "$n rank(s): wall $wall s, processor $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') s; ${phases%, }"
  if [ "$n" != "${ranks[0]}" ]; then
    cmp -s "$work/out-${ranks[0]}/summary.json" "$work/out-$n/summary.json" ||
      { echo "bench: $n ranks gave a different summary.json" >&2; exit 1; }
  fi
done
