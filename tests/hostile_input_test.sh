#!/usr/bin/env bash
# Inputs that once hung casesim, ate the machine's memory or failed without a
# reason (issue 17), each fed to it under a watchdog: casesim must answer with
# the documented exit code and a message naming the figure and the limit,
# well before the watchdog fires (a hang fails as exit code 124, not a slow
# pass: this is not a timed test), and leave no file or folder behind.
#
# Usage: hostile_input_test.sh CASESIM_BINARY
set -u

casesim=${1:?usage: hostile_input_test.sh CASESIM_BINARY}
casesim=$(cd "$(dirname "$casesim")" && pwd)/$(basename "$casesim")
cli_timeout=60  # the watchdog: each of these answers in well under a second
source "$(dirname "${BASH_SOURCE[0]}")/cli_harness.sh"

# expect_refused NAME CODE FRAGMENT OUT ARGS...: like expect_failure, but OUT
# must not exist at all: a folder the run made is removed again.
expect_refused() {
  local name=$1 out=$4
  expect_failure "$@"
  if [[ -e $out ]]; then fail "$name" "left $out behind"; fi
}

# scenario NAME ARRIVALS [STAGES]: a small valid pathway with the given
# "arrivals" object (and, if given, the given "stages" object, entry "start").
scenario() {
  local stages=${3:-'{
      "start": {"kind": "work", "pool": "officers",
                "duration": {"exponential": {"mean": 10}}, "next": "decision"},
      "decision": {"kind": "decision", "branches": [{"to": "charged", "probability": 0.3},
                                                    {"to": "nfa", "probability": 0.7}]},
      "charged": {"kind": "terminal", "outcome": "charged"},
      "nfa": {"kind": "terminal", "outcome": "police_nfa"}}'}
  cat >"$tmp/$1.json" <<EOF
{
  "meta": {"name": "$1", "start_date": "2024-01-01", "horizon_days": 365, "replications": 2,
           "seed": 3},
  "arrivals": $2,
  "case_types": {"adult": {"share": 1}},
  "resources": {"officers": {"count": 3}},
  "pathway": {"entry": "start", "stages": $stages}
}
EOF
}

# ---- arrival rates that overflow: refused before anything runs -------------------------
scenario growth '{"reports_per_year": 500, "growth_per_year": 1e300}'
expect_refused "growth_per_year 1e300" 2 \
  "growth.json: /arrivals/growth_per_year: 2 replications of about 4.51e+299 cases each" \
  "$tmp/out-growth" run "$tmp/growth.json" -o "$tmp/out-growth"
check "growth_per_year 1e300: the message names the memory limit" \
  grep -qF "the limit is 8 GB (--max-memory)" "$tmp/stderr"
scenario steps '{"reports_per_year": 500, "steps": [{"from": "2024-03-01", "factor": 1e300},
                                                   {"from": "2024-06-01", "factor": 1e300}]}'
expect_refused "two steps of factor 1e300" 2 \
  "steps.json: /arrivals/steps: 2 replications of about 1e308 or more cases each (steps multiply the rate by up to 1e308 or more)" \
  "$tmp/out-steps" run "$tmp/steps.json" -o "$tmp/out-steps"
# Steps after the horizon still raise the peak the arrivals are thinned from.
scenario late-steps '{"reports_per_year": 500, "steps": [{"from": "2030-03-01", "factor": 1e300},
                                                        {"from": "2030-06-01", "factor": 1e300}]}'
expect_refused "steps of 1e300 after the horizon" 2 \
  "late-steps.json: /arrivals/steps:" "$tmp/out-late" run "$tmp/late-steps.json" -o "$tmp/out-late"
check "steps after the horizon: the message counts the candidate arrival times" \
  grep -qF "candidate arrival times each, drawn from the arrival rate's peak" "$tmp/stderr"

