#!/usr/bin/env bash
# `casesim fit` end to end: the cases.csv of a run fitted back onto its own
# scenario writes its four files together (the fragment a scenario that
# validates); bad rows are reported by line number and refuse the fit with
# nothing written, unless --skip-bad-rows; bad input and options exit 2 and
# an unwritable folder 3, writing nothing.
#
# Usage: fit_cli_test.sh CASESIM_BINARY
set -u

casesim=${1:?usage: fit_cli_test.sh CASESIM_BINARY}
casesim=$(cd "$(dirname "$casesim")" && pwd)/$(basename "$casesim")

source "$(dirname "${BASH_SOURCE[0]}")/cli_harness.sh"

# A scenario whose every interval is one timed stage, run for two years. It
# marks no referral, first hearing or PTPH, so those columns of its cases.csv
# are empty and the fit joins report to charge to trial start.
cat >"$tmp/known.json" <<'EOF'
{
  "meta": {"name": "known", "start_date": "2023-01-01", "horizon_days": 730, "replications": 1,
           "seed": 5},
  "arrivals": {"reports_per_year": 1200},
  "case_types": {"adult": {"share": 1}},
  "resources": {"officers": {"count": 10000}},
  "pathway": {
    "entry": "investigation",
    "stages": {
      "investigation": {"kind": "work", "pool": "officers", "withdrawal_per_year": 0.5,
                        "duration": {"lognormal": {"median": 60, "p90": 150}}, "next": "decision"},
      "decision": {"kind": "decision", "branches": [{"to": "charged", "probability": 0.3},
                                                    {"to": "nfa", "probability": 0.7}]},
      "charged": {"kind": "delay", "milestone": "charge",
                  "duration": {"gamma": {"shape": 2, "scale": 15}}, "next": "trial"},
      "trial": {"kind": "court", "milestone": "trial_start", "duration": 3,
                "branches": [{"to": "convicted", "probability": 0.6},
                             {"to": "acquitted", "probability": 0.4}]},
      "nfa": {"kind": "terminal", "outcome": "police_nfa"},
      "convicted": {"kind": "terminal", "outcome": "convicted"},
      "acquitted": {"kind": "terminal", "outcome": "acquitted"}
    }
  }
}
EOF
run_casesim run "$tmp/known.json" --out "$tmp/run" --quiet
if [[ $code -eq 0 && -s $tmp/run/cases.csv ]]; then pass "a run writes the cases.csv to fit"
else fail "a run writes the cases.csv to fit" "exit code $code"; exit 1; fi
cp "$tmp/run/cases.csv" "$tmp/cases.csv"

# ---- a good extract -----------------------------------------------------------------------
run_casesim fit "$tmp/cases.csv" --scenario "$tmp/known.json" --as-of 2024-06-30 --out "$tmp/fit"
if [[ $code -eq 0 ]]; then pass "fit a good extract"; else fail "fit a good extract" "exit code $code"; fi
cp "$tmp/stdout" "$tmp/fit-stdout"
for f in fragment.json fit.json fit.csv fit-report.html; do
  check "fit wrote $f" test -s "$tmp/fit/$f"
done
check "fit left no temporary files" test -z "$(find "$tmp/fit" -name '.*')"
check "fit says what it fitted" grep -qF "report -> charge:" "$tmp/fit-stdout"
check "the fragment extends the scenario" grep -qF '"extends": "../known.json"' "$tmp/fit/fragment.json"
check "the fragment sets the investigation's duration" grep -qF '"investigation"' "$tmp/fit/fragment.json"
check "the fragment sets the decision's branches" grep -qF '"decision"' "$tmp/fit/fragment.json"
check "fit.json is censored at the as-of date" grep -qF '"as_of": "2024-06-30"' "$tmp/fit/fit.json"
run_casesim validate "$tmp/fit/fragment.json"
if [[ $code -eq 0 ]]; then pass "the fragment is a valid scenario"
else fail "the fragment is a valid scenario" "exit code $code"; fi
declared=$(grep -o 'data-chart-count="[0-9]*"' "$tmp/fit/fit-report.html" | grep -o '[0-9]*')
containers=$(grep -o '<div class="chart" id="chart-[0-9]*"' "$tmp/fit/fit-report.html" | wc -l)
if [[ -n $declared && $declared -eq $containers && $containers -eq 3 ]]; then
  pass "fit-report.html declares its 3 charts"
