#!/usr/bin/env bash
# What a sweep and a seek cost at force scale, as docs/levers-and-sweeps.md
# reports them (the issue's budget: a 10-point sweep of 20 replications in
# under 5 s, a seek over 1-20 in under 10 s, on a 2-core machine):
#   1. `casesim sweep` of the force example's courtrooms over 10 values,
#      20 replications each;
#   2. `casesim seek` of its ring-fenced rooms over 1-20 for a charge-to-trial
#      target (scenarios/examples/force-ring-fenced-rooms.json), 20
#      replications at each value it visits.
# Each prints wall and processor time and peak memory.
#
#   bash bench/sweep.sh BUILD_DIR [THREADS]     (default: all cores)
#
# Figures vary with what else the machine is doing; run it on a quiet one.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: bash bench/sweep.sh BUILD_DIR [THREADS]" >&2
  exit 2
fi
build=$1
threads=${2:-$(nproc)}
root=$(cd "$(dirname "$0")/.." && pwd)
casesim="$build/app/casesim"
[ -x "$casesim" ] || { echo "bench: $casesim is not built (make build)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (Debian package time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/casesim-sweep.XXXXXX")
trap 'rm -rf "$work"' EXIT

timed() {
  local label=$1
  shift
  /usr/bin/time -f "%e %U %M" -o "$work/time" "$casesim" "$@" -t "$threads" >"$work/out"
  read -r wall cpu rss <"$work/time"
  echo "$label: wall ${wall} s, processor ${cpu} s, peak $((rss / 1024)) MB ($threads threads)"
}

echo "casesim sweep and seek at force scale, $(nproc) cores"
timed "sweep: force example, courtrooms 1-10, 10 points x 20 replications" \
  sweep "$root/scenarios/force-example.json" --vary /resources/courtrooms/count=1:10:1 -r 20 \
  -q -o "$work/sweep"
timed "seek: ring-fenced rooms over 1-20, 20 replications a value" \
  seek "$root/scenarios/examples/force-ring-fenced-rooms.json" \
  --vary /resources/specialist_rooms/count=1:20 --target "charge_to_trial_start_days <= 250" \
  -r 20 -o "$work/seek"
grep -E "^(Smallest|Every|Unreachable)|values run" "$work/out" | sed 's/^/  /'