# ---- a run larger than the machine: refused, naming the figure and the limit ---------------
scenario huge '{"reports_per_year": 1e308}'
expect_refused "reports_per_year 1e308" 2 \
  "huge.json: /arrivals/reports_per_year: 2 replications of about 9.99e+307 cases each (1e+308 reports a year over 365 days) would need more memory than any machine has; the limit is 8 GB (--max-memory)" \
  "$tmp/out-huge" run "$tmp/huge.json" -o "$tmp/out-huge"
scenario big '{"reports_per_year": 1e9}'
expect_refused "reports_per_year 1e9" 2 \
  "big.json: /arrivals/reports_per_year: 2 replications of about 9.99e+08 cases each (1e+09 reports a year over 365 days) would need about 815 GB of memory; the limit is 8 GB (--max-memory)" \
  "$tmp/out-big" run "$tmp/big.json" -o "$tmp/out-big"
check "reports_per_year 1e9: the case limit is named too" \
  grep -qF "would simulate 2e+09 cases in all; the limit is 1e+09 (--max-cases" "$tmp/stderr"
expect_refused "validate refuses what run would" 2 "/arrivals/reports_per_year: 2 replications" \
  "$tmp/none" validate "$tmp/big.json"
expect_refused "compare refuses it too" 2 "/arrivals/reports_per_year: 2 replications" \
  "$tmp/out-cmp" compare "$tmp/big.json" "$tmp/big.json" -o "$tmp/out-cmp"
scenario small '{"reports_per_year": 200}'
expect_refused "-r 1000000000" 2 \
  "small.json: /meta/replications: 1e+09 replications of about 200 cases each would need about" \
  "$tmp/out-reps" run "$tmp/small.json" -r 1000000000 -o "$tmp/out-reps"
expect_refused "a lower --max-memory refuses a run that fits the default" 2 \
  "the limit is 0.001 GB (--max-memory)" "$tmp/out-limit" \
  run "$tmp/small.json" -r 100 --max-memory 0.001 -o "$tmp/out-limit"
expect_refused "a lower --max-cases likewise" 2 "the limit is 1000 (--max-cases" \
  "$tmp/out-limit" run "$tmp/small.json" -r 100 --max-cases 1000 -o "$tmp/out-limit"
run_casesim run "$tmp/big.json" -r 1 --max-memory 2000 --max-cases 1e10 --help
if [[ $code -eq 0 ]]; then pass "the limits are options of run"
else fail "the limits are options of run" "exit $code"; fi
run_casesim run "$tmp/small.json" -q -o "$tmp/out-small"
if [[ $code -eq 0 && -s $tmp/out-small/summary.json ]]; then pass "a run within the limits runs"
else fail "a run within the limits" "exit $code"; fi

# ---- a loop that takes no time: refused by the loader (the engine would spin) ---------------
loop_stages='{
  "start": {"kind": "work", "pool": "officers", "duration": {"exponential": {"mean": 10}},
            "next": "again"},
  "again": {"kind": "decision", "branches": [{"to": "pause", "probability": 0.999999999999},
                                             {"to": "charged", "probability": 1e-12}]},
  "pause": {"kind": "delay", "duration": 0, "next": "again"},
  "charged": {"kind": "terminal", "outcome": "charged"}}'
scenario loop '{"reports_per_year": 500}' "$loop_stages"
expect_refused "a zero-time loop left with probability 1e-12" 2 \
  "loop.json: /pathway/stages/again: stages 'again', 'pause' loop without the clock moving" \
  "$tmp/out-loop" run "$tmp/loop.json" -o "$tmp/out-loop"
expect_refused "analyse refuses it too" 2 "stages 'again', 'pause' loop without the clock moving" \
  "$tmp/none" analyse "$tmp/loop.json"

