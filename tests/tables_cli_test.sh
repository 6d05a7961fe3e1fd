#!/usr/bin/env bash
# The tables a run writes for spreadsheets and analysis: summary.csv (one row
# per metric of summary.json), replications.csv (one row per replication and
# metric, whose values average to summary.json's means), --csv-bom on every
# command that writes CSV, and cases.csv of every replication (--cases all).
#
# Usage: tables_cli_test.sh CASESIM_BINARY NODE
# NODE reads summary.json; without it the test is skipped (exit 77).
set -u

casesim=${1:?usage: tables_cli_test.sh CASESIM_BINARY NODE}
node=${2:-}
[[ -n $node && -x $node ]] || { echo "node not found: skipped"; exit 77; }
casesim=$(cd "$(dirname "$casesim")" && pwd)/$(basename "$casesim")
cli_timeout=60
source "$(dirname "${BASH_SOURCE[0]}")/cli_harness.sh"

cat >"$tmp/tiny.json" <<'EOF'
{
  "meta": {"name": "tiny", "start_date": "2024-01-01", "horizon_days": 300, "warmup_days": 30,
           "replications": 3, "seed": 11},
  "arrivals": {"reports_per_year": 400},
  "case_types": {"adult": {"share": 0.7}, "child": {"share": 0.3, "child_victim": true}},
  "resources": {"officers": {"count": 3}},
  "pathway": {
    "entry": "investigation",
    "stages": {
      "investigation": {"kind": "work", "pool": "officers",
                        "duration": {"exponential": {"mean": 10}}, "next": "decision",
                        "milestone": "referral"},
      "decision": {"kind": "decision", "branches": [{"to": "charged", "probability": 0.3},
                                                    {"to": "nfa", "probability": 0.7}]},
      "charged": {"kind": "terminal", "outcome": "charged", "milestone": "charge"},
      "nfa": {"kind": "terminal", "outcome": "police_nfa"}
    }
  }
}
EOF

bom() { [[ $(head -c 3 "$1" | od -An -tx1 | tr -d ' \n') == efbbbf ]]; }
lines() { wc -l <"$1" | tr -d ' '; }

# ---- summary.csv and replications.csv ------------------------------------------------------
run_casesim run "$tmp/tiny.json" --out "$tmp/plain" --quiet -t 2
if [[ $code -eq 0 ]]; then pass "run"; else fail "run" "exit code $code"; fi
metrics=$("$node" -e 'const s = require(process.argv[1]); console.log(Object.keys(s.metrics).length)' \
  "$tmp/plain/summary.json")
check "summary.json has metrics ($metrics)" test "${metrics:-0}" -gt 10
check "summary.csv: a header and one row per metric" test "$(lines "$tmp/plain/summary.csv")" -eq $((metrics + 1))
check "summary.csv's header" test "$(head -1 "$tmp/plain/summary.csv")" = \
  "metric,unit,mean,ci_low,ci_high,median,p90,n,better,group,description"
check "replications.csv: a header and one row per replication and metric" \
  test "$(lines "$tmp/plain/replications.csv")" -eq $((3 * metrics + 1))
check "replications.csv's header" test "$(head -1 "$tmp/plain/replications.csv")" = \
  "replication,metric,unit,value"
for f in summary.csv replications.csv cases.csv timeseries.csv; do
  if bom "$tmp/plain/$f"; then fail "$f without --csv-bom" "starts with a byte-order mark"
  else pass "$f without --csv-bom has no byte-order mark"; fi
done

# Each metric's replications average to its mean in summary.json, and
# summary.csv carries the same mean and interval (the CSV files are parsed
# the simple way: no metric name or unit holds a comma).
cat >"$tmp/agree.js" <<'EOF'
const fs = require("fs");
const [dir, reps] = [process.argv[2], Number(process.argv[3])];
const summary = JSON.parse(fs.readFileSync(dir + "/summary.json", "utf8"));
const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const values = {};
for (const line of fs.readFileSync(dir + "/replications.csv", "utf8").trim().split("\n").slice(1)) {
  const [rep, name, unit, value] = line.split(",");
  (values[name] ??= []).push({rep: Number(rep), unit, value: value === "" ? NaN : Number(value)});
}
let problems = [], checked = 0;
for (const [name, m] of Object.entries(summary.metrics)) {
  const rows = values[name] || [];
  if (rows.length !== reps || rows.some((r, i) => r.rep !== i + 1 || r.unit !== m.unit)) {
    problems.push(`${name}: rows ${JSON.stringify(rows)}`);
    continue;
  }
  const finite = rows.map(r => r.value).filter(Number.isFinite);
  if (m.mean === null) {
    if (finite.length) problems.push(`${name}: mean null but values ${finite}`);
    continue;
  }
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  if (!close(mean, m.mean)) problems.push(`${name}: replications average ${mean}, mean ${m.mean}`);
  checked++;
}
const csv = fs.readFileSync(dir + "/summary.csv", "utf8").trim().split("\n").slice(1);
for (const line of csv) {
  const [name, unit, mean, low, high] = line.split(",");
  const m = summary.metrics[name];
  if (!m) { problems.push(`summary.csv: ${name} not in summary.json`); continue; }
  const same = (text, v) => v === null ? text === "" : close(Number(text), v);
  if (unit !== m.unit || !same(mean, m.mean) || !same(low, m.ci_low) || !same(high, m.ci_high))
    problems.push(`summary.csv: ${line}`);
}
if (checked < 8) problems.push(`only ${checked} metrics had a mean to check`);
if (problems.length) { console.log(problems.slice(0, 5).join("\n")); process.exit(1); }
EOF
if "$node" "$tmp/agree.js" "$tmp/plain" 3 >"$tmp/agree.out" 2>&1; then
  pass "replications.csv averages to summary.json's means; summary.csv agrees with it"
