#!/usr/bin/env bash
# casesim as the ranks of an MPI job: `mpirun -n 2|3 casesim run|compare|
# calibration-check` on 1 and 2 threads a rank writes the same files, to the
# byte, as one process; a failure stops the job with its message and nothing
# written; mpi_job_test checks the replication seam over real ranks (a
# replication failing in one rank stops every rank with its message).
#
# Usage: mpi_test.sh CASESIM_BINARY SOURCE_DIR MPI_JOB_TEST   (a build with -DCASESIM_MPI=ON)
#        mpi_test.sh --no-mpi CASESIM_BINARY                  (a build without)
# Exit 77 (skipped) without MPI: in a build without it, after checking that
# such a casesim refuses to run as one of many copies.
set -u

if [[ ${1:-} == --no-mpi ]]; then
  casesim=${2:?usage: mpi_test.sh --no-mpi CASESIM_BINARY}
  # Started by a launcher, a build without MPI would have every copy run
  # every replication and write the same files: it refuses, exit code 2.
  err=$(OMPI_COMM_WORLD_SIZE=3 "$casesim" validate /nonexistent.json 2>&1)
  code=$?
  if [[ $code -ne 2 || $err != *"built without MPI"* ]]; then
    echo "FAIL - a build without MPI started as one of 3 processes: exit $code, '$err'"
    exit 1
  fi
  echo "ok   - a build without MPI refuses to run as one of 3 processes"
  echo "skipped: this build has no MPI; make test builds one in build-mpi/ when OpenMPI is" \
       "installed (scripts/install-deps.sh mpi)"
  exit 77
fi

casesim=${1:?usage: mpi_test.sh CASESIM_BINARY SOURCE_DIR MPI_JOB_TEST}
source_dir=$(cd "${2:?source folder}" && pwd)
job_test=${3:?mpi_job_test binary}
casesim=$(cd "$(dirname "$casesim")" && pwd)/$(basename "$casesim")
if ! command -v mpirun >/dev/null; then
  echo "skipped: no mpirun (scripts/install-deps.sh mpi)"
  exit 77
fi
cli_timeout=300
source "$(dirname "${BASH_SOURCE[0]}")/cli_harness.sh"

# Root may run the job (containers, CI); more ranks than cores is fine here.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi() {  # mpi RANKS ARGS...: casesim ARGS as a job of RANKS, output captured
  local ranks=$1
  shift
  timeout "$cli_timeout" mpirun -n "$ranks" --oversubscribe "$casesim" "$@" \
    </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
  code=$?
}
same_files() {  # same_files REFERENCE OTHER: every file of each, equal to the byte
  [[ $(cd "$1" && find . -type f | sort) == $(cd "$2" && find . -type f | sort) ]] || return 1
  local f
  while IFS= read -r f; do cmp -s "$1/$f" "$2/$f" || { echo "       differs: $f"; return 1; }; done \
    < <(cd "$1" && find . -type f)
}

if timeout 120 mpirun -n 3 --oversubscribe "$job_test" >"$tmp/stdout" 2>"$tmp/stderr"; then
  pass "mpi_job_test, 3 ranks: $(head -1 "$tmp/stdout")"
else
  fail "mpi_job_test, 3 ranks" "$(cat "$tmp/stdout")"
fi
if timeout 120 mpirun -n 2 --oversubscribe "$job_test" >"$tmp/stdout" 2>"$tmp/stderr"; then
  pass "mpi_job_test, 2 ranks"
else
  fail "mpi_job_test, 2 ranks" "$(cat "$tmp/stdout")"
fi

# The force example (courts, section 28, Victims' Code contacts, deadlines)
# and a policy over it; 7 replications, so that ranks get unequal shares.
# (A copy of scenarios/: the force example extends the baseline. The policy
# redates its child cases' offences, so the offence tallies cross ranks.)
cp -r "$source_dir/scenarios" "$tmp/scenarios"
cp "$tmp/scenarios/force-example.json" "$tmp/scenarios/force.json"
cat >"$tmp/scenarios/policy.json" <<'JSON'
{ "extends": "force.json", "meta": {"name": "more investigators"},
  "resources": {"investigators": {"count": 1400}},
  "case_types": {"child": {"offence_to_report": {"lognormal": null, "exponential": {"mean": 900}}}} }
JSON
cd "$tmp/scenarios" || exit 1