# ---- analyse on a pathway of 20,000 stages: a sparse solve (the dense one took 3.2 GB) ----
{
  printf '{'
  for ((i = 0; i < 20000; i++)); do
    printf '"s%d": {"kind": "delay", "duration": 1, "next": "s%d"},\n' "$i" "$((i + 1))"
  done
  printf '"s20000": {"kind": "decision", "branches": [{"to": "charged", "probability": 0.25},
                                                       {"to": "nfa", "probability": 0.75}]},
           "start": {"kind": "delay", "duration": 1, "next": "s0"},
           "charged": {"kind": "terminal", "outcome": "charged"},
           "nfa": {"kind": "terminal", "outcome": "police_nfa"}}'
} >"$tmp/stages.txt"
scenario long '{"reports_per_year": 20}' "$(cat "$tmp/stages.txt")"
run_casesim analyse "$tmp/long.json" --json
if [[ $code -ne 0 ]]; then fail "analyse 20,000 stages" "exit code $code"
elif ! grep -q '"charged"' "$tmp/stdout" || ! grep -q '0.25' "$tmp/stdout"; then
  fail "analyse 20,000 stages" "no outcome probability 0.25 for charged in its output"
else pass "analyse 20,000 stages: answered, charged 0.25"; fi

# ---- a named pipe is refused before it is opened (open() would wait for ever) ----------
mkfifo "$tmp/pipe.json"
expect_refused "validate a named pipe" 2 \
  "pipe.json: is not a regular file (a pipe, device or socket), expected a scenario file (.json)" \
  "$tmp/none" validate "$tmp/pipe.json"
expect_refused "fit a named pipe" 2 "pipe.json: is not a regular file (a pipe, device or socket)" \
  "$tmp/out-fit" fit "$tmp/pipe.json" --scenario "$tmp/small.json" -o "$tmp/out-fit"

# ---- duplicate keys --------------------------------------------------------------------
scenario dup '{"reports_per_year": 0, "reports_per_year": 500}'
expect_refused "a duplicate key" 2 \
  "dup.json: /arrivals/reports_per_year: this key appears more than once in its object" \
  "$tmp/out-dup" run "$tmp/dup.json" -o "$tmp/out-dup"
scenario dup-deep '{"reports_per_year": 500, "steps": [{"from": "2024-03-01", "factor": 2},
                                                      {"from": "2024-04-01", "factor": 2, "factor": 3}]}'
expect_refused "a duplicate key inside an array" 2 \
  "dup-deep.json: /arrivals/steps/1/factor: this key appears more than once" "$tmp/none" \
  validate "$tmp/dup-deep.json"

# ---- a failed run leaves no folder, and says why a write failed -------------------------
mkdir -p "$tmp/nested"
(
  trap '' XFSZ  # so the write fails with EFBIG instead of killing casesim
  ulimit -f 4   # 4 KB files at most
  timeout 60 "$casesim" run "$tmp/small.json" -q -o "$tmp/nested/a/b" </dev/null \
    >"$tmp/stdout" 2>"$tmp/stderr"
  echo $? >"$tmp/code"
)
code=$(cat "$tmp/code")
if [[ $code -ne 3 ]]; then fail "a write that fails" "exit code $code, expected 3"
elif ! grep -qE "cannot write .*: File too large" "$tmp/stderr"; then
  fail "a write that fails" "stderr lacks the reason"
elif [[ -e $tmp/nested/a ]]; then fail "a write that fails" "left $tmp/nested/a behind"
else pass "a write that fails says why (File too large) and removes the folders it made"; fi
# A real full disk, where the machine lets us mount a small tmpfs (root in CI).
mkdir -p "$tmp/disk"
if mount -t tmpfs -o size=64k tmpfs "$tmp/disk" 2>/dev/null; then
  expect_refused "a full disk" 3 "No space left on device" "$tmp/disk/out" \
    run "$tmp/small.json" -q -o "$tmp/disk/out"
  umount "$tmp/disk"
else
  echo "skip - a full disk: cannot mount a tmpfs here (not root?); the EFBIG case above covers the message"
fi

# ---- the command line ------------------------------------------------------------------
run_casesim graph "$tmp/small.json" -o "$tmp/out-graph"
if [[ $code -eq 0 && -s $tmp/out-graph/pathway.dot ]]; then pass "graph takes -o"
else fail "graph takes -o" "exit $code"; fi
expect_refused "an unknown command" 2 \
  "unknown command 'frobnicate'; expected one of validate, graph, analyse, run, compare" \
  "$tmp/out" frobnicate "$tmp/small.json"

finish