else
  fail "replications.csv and summary.csv agree with summary.json" "$(head -5 "$tmp/agree.out")"
fi

# ---- --csv-bom: every CSV of every command, and nothing else ---------------------------------
run_casesim run "$tmp/tiny.json" --out "$tmp/bom" --quiet -t 2 --csv-bom
check "run --csv-bom" test "$code" -eq 0
for f in summary.csv replications.csv cases.csv timeseries.csv; do
  check "run --csv-bom: $f starts with EF BB BF" bom "$tmp/bom/$f"
  check "run --csv-bom: $f is otherwise the same" \
    cmp -s <(tail -c +4 "$tmp/bom/$f") "$tmp/plain/$f"
done
check "run --csv-bom leaves summary.json alone" test "$(head -c 1 "$tmp/bom/summary.json")" = "{"

run_casesim compare "$tmp/tiny.json" "$tmp/tiny.json" --out "$tmp/cmp" --quiet -t 2 --csv-bom
check "compare --csv-bom" test "$code" -eq 0
check "compare --csv-bom: comparison.csv" bom "$tmp/cmp/comparison.csv"
check "compare --csv-bom: each scenario's summary.csv" bom "$tmp/cmp/tiny/summary.csv"
check "compare writes each scenario's replications.csv" bom "$tmp/cmp/tiny-2/replications.csv"
check "compare --csv-bom leaves comparison.json alone" test "$(head -c 1 "$tmp/cmp/comparison.json")" = "{"

run_casesim sweep "$tmp/tiny.json" --vary /resources/officers/count=2,4 -r 2 --out "$tmp/sweep" \
  --quiet -t 2 --csv-bom
check "sweep --csv-bom: sweep.csv" bom "$tmp/sweep/sweep.csv"

# The fit reads a run's cases.csv, byte-order mark and all.
run_casesim fit "$tmp/bom/cases.csv" --scenario "$tmp/tiny.json" --out "$tmp/fit" --quiet --csv-bom
if [[ $code -eq 0 ]]; then
  check "fit --csv-bom: fit.csv" bom "$tmp/fit/fit.csv"
  check "fit --csv-bom leaves fit.json alone" test "$(head -c 1 "$tmp/fit/fit.json")" = "{"
else
  fail "fit a cases.csv with a byte-order mark" "exit code $code"
fi

# ---- cases.csv of every replication ----------------------------------------------------------
run_casesim run "$tmp/tiny.json" --out "$tmp/all" --quiet -t 2 --cases all
check "run --cases all" test "$code" -eq 0
check "--cases all: a replication column first" \
  test "$(head -1 "$tmp/all/cases.csv")" = "replication,$(head -1 "$tmp/plain/cases.csv")"
check "--cases all: one header line" test "$(grep -c '^replication,' "$tmp/all/cases.csv")" -eq 1
check "--cases all: replications 1, 2 and 3 in order" \
  test "$(tail -n +2 "$tmp/all/cases.csv" | cut -d, -f1 | uniq | tr '\n' ' ')" = "1 2 3 "
check "--cases all: replication 1 is the default cases.csv" \
  cmp -s <(grep '^1,' "$tmp/all/cases.csv" | cut -d, -f2-) <(tail -n +2 "$tmp/plain/cases.csv")
check "--cases all: replication 2 differs from replication 1" \
  test "$(grep '^2,' "$tmp/all/cases.csv" | cut -d, -f2- | md5sum)" != \
       "$(grep '^1,' "$tmp/all/cases.csv" | cut -d, -f2- | md5sum)"
check "--cases all leaves summary.json alone" cmp -s "$tmp/all/summary.json" "$tmp/plain/summary.json"
# Each replication's new reports, counted in replications.csv, are rows of cases.csv.
for r in 1 2 3; do
  rows=$(grep -c "^$r,N" "$tmp/all/cases.csv")
  check "--cases all: replication $r has rows ($rows)" test "$rows" -gt 50
done

expect_failure "--cases with a wrong word" 2 "--cases" "$tmp/out-bad" \
  run "$tmp/tiny.json" --cases some --out "$tmp/out-bad"
# Every replication's cases cost memory: the run is refused when they would
# not fit, and says that --cases all is why.
expect_failure "--cases all refused past --max-memory" 2 "(--cases all)" "$tmp/out-big" \
  run "$tmp/tiny.json" -r 2000 -t 2 --cases all --max-memory 0.1 --out "$tmp/out-big"

finish
