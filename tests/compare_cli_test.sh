#!/usr/bin/env bash
# `casesim compare` end to end: a baseline and policies run with common random
# numbers write every scenario's files and the comparison files, all together;
# a broken scenario among them stops everything with exit code 2, every
# problem of every file listed, and nothing written.
#
# Usage: compare_cli_test.sh CASESIM_BINARY
set -u

casesim=${1:?usage: compare_cli_test.sh CASESIM_BINARY}
casesim=$(cd "$(dirname "$casesim")" && pwd)/$(basename "$casesim")

source "$(dirname "${BASH_SOURCE[0]}")/cli_harness.sh"

# A baseline where officers are the bottleneck, and policies laid over it.
cat >"$tmp/tiny.json" <<'EOF'
{
  "meta": {"name": "tiny baseline", "start_date": "2024-01-01", "horizon_days": 800,
           "warmup_days": 60, "follow_up_days": 30, "replications": 4, "seed": 3},
  "arrivals": {"reports_per_year": 365},
  "case_types": {"adult": {"share": 1}},
  "resources": {"officers": {"count": 4}},
  "pathway": {
    "entry": "investigation",
    "stages": {
      "investigation": {"kind": "work", "pool": "officers",
                        "duration": {"exponential": {"mean": 3.5}}, "next": "decision"},
      "decision": {"kind": "decision", "branches": [{"to": "charged", "probability": 0.3},
                                                    {"to": "nfa", "probability": 0.7}]},
      "charged": {"kind": "delay", "milestone": "charge", "duration": 10, "next": "done"},
      "done": {"kind": "terminal", "outcome": "charged"},
      "nfa": {"kind": "terminal", "outcome": "police_nfa"}
    }
  }
}
EOF
cat >"$tmp/more-officers.json" <<'EOF'
{ "extends": "tiny.json", "meta": {"name": "more officers"}, "resources": {"officers": {"count": 6}} }
EOF
# Its own seed and replications differ: compare overrides them, and says so.
cat >"$tmp/other-seed.json" <<'EOF'
{ "extends": "tiny.json", "meta": {"name": "other seed", "seed": 99, "replications": 7} }
EOF
mkdir -p "$tmp/copy"
cp "$tmp/tiny.json" "$tmp/copy/tiny.json"  # the baseline again, under the same file name

# ---- a good comparison ----------------------------------------------------------------
run_casesim compare tiny.json more-officers.json other-seed.json copy/tiny.json --out out-good
if [[ $code -ne 0 ]]; then
  fail "compare of good scenarios" "exit code $code"
else
  pass "compare of good scenarios exits 0"
  for f in comparison.json comparison.csv report.html \
    tiny/summary.json tiny/cases.csv tiny/timeseries.csv tiny/pathway.dot \
    more-officers/summary.json more-officers/cases.csv more-officers/timeseries.csv \
    more-officers/pathway.dot other-seed/summary.json tiny-2/summary.json; do
    if [[ -s out-good/$f ]]; then pass "compare wrote $f"; else fail "compare wrote $f" "missing or empty"; fi
  done
  leftovers=$(find out-good -name '.*')
  check "compare left no temporary files" test -z "$leftovers"

  header=$(head -1 out-good/comparison.csv)
  check "comparison.csv header" test "$header" = \
    "policy,policy_folder,metric,unit,better,baseline_mean,policy_mean,difference,ci_low,ci_high,relative,pairs,verdict,note"
  # One row per policy and metric: three policies, each with every metric,
  # and the median and 90th percentile of each delay (by year too).
  rows=$(($(wc -l <out-good/comparison.csv) - 1))
  metrics=$(grep -c '"mean":' out-good/tiny/summary.json)
  delays=$(grep -cE '"(by_year\.[^"]*|[a-z_]+_to_[a-z_]+_days)": \{' out-good/tiny/summary.json)
  check "comparison.csv has one row per policy and metric ($rows)" \
    test "$rows" -eq $((3 * (metrics + 2 * delays)))
  # Columns 6-12 hold plain numbers or nothing: no units, no % signs.
  bad_cells=$(awk -F, 'NR > 1 { for (i = 6; i <= 12; ++i)
                          if ($i != "" && $i !~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) print }' \
    out-good/comparison.csv | wc -l)
  check "comparison.csv cells hold plain numbers" test "$bad_cells" -eq 0

  check "comparison.json: the baseline's seed and replications" \
    grep -qzE '"replications": 4,[[:space:]]+"seed": 3' out-good/comparison.json
  check "the other seed is run with the baseline's" grep -q '"seed": 3' out-good/other-seed/summary.json
  check "the terminal says the policy's seed and replications were overridden" \
    grep -qF "other-seed.json runs with the baseline's seed 3 (the file says 99) and 4 replications (the file says 7)" "$tmp/stdout"
  check "the terminal table has a headline delay with a verdict" \
    grep -qE '^  report_to_charge_days: +[0-9.]+ -> [0-9.]+ days, [0-9.]+ shorter \(95% CI [0-9.]+ to [0-9.]+\) — better$' "$tmp/stdout"

  # The policy of more officers shortens the time to charge, with 4 pairs.
  check "more officers: report_to_charge_days is better" \
    grep -qE '^more officers,more-officers,report_to_charge_days,days,lower,[^,]+,[^,]+,-[^,]+,-[^,]+,-[^,]+,-[^,]+,4,better,$' out-good/comparison.csv
  # The baseline compared with itself: exactly no difference, metric by metric.
  nonzero=$(awk -F, '$2 == "tiny-2" && $8 != "" && $8 != 0' out-good/comparison.csv | wc -l)
  check "the baseline against itself differs by exactly 0 everywhere" test "$nonzero" -eq 0
  check "... and its verdicts are never better or worse" \
    test "$(awk -F, '$2 == "tiny-2" && ($13 == "better" || $13 == "worse")' out-good/comparison.csv | wc -l)" -eq 0
