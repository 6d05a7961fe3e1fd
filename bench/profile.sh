#!/usr/bin/env bash
# Where a national replication's instructions go: one replication of the
# baseline over YEARS years (default 2, one of them warm-up) under
# callgrind, then the functions that cost most, inclusive and exclusive.
# Instruction counts do not depend on what else the machine is doing, so they
# compare changes where wall times on a shared machine cannot. (perf would be
# quicker, but where hardware counters are not exposed, as in most VMs,
# `perf stat -e instructions` reports "not supported".)
#
#   bash bench/profile.sh BUILD_DIR [YEARS] [SCENARIO]
set -euo pipefail
build=${1:?usage: bash bench/profile.sh BUILD_DIR [YEARS] [SCENARIO]}
years=${2:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
scenario=${3:-$root/scenarios/baseline.json}
command -v valgrind >/dev/null || { echo "bench: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/casesim-profile.XXXXXX")
trap 'rm -rf "$work"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$build/app/casesim" run "$scenario" -r 1 -t 1 -q -o "$work/out" \
  --set "/meta/horizon_days=$((365 * years))" --set /meta/warmup_days=365 2>"$work/valgrind.log"
grep -E "Collected" "$work/valgrind.log" || true
echo "--- exclusive (self) cost"
callgrind_annotate "$work/callgrind.out" 2>/dev/null | sed -n '/Ir/,$p' | head -30
echo "--- inclusive cost"
callgrind_annotate --inclusive=yes "$work/callgrind.out" 2>/dev/null | sed -n '/Ir/,$p' | head -40