else
  fail "fit-report.html declares its charts" "declared '$declared', containers $containers"
fi
# Two intervals fitted, three families, four estimates each: the trial's
# fixed 3 days have no spread to fit.
check "fit.csv has a row per estimate" test "$(grep -c '^duration,' "$tmp/fit/fit.csv")" -eq 24
check "the fixed-length trial is not fitted" grep -qF "every observed end is the same" "$tmp/fit-stdout"

# The default output folder is out/fit.
run_casesim fit "$tmp/cases.csv" --scenario "$tmp/known.json" --quiet
if [[ $code -eq 0 && -s $tmp/out/fit/fragment.json && ! -s $tmp/stdout ]]; then
  pass "fit writes to out/fit by default, quietly"
else
  fail "fit writes to out/fit by default" "exit code $code"
fi
rm -rf "$tmp/out"

# ---- bad rows -------------------------------------------------------------------------------
cp "$tmp/cases.csv" "$tmp/bad.csv"
line=$(($(wc -l <"$tmp/bad.csv") + 1))
# A copy of the first case with a date that does not exist, and one with an
# outcome the scenario does not have.
sed -n 2p "$tmp/cases.csv" | awk -F, -v OFS=, '{$1="X1"; $8="2023-02-30"; print}' >>"$tmp/bad.csv"
sed -n 2p "$tmp/cases.csv" | awk -F, -v OFS=, '{$1="X2"; $12="2024-01-01"; $13="hung"; print}' \
  >>"$tmp/bad.csv"
expect_failure "bad rows refuse the fit" 2 "nothing was fitted" "$tmp/fit-bad" \
  fit "$tmp/bad.csv" --scenario "$tmp/known.json" --out "$tmp/fit-bad"
check "a bad date is reported by line" \
  grep -qF "bad.csv:$line: charge_date 2023-02-30 is not a date (expected YYYY-MM-DD)" "$tmp/stderr"
check "an unknown outcome is reported by line" \
  grep -qF "bad.csv:$((line + 1)): outcome 'hung' is not an outcome of the scenario" "$tmp/stderr"

run_casesim fit "$tmp/bad.csv" --scenario "$tmp/known.json" --out "$tmp/fit-skip" --skip-bad-rows
if [[ $code -eq 0 && -s $tmp/fit-skip/fragment.json ]]; then pass "--skip-bad-rows fits the rest"
else fail "--skip-bad-rows fits the rest" "exit code $code"; fi
check "--skip-bad-rows still reports them" grep -qF "2 bad rows left out" "$tmp/stderr"
check "fit.json lists the bad rows" grep -qF "\"line\": $line" "$tmp/fit-skip/fit.json"

# ---- bad input and options ------------------------------------------------------------------
expect_failure "a missing extract" 2 "no_such.csv: file not found" "$tmp/fit-missing" \
  fit "$tmp/no_such.csv" --scenario "$tmp/known.json" --out "$tmp/fit-missing"
printf 'case_id,report_date,outcome\nA,2023-01-01,open\n' >"$tmp/columns.csv"
expect_failure "a header without required columns" 2 \
  "columns.csv:1: header has no type, completion_date columns" "$tmp/fit-columns" \
  fit "$tmp/columns.csv" --scenario "$tmp/known.json" --out "$tmp/fit-columns"
expect_failure "--as-of that is not a date" 2 "--as-of: '2024-02-30' is not a date" "$tmp/fit-asof" \
  fit "$tmp/cases.csv" --scenario "$tmp/known.json" --as-of 2024-02-30 --out "$tmp/fit-asof"
expect_failure "--as-of before every report" 2 "nothing was fitted" "$tmp/fit-early" \
  fit "$tmp/cases.csv" --scenario "$tmp/known.json" --as-of 2001-01-01 --out "$tmp/fit-early"
printf '{"meta": {}}\n' >"$tmp/broken.json"
expect_failure "a broken scenario" 2 "broken.json" "$tmp/fit-scenario" \
  fit "$tmp/cases.csv" --scenario "$tmp/broken.json" --out "$tmp/fit-scenario"
expect_failure "fit without an extract" 2 "cases is required" "$tmp/none" fit
: >"$tmp/plain_file"
expect_failure "--out under a regular file" 3 "cannot create output folder" "$tmp/plain_file/out" \
  fit "$tmp/cases.csv" --scenario "$tmp/known.json" --out "$tmp/plain_file/out"

finish