fi

# Common random numbers: the baseline in a comparison is exactly `casesim run` of it.
run_casesim run tiny.json --out out-run -q
check "run and compare agree on the baseline's summary.json" cmp -s out-run/summary.json out-good/tiny/summary.json

run_casesim compare tiny.json more-officers.json -q -r 2 --seed 5
check "compare -q exits 0" test "$code" -eq 0
check "compare -q prints nothing" test ! -s "$tmp/stdout" -a ! -s "$tmp/stderr"
check "the default folder is out/compare-<baseline>" test -s out/compare-tiny/comparison.json
check "--replications and --seed apply to every scenario" \
  grep -qzE '"replications": 2,[[:space:]]+"seed": 5' out/compare-tiny/more-officers/summary.json

# ---- broken scenarios: exit 2, every problem of every file, nothing written -----------
cat >"$tmp/broken-a.json" <<'EOF'
{ "extends": "tiny.json", "meta": {"name": "broken a"}, "arrivals": {"reports_per_year": 0} }
EOF
cat >"$tmp/broken-b.json" <<'EOF'
{ "extends": "tiny.json", "meta": {"name": "broken b"},
  "pathway": {"stages": {"investigation": {"pool": "officer"}}} }
EOF
run_casesim compare tiny.json more-officers.json broken-a.json broken-b.json missing.json --out out-bad
check "compare with broken policies exits 2" test "$code" -eq 2
check "... reports the first file's problem" grep -qF "broken-a.json: /arrivals/reports_per_year" "$tmp/stderr"
check "... and the second's" grep -qF "unknown resource 'officer'" "$tmp/stderr"
check "... and the missing file" grep -qF "missing.json: file not found" "$tmp/stderr"
check "... says nothing was run" grep -qF "3 problems found; nothing was run" "$tmp/stderr"
check "... writes nothing" nothing_written out-bad
check "... prints no table" test ! -s "$tmp/stdout"

run_casesim compare broken-a.json tiny.json --out out-bad-base
check "a broken baseline exits 2 and writes nothing" \
  bash -c "[[ $code -eq 2 ]] && { [[ ! -e out-bad-base ]] || [[ -z \$(ls -A out-bad-base) ]]; }"

# ---- bad command lines and unwritable outputs -------------------------------------------
run_casesim compare tiny.json --out out-none
check "compare without a policy exits 2" test "$code" -eq 2
check "... and writes nothing" nothing_written out-none
run_casesim compare tiny.json more-officers.json --replications 0 --out out-none
check "compare --replications 0 exits 2" test "$code" -eq 2
: >"$tmp/plain_file"
run_casesim compare tiny.json more-officers.json --out plain_file/out -q
check "compare into a folder under a file exits 3" test "$code" -eq 3
check "... and the file is untouched" test -f plain_file -a ! -s plain_file

finish