run_casesim run force.json -r 7 -s 11 -t 1 -q --out ref-run
check "one process writes the reference run" [ "$code" -eq 0 ]
for ranks in 2 3; do
  for threads in 1 2; do
    mpi "$ranks" run force.json -r 7 -s 11 -t "$threads" -q --out "run-$ranks-$threads"
    if [[ $code -ne 0 ]]; then
      fail "run, $ranks ranks x $threads threads" "exit code $code"
    else
      check "run, $ranks ranks x $threads threads: the same files to the byte" \
        same_files ref-run "run-$ranks-$threads"
    fi
  done
done

# The national baseline over two years (today's caseload, every court
# feature; samples of tens of thousands of cases, condensed before they travel).
run_casesim run baseline.json -r 3 -s 5 -t 2 -q --set /meta/horizon_days=730 --set /meta/warmup_days=365 --out ref-national
check "one process writes the reference national run" [ "$code" -eq 0 ]
mpi 2 run baseline.json -r 3 -s 5 -t 1 -q --set /meta/horizon_days=730 --set /meta/warmup_days=365 --out national-2
if [[ $code -ne 0 ]]; then
  fail "national run, 2 ranks" "exit code $code"
else
  check "national run, 2 ranks: the same files to the byte" same_files ref-national national-2
fi

run_casesim compare force.json policy.json -r 5 -s 4 -t 2 -q --out ref-compare
check "one process writes the reference comparison" [ "$code" -eq 0 ]
for ranks in 2 3; do
  mpi "$ranks" compare force.json policy.json -r 5 -s 4 -t $((4 - ranks)) -q --out "compare-$ranks"
  if [[ $code -ne 0 ]]; then
    fail "compare, $ranks ranks" "exit code $code"
  else
    check "compare, $ranks ranks: the same files to the byte" same_files ref-compare "compare-$ranks"
  fi
done

# Calibration runs the scenario, then each moved assumption: many rounds of
# replications, each spread over the ranks.
run_casesim calibration-check force.json -r 4 --sensitivity-replications 2 -t 1 -q \
  --out ref-cal/CALIBRATION.md
check "one process writes the reference calibration" [ "$code" -eq 0 ]
for ranks in 2 3; do
  mpi "$ranks" calibration-check force.json -r 4 --sensitivity-replications 2 -t 2 -q \
    --out "cal-$ranks/CALIBRATION.md"
  if [[ $code -ne 0 ]]; then
    fail "calibration-check, $ranks ranks" "exit code $code"
  else
    check "calibration-check, $ranks ranks: the same CALIBRATION.md to the byte" \
      same_files ref-cal "cal-$ranks"
  fi
done

# Only rank 0 prints: one summary table, not one per rank.
mpi 3 run force.json -r 3 --out printed
tables=$(grep -c '^metric ' "$tmp/stdout")
check "3 ranks print one summary table (printed $tables)" [ "$tables" -eq 1 ]

# Failures stop the job: bad input told once (exit 2), an output folder that
# rank 0 alone cannot create (the others are waiting for it) stops the job
# (exit 3); nothing written either way.
echo '{"meta": 3}' >bad.json
mpi 3 run bad.json --out bad-out
if [[ $code -ne 2 ]]; then
  fail "bad scenario, 3 ranks" "exit code $code, expected 2"
elif [[ $(grep -c 'problems found' "$tmp/stderr") -ne 1 ]]; then
  fail "bad scenario, 3 ranks" "told $(grep -c 'problems found' "$tmp/stderr") times, expected once"
elif ! nothing_written bad-out; then
  fail "bad scenario, 3 ranks" "files written"
else
  pass "bad scenario, 3 ranks: exit 2, told once, nothing written"
fi
touch in-the-way
mpi 3 run force.json -r 6 --out in-the-way/out
if [[ $code -ne 3 ]]; then
  fail "unwritable output, 3 ranks" "exit code $code, expected 3"
elif ! grep -qF "cannot create output folder in-the-way/out" "$tmp/stderr"; then
  fail "unwritable output, 3 ranks" "no message naming the folder"
elif [[ -s in-the-way || -n $(find . -maxdepth 1 -name '.*.tmp.*' -print -quit) ]]; then
  fail "unwritable output, 3 ranks" "something written"
else
  pass "unwritable output, 3 ranks: the job stops with exit 3 and the message, nothing written"
fi

finish
