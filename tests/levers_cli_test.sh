#!/usr/bin/env bash
# Levers on the command line: --set and --scale on run, compare and
# calibration-check, refused with the pointer named (exit 2, nothing
# written), recorded in summary.json and shown in report.html; and
# `casesim sweep` and `casesim seek` end to end.
#
# Usage: levers_cli_test.sh CASESIM_BINARY PROJECT_SOURCE_DIR
set -u

casesim=${1:?usage: levers_cli_test.sh CASESIM_BINARY PROJECT_SOURCE_DIR}
source_dir=${2:?usage: levers_cli_test.sh CASESIM_BINARY PROJECT_SOURCE_DIR}
casesim=$(cd "$(dirname "$casesim")" && pwd)/$(basename "$casesim")
cli_timeout=60
source "$(dirname "${BASH_SOURCE[0]}")/cli_harness.sh"

write_tiny_scenario "$tmp/tiny.json"

# ---- bad levers: exit 2, the pointer named, nothing written --------------------------------
expect_failure "--set with a pointer that leads nowhere" 2 \
  "/resources/oficers/count: --set /resources/oficers/count=4: /resources has no 'oficers' (did you mean 'officers'?)" \
  "$tmp/out-bad1" run "$tmp/tiny.json" --set /resources/oficers/count=4 --out "$tmp/out-bad1"
expect_failure "--set with a value of the wrong type" 2 \
  "/resources/officers/count: expected a whole number" \
  "$tmp/out-bad2" run "$tmp/tiny.json" --set /resources/officers/count=lots --out "$tmp/out-bad2"
expect_failure "--set with a value out of range" 2 \
  "/arrivals/reports_per_year: -5 is out of range; expected a number of reports per year > 0 (moved by --set /arrivals/reports_per_year=-5)" \
  "$tmp/out-bad3" run "$tmp/tiny.json" --set /arrivals/reports_per_year=-5 --out "$tmp/out-bad3"
expect_failure "--set without '='" 2 "--set /arrivals: expected POINTER=VALUE" \
  "$tmp/out-bad4" run "$tmp/tiny.json" --set /arrivals --out "$tmp/out-bad4"
expect_failure "--scale by a word" 2 "'twice' is not a number; expected a factor" \
  "$tmp/out-bad5" run "$tmp/tiny.json" --scale /arrivals/reports_per_year=twice --out "$tmp/out-bad5"
expect_failure "compare with a bad --set" 2 "/resources/oficers/count" "$tmp/out-bad6" \
  compare "$tmp/tiny.json" "$tmp/tiny.json" --set /resources/oficers/count=4 --out "$tmp/out-bad6"
expect_failure "calibration-check with a bad --scale" 2 "/nowhere" "$tmp/cal-bad" \
  calibration-check "$tmp/tiny.json" --scale /nowhere=2 --out "$tmp/cal-bad/CALIBRATION.md"

# ---- good levers: applied, recorded, shown ---------------------------------------------------
run_casesim run "$tmp/tiny.json" --set /resources/officers/count=7 \
  --scale /pathway/stages/investigation/duration=1.5 --out "$tmp/out-good" --quiet
if [[ $code -eq 0 ]]; then pass "run with --set and --scale"; else fail "run with --set and --scale" "exit code $code"; fi
check "summary.json records the --set" \
  grep -qF '"pointer": "/resources/officers/count",' "$tmp/out-good/summary.json"
check "summary.json records its value" grep -qF '"set": 7' "$tmp/out-good/summary.json"
check "summary.json records the --scale" grep -qF '"scale": 1.5' "$tmp/out-good/summary.json"
check "report.html shows the levers moved" \
  grep -qF "Levers moved from the file" "$tmp/out-good/report.html"
check "report.html shows the --set" \
  grep -qF -- "--set /resources/officers/count=7" "$tmp/out-good/report.html"

# The same run without levers records none: a file run as written is unchanged.
run_casesim run "$tmp/tiny.json" --out "$tmp/out-plain" --quiet
if ! grep -qF '"levers"' "$tmp/out-plain/summary.json"; then pass "no levers, no \"levers\" key"
else fail "no levers, no \"levers\" key" "found one"; fi
# A --set to the value the file already has changes no number.
run_casesim run "$tmp/tiny.json" --set /resources/officers/count=3 --out "$tmp/out-same" --quiet
if cmp -s "$tmp/out-same/cases.csv" "$tmp/out-plain/cases.csv"; then
  pass "--set to the file's own value changes no result"
else
  fail "--set to the file's own value changes no result" "cases.csv differs"
fi
# A real move changes results.
if ! cmp -s "$tmp/out-good/cases.csv" "$tmp/out-plain/cases.csv"; then pass "--set moves results"
else fail "--set moves results" "cases.csv identical"; fi

# ---- sweep -----------------------------------------------------------------------------------
run_casesim sweep "$tmp/tiny.json" --vary /resources/officers/count=1:3:1 -r 3 --out "$tmp/sweep1" -q
if [[ $code -eq 0 ]]; then pass "sweep over one lever"; else fail "sweep over one lever" "exit code $code"; fi
for f in sweep.csv sweep.json sweep-report.html; do
  check "sweep wrote $f" test -s "$tmp/sweep1/$f"
