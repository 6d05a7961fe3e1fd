#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets in fuzz/ with clang 14 (ASan and
# UBSan on, in BUILD, default build-fuzz) and runs each for SECONDS (default
# 180), one after another, from a seed corpus of the shipped scenarios and
# tests/bad_scenarios/ (case extracts: the shipped and golden CSV files; the
# workshop's requests: fuzz/workshop_seeds/) with a dictionary of the format's
# words generated from scenarios/schema.json (fuzz/workshop.dict for requests).
# The corpus each run grows is kept in BUILD/fuzz-corpus/ for the next run.
# Prints each target's executions; exits 1 if any target found a crash, a
# sanitizer report, a leak or a hang (its input is in BUILD/fuzz-artifacts/:
# make it a file of tests/bad_scenarios/ with its expected error, see
# docs/reliability.md). Usage: scripts/fuzz.sh [SECONDS] [BUILD] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-180}
build=${2:-build-fuzz}
shift 2 2>/dev/null || shift $#
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(scenario_loader case_extract one_replication workshop_request)

source scripts/sanitizer-build.sh
sanitizer_build "$build" "${targets[@]/%/_fuzz}" || exit $?

work=$(pwd)/$build
mkdir -p "$work/fuzz-artifacts"
node fuzz/schema_dictionary.js scenarios/schema.json >"$work/scenario.dict" || exit 1

# Seeds: copied fresh each time (the grown corpus is kept apart from them).
seeds=$work/fuzz-seeds
rm -rf "$seeds"
mkdir -p "$seeds/scenario" "$seeds/extract" "$seeds/workshop"
i=0
for f in scenarios/*.json scenarios/*/*.json tests/bad_scenarios/*.json; do
  [[ $f == scenarios/schema.json ]] && continue
  cp "$f" "$seeds/scenario/$((i++))-$(basename "$f")"
done
for f in scenarios/*.csv scenarios/examples/*.csv; do cp "$f" "$seeds/extract/"; done
head -n 40 tests/golden/specialist-courts/cases.csv >"$seeds/extract/golden-cases-head.csv"
cp fuzz/workshop_seeds/* "$seeds/workshop/"

status=0
for t in "${targets[@]}"; do
  case $t in
    case_extract) seed=$seeds/extract dict=() ;;
    workshop_request) seed=$seeds/workshop dict=(-dict=fuzz/workshop.dict) ;;
    *) seed=$seeds/scenario dict=(-dict="$work/scenario.dict") ;;
  esac
  corpus=$work/fuzz-corpus/$t
  mkdir -p "$corpus"
  log=$work/fuzz-$t.log
  echo "fuzz: $t for ${seconds} s (log $log)"
  # -timeout: a single input taking 30 s is a hang; -rss_limit_mb: 2 GB is
  # far more than any bounded input needs.
  "$work/fuzz/${t}_fuzz" "${dict[@]}" -max_total_time="$seconds" -timeout=30 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/fuzz-artifacts/$t-" \
    "$corpus" "$seed" >"$log" 2>&1
  code=$?
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$')
  if [[ $code -ne 0 ]]; then
    status=1
    echo "fuzz: $t FAILED after ${execs:-?} executions (exit $code):"
    grep -E 'ERROR|SUMMARY|Test unit written|runtime error' "$log" | head -8
  else
    echo "fuzz: $t ok: ${execs:-?} executions, no crash"
  fi
done
exit $status
