#!/usr/bin/env bash
# The casesim command on bad input: every broken scenario in bad_scenarios/
# and every bad command line must fail with the right exit code and a message
# saying where and why, and must write nothing. A good scenario must run.
#
# Usage: cli_test.sh CASESIM_BINARY PROJECT_SOURCE_DIR
# Exit codes under test: 0 ok, 2 invalid scenario or command line, 3 outputs
# not writable.
set -u

casesim=${1:?usage: cli_test.sh CASESIM_BINARY PROJECT_SOURCE_DIR}
source_dir=${2:?usage: cli_test.sh CASESIM_BINARY PROJECT_SOURCE_DIR}
bad_dir="$source_dir/tests/bad_scenarios"
casesim=$(cd "$(dirname "$casesim")" && pwd)/$(basename "$casesim")

cli_timeout=20
source "$(dirname "${BASH_SOURCE[0]}")/cli_harness.sh"

# ---- every broken scenario file ---------------------------------------------------
[[ -f $bad_dir/EXPECTED.tsv ]] || { echo "no $bad_dir/EXPECTED.tsv"; exit 1; }
listed=0
while IFS=$'\t' read -r file fragment; do
  [[ -z $file || $file == \#* ]] && continue
  listed=$((listed + 1))
  if [[ ! -f $bad_dir/$file ]]; then
    fail "bad_scenarios/$file" "listed in EXPECTED.tsv but missing"
    continue
  fi
  expect_failure "run bad_scenarios/$file" 2 "$fragment" "$tmp/out-$file" \
    run "$bad_dir/$file" --out "$tmp/out-$file"
done <"$bad_dir/EXPECTED.tsv"
# Every broken file is listed, so none goes untested.
for path in "$bad_dir"/*.json; do
  grep -qF -- "$(basename "$path")"$'\t' "$bad_dir/EXPECTED.tsv" ||
    fail "bad_scenarios/$(basename "$path")" "not listed in EXPECTED.tsv"
done
if [[ $listed -ge 15 ]]; then pass "EXPECTED.tsv lists $listed broken scenarios"
else fail "EXPECTED.tsv" "lists only $listed broken scenarios"; fi
# The other commands refuse the same files the same way.
expect_failure "validate a broken scenario" 2 "/arrivals/reports_per_year: 0 is out of range" \
  "$tmp/none" validate "$bad_dir/zero_rate.json"
expect_failure "graph a broken scenario" 2 "unknown stage 'decison'" "$tmp/out-graph" \
  graph "$bad_dir/unknown_stage.json" --out "$tmp/out-graph"
expect_failure "analyse a broken scenario" 2 "extends cycle" "$tmp/none" \
  analyse "$bad_dir/extends_cycle_a.json"

# ---- files that are not scenarios at all ----------------------------------------------
mkdir -p "$tmp/a_folder.json"
expect_failure "run on a directory" 2 "is a directory, expected a scenario file" "$tmp/out-dir" \
  run "$tmp/a_folder.json" --out "$tmp/out-dir"

: >"$tmp/empty.json"
expect_failure "run on an empty file" 2 "empty.json: file is empty, expected a JSON object" \
  "$tmp/out-empty" run "$tmp/empty.json" --out "$tmp/out-empty"

expect_failure "run on a missing file" 2 "no_such_file.json: file not found" "$tmp/out-missing" \
  run "$tmp/no_such_file.json" --out "$tmp/out-missing"

head -c 100000000 /dev/urandom >"$tmp/garbage.json"
start=$(date +%s%N)
expect_failure "run on 100 MB of random bytes" 2 "expected a scenario file (.json) of at most" \
  "$tmp/out-garbage" run "$tmp/garbage.json" --out "$tmp/out-garbage"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
if [[ $elapsed_ms -lt 2000 ]]; then pass "100 MB of random bytes refused in ${elapsed_ms} ms"
else fail "100 MB of random bytes" "took ${elapsed_ms} ms, expected under 2 s"; fi
rm -f "$tmp/garbage.json"

head -c 1000000 /dev/urandom >"$tmp/garbage-1mb.json"
expect_failure "run on 1 MB of random bytes" 2 "not valid JSON at line" "$tmp/out-garbage1" \
  run "$tmp/garbage-1mb.json" --out "$tmp/out-garbage1"

expect_failure "run on an endless device" 2 "is not a regular file (a pipe, device or socket)" \
  "$tmp/out-zero" run /dev/zero --out "$tmp/out-zero"

# ---- a small valid scenario -------------------------------------------------------------
write_tiny_scenario "$tmp/tiny.json"

# ---- bad command lines ------------------------------------------------------------------------
expect_failure "an unknown option" 2 "--frobnicate" "$tmp/out-option" \
  run "$tmp/tiny.json" --frobnicate --out "$tmp/out-option"
expect_failure "--replications 0" 2 "--replications: '0' is not allowed; expected a whole number" \
  "$tmp/out-reps" run "$tmp/tiny.json" --replications 0 --out "$tmp/out-reps"
expect_failure "--seed -1" 2 "--seed: '-1' is not allowed" "$tmp/out-seed" \
  run "$tmp/tiny.json" --seed -1 --out "$tmp/out-seed"
expect_failure "--threads 0" 2 "--threads: '0' is not allowed" "$tmp/out-threads" \
  run "$tmp/tiny.json" --threads 0 --out "$tmp/out-threads"
expect_failure "an unknown command" 2 "unknown command 'frobnicate'; expected one of validate, graph" "$tmp/none" frobnicate "$tmp/tiny.json"
expect_failure "run without a file" 2 "file is required" "$tmp/none" run

# ---- outputs that cannot be written -----------------------------------------------------
: >"$tmp/plain_file"
expect_failure "--out under a regular file" 3 "cannot create output folder" "$tmp/plain_file/out" \
  run "$tmp/tiny.json" --out "$tmp/plain_file/out" -q
if [[ -f $tmp/plain_file && ! -s $tmp/plain_file ]]; then pass "the file in the way is untouched"
else fail "the file in the way" "was changed"; fi
expect_failure "--out naming a regular file" 3 "cannot create output folder" "$tmp/none" \
  run "$tmp/tiny.json" --out "$tmp/plain_file" -q
if [[ -f $tmp/plain_file && ! -s $tmp/plain_file ]]; then pass "--out file is untouched"
else fail "--out file" "was changed"; fi

# ---- good input -------------------------------------------------------------------------------
run_casesim validate "$tmp/tiny.json"
if [[ $code -eq 0 ]] && grep -qF "valid" "$tmp/stdout"; then pass "validate a good scenario"
else fail "validate a good scenario" "exit code $code"; fi

# Every scenario we ship loads: the baseline, the force example, the
# policies and the examples (the schema test cannot see a wrong reference).
for f in "$source_dir"/scenarios/*.json "$source_dir"/scenarios/policies/*.json \
         "$source_dir"/scenarios/examples/*.json; do
  [[ $(basename "$f") == schema.json ]] && continue
  run_casesim validate "$f"
  name=${f#"$source_dir"/}
  if [[ $code -eq 0 ]]; then pass "validate $name"
  else fail "validate $name" "exit code $code"; fi
done

run_casesim run "$tmp/tiny.json" --out "$tmp/out-good" --quiet
if [[ $code -ne 0 ]]; then
  fail "run a good scenario" "exit code $code"
else
  pass "run a good scenario"
  for f in summary.json summary.csv replications.csv cases.csv timeseries.csv pathway.dot; do
    if [[ -s $tmp/out-good/$f ]]; then pass "run wrote $f"; else fail "run wrote $f" "missing or empty"; fi
  done
  leftovers=$(find "$tmp/out-good" -name '.*' -o -name '*.tmp*')
  if [[ -z $leftovers ]]; then pass "run left no temporary files"
  else fail "run left no temporary files" "$leftovers"; fi
fi

# The policy comparison table in scenarios/README.md is generated between
# markers by scripts/policy-table.sh, never typed: the markers must stay.
if grep -qF "<!-- policy-table:start -->" "$source_dir/scenarios/README.md" &&
   grep -qF "<!-- policy-table:end -->" "$source_dir/scenarios/README.md"; then
  pass "scenarios/README.md keeps the generated policy table's markers"
else
  fail "scenarios/README.md keeps the generated policy table's markers" "markers missing"
fi

# calibration-check measures a scenario and writes one markdown file beside
# it; a stated assumption that points nowhere is refused with its pointer.
mkdir -p "$tmp/cal"
echo "{ \"extends\": \"$source_dir/scenarios/examples/specialist-courts.json\" }" \
  >"$tmp/cal/specialist-courts.json"
run_casesim calibration-check "$tmp/cal/specialist-courts.json" -r 2 \
  --sensitivity-replications 1 --quiet
if [[ $code -eq 0 ]] && grep -qF "| T8 |" "$tmp/cal/CALIBRATION.md" &&
   grep -qF "## Sensitivity" "$tmp/cal/CALIBRATION.md"; then
  pass "calibration-check writes CALIBRATION.md"
else
  fail "calibration-check writes CALIBRATION.md" "exit code $code"
fi
# The scenario's report shows that sensitivity table beside its stated
# assumptions, and only while the values it measured are the ones run.
run_casesim run "$tmp/cal/specialist-courts.json" -r 1 -o "$tmp/cal/run" --quiet
if [[ $code -eq 0 ]] && grep -qF "How the headline delays move with each assumption" \
    "$tmp/cal/run/report.html" && grep -qF "<table class=\"sensitivity\">" "$tmp/cal/run/report.html"; then
  pass "the report shows CALIBRATION.md's sensitivity table for the scenario it measured"
else
  fail "the report shows CALIBRATION.md's sensitivity table for the scenario it measured" "exit code $code"
fi
run_casesim run "$tmp/cal/specialist-courts.json" -r 1 -o "$tmp/cal/moved" --quiet \
  --set /meta/horizon_days=1700
if [[ $code -eq 0 ]] && grep -qF "measured other values" "$tmp/cal/moved/report.html" &&
   ! grep -qF "<table class=\"sensitivity\">" "$tmp/cal/moved/report.html"; then
  pass "a run with other values says why the sensitivity table is not shown"
else
  fail "a run with other values says why the sensitivity table is not shown" "exit code $code"
fi
cat > "$tmp/bad-assumption.json" <<JSON
{ "extends": "$source_dir/scenarios/examples/specialist-courts.json",
  "meta": { "assumptions": [ { "parameter": "/courts/overlistin", "reason": "typo" } ] } }
JSON
run_casesim calibration-check "$tmp/bad-assumption.json" -r 1 --out "$tmp/cal2/CALIBRATION.md"
if [[ $code -eq 2 ]] && grep -qF "/meta/assumptions/0/parameter" "$tmp/stderr" && [[ ! -e $tmp/cal2 ]]; then
  pass "calibration-check refuses an assumption that points nowhere"
else
  fail "calibration-check refuses an assumption that points nowhere" "exit code $code"
fi

# Nothing was written anywhere else: no default out/ folder, no temporaries
# next to the broken scenarios.
if [[ ! -e $tmp/out ]]; then pass "no default out/ folder"; else fail "no default out/ folder" "out/ exists"; fi
stray=$(find "$bad_dir" -mindepth 1 ! -name '*.json' ! -name EXPECTED.tsv)
if [[ -z $stray ]]; then pass "nothing written next to the broken scenarios"
else fail "nothing written next to the broken scenarios" "$stray"; fi

finish