done
check "sweep.csv has a lever column and the figures"   grep -qF "/resources/officers/count,metric,unit,mean,ci_low,ci_high,median,p90,n" "$tmp/sweep1/sweep.csv"
rows=$(grep -c ",report_to_charge_days," "$tmp/sweep1/sweep.csv")
if [[ $rows -eq 3 ]]; then pass "sweep.csv has one row per point and figure"
else fail "sweep.csv has one row per point and figure" "$rows rows of report_to_charge_days"; fi
check "sweep.json says common random numbers" grep -qF '"common_random_numbers": true' "$tmp/sweep1/sweep.json"
run_casesim sweep "$tmp/tiny.json" --vary /resources/officers/count=2,3   --vary /arrivals/reports_per_year=150,250 -r 2 --out "$tmp/sweep2" -q
if [[ $code -eq 0 ]] && [[ $(grep -c ",report_to_charge_days," "$tmp/sweep2/sweep.csv") -eq 4 ]]; then
  pass "sweep over two levers runs the grid"
else fail "sweep over two levers runs the grid" "exit code $code"; fi
run_casesim sweep "$tmp/tiny.json" --vary /resources/officers/count=1:5   --vary /arrivals/reports_per_year=100:300 --design lhs --points 6 -r 2 --out "$tmp/sweep3" -q
if [[ $code -eq 0 ]] && grep -qF '"design": "latin_hypercube"' "$tmp/sweep3/sweep.json"; then
  pass "sweep --design lhs"
else fail "sweep --design lhs" "exit code $code"; fi
expect_failure "sweep with a bad --vary" 2 "/resources/oficers/count" "$tmp/sweep-bad1"   sweep "$tmp/tiny.json" --vary /resources/oficers/count=1,2 --out "$tmp/sweep-bad1"
expect_failure "sweep to a value the scenario cannot take" 2   "/pathway/stages/decision/branches/0/probability" "$tmp/sweep-bad2"   sweep "$tmp/tiny.json" --vary /pathway/stages/decision/branches/0/probability=0.3,1.5 --out "$tmp/sweep-bad2"
expect_failure "sweep with three levers on a grid" 2 "--design lhs" "$tmp/sweep-bad3"   sweep "$tmp/tiny.json" --vary /resources/officers/count=1,2 --vary /arrivals/reports_per_year=1,2   --vary /meta/horizon_days=100,200 --out "$tmp/sweep-bad3"

# ---- seek ------------------------------------------------------------------------------------
run_casesim seek "$tmp/tiny.json" --vary /resources/officers/count=1:12   --target "mean_queue.officers <= 0.5" -r 4 --out "$tmp/seek1"
if [[ $code -eq 0 ]] && grep -qE "^Smallest: /resources/officers/count = [0-9]+" "$tmp/stdout"; then
  pass "seek finds a smallest count"
else fail "seek finds a smallest count" "exit code $code: $(head -2 "$tmp/stdout")"; fi
check "seek wrote seek.json" grep -qF '"outcome": "found"' "$tmp/seek1/seek.json"
run_casesim seek "$tmp/tiny.json" --vary /resources/officers/count=1:12   --target "utilisation.officers >= 0.99" -r 4 --out "$tmp/seek2"
if [[ $code -eq 0 ]] && grep -qF "Unreachable:" "$tmp/stdout" && grep -qF "never rises above" "$tmp/stdout"; then
  pass "seek says plainly when the target is out of reach"
else fail "seek says plainly when the target is out of reach" "exit code $code: $(head -2 "$tmp/stdout")"; fi
# Out of reach on charge to trial: it says where that time goes at the best
# value (the parts no number of rooms shortens).
run_casesim seek "$source_dir/scenarios/examples/force-ring-fenced-rooms.json" \
  --vary /resources/specialist_rooms/count=1:20 --target "charge_to_trial_start_days <= 10" -r 2 \
  --out "$tmp/seek3"
if [[ $code -eq 0 ]] && grep -qF "Unreachable:" "$tmp/stdout" &&
   grep -qE "where the time goes at .*= 20: [0-9]+ days before the case asks for a trial date" "$tmp/stdout" &&
   grep -qF '"where_the_time_goes_at_best"' "$tmp/seek3/seek.json"; then
  pass "an unreachable charge-to-trial target says where the time goes"
else fail "an unreachable charge-to-trial target says where the time goes" "exit code $code: $(head -3 "$tmp/stdout")"; fi
expect_failure "seek on a figure the scenario lacks" 2 "did you mean 'report_to_charge_days'"   "$tmp/seek-bad1" seek "$tmp/tiny.json" --vary /resources/officers/count=1:5   --target "report_to_charg_days <= 3" --out "$tmp/seek-bad1"
expect_failure "seek with a malformed target" 2 'expected "FIGURE <= VALUE"' "$tmp/seek-bad2"   seek "$tmp/tiny.json" --vary /resources/officers/count=1:5 --target "report_to_charge_days = 3"   --out "$tmp/seek-bad2"

finish
