#!/usr/bin/env bash
# The national baseline's cost, as docs/performance.md reports it:
#   1. `casesim run scenarios/baseline.json` (ten replications): wall and
#      processor time, events, and events a second per core;
#   2. the same without the communication section ("communication": null);
#   3. `casesim compare` of the baseline against a twelve-year policy
#      (scenarios/examples/policy-extends.json without its two horizon lines)
#      with REPLICATIONS replications each: wall time and peak memory.
#
#   bash bench/national.sh BUILD_DIR [REPLICATIONS]     (default 100)
#
# Figures vary with what else the machine is doing; run it on a quiet one.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: bash bench/national.sh BUILD_DIR [REPLICATIONS]" >&2
  exit 2
fi
build=$1
reps=${2:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
casesim="$build/app/casesim"
[ -x "$casesim" ] || { echo "bench: $casesim is not built (make build)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (Debian package time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/casesim-national.XXXXXX")
trap 'rm -rf "$work"' EXIT

# timed LABEL ARGS...: runs casesim, printing wall s, processor s and peak MB.
timed() {
  local label=$1
  shift
  /usr/bin/time -f "%e %U %M" -o "$work/time" "$casesim" "$@" -q >/dev/null
  read -r wall cpu rss <"$work/time"
  echo "$label: wall ${wall} s, processor ${cpu} s, peak $((rss / 1024)) MB"
}

# events_per_core SUMMARY: events over processor time, from the last timed run.
events_per_core() {
  local events
  events=$(grep -o '"events": *[0-9]*' "$1" | grep -o '[0-9]*$')
  read -r _ cpu _ <"$work/time"
  awk -v e="$events" -v c="$cpu" 'BEGIN { printf "  %d events, %.2f million a second per core\n", e, e / c / 1e6 }'
}

timed "run baseline" run "$root/scenarios/baseline.json" -o "$work/with"
events_per_core "$work/with/summary.json"

cat >"$work/no-communication.json" <<EOF
{ "extends": "$root/scenarios/baseline.json", "communication": null,
  "meta": { "name": "baseline without communication" } }
EOF
timed "run baseline without communication" run "$work/no-communication.json" -o "$work/without"
events_per_core "$work/without/summary.json"

# The example's comment says to delete these two lines for a compare over the baseline's twelve years.
grep -v '"horizon_days": 1095,\|"warmup_days": 365,' "$root/scenarios/examples/policy-extends.json" |
  sed "s|\"extends\": \"../baseline.json\"|\"extends\": \"$root/scenarios/baseline.json\"|" >"$work/P.json"
timed "compare baseline and a twelve-year policy, $reps replications" \
  compare "$root/scenarios/baseline.json" "$work/P.json" -r "$reps" -o "$work/compare"
