#!/usr/bin/env bash
# `make sanitize`: casesim built with clang 14 under AddressSanitizer and
# UndefinedBehaviorSanitizer (in BUILD, default build-fuzz: the same build as
# the fuzz targets, so CI compiles it once), then the unit tests and a short
# run of every shipped scenario under them. Any sanitizer report stops the
# program (-fno-sanitize-recover), so it fails this script. This is also the
# project's clang build. Usage: scripts/sanitize.sh [BUILD]
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}

source scripts/sanitizer-build.sh
sanitizer_build "$build" casesim casesim_tests || exit $?

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
status=0
start=$SECONDS
echo "sanitize: unit tests"
if ! "$build/tests/casesim_tests" --order lex; then status=1; fi
echo "sanitize: unit tests took $((SECONDS - start)) s"

# A short run of every shipped scenario: two replications of its first year
# (warm-up off), on two threads so the replication runner is exercised too.
# A scenario with a dated change after its first year refuses that cut (exit
# 2, "outside the run"): it runs instead over its own horizon with a tenth of
# its reports, one replication, so the change still happens under the
# sanitizers at about the same cost.
out=$(mktemp -d "${TMPDIR:-/tmp}/casesim-sanitize.XXXXXX")
trap 'rm -rf "$out"' EXIT
start=$SECONDS
n=0
for f in scenarios/*.json scenarios/*/*.json; do
  [[ $f == scenarios/schema.json ]] && continue
  n=$((n + 1))
  "$build/app/casesim" run "$f" -r 2 -t 2 -q --set /meta/horizon_days=365 \
    --set /meta/warmup_days=0 -o "$out/$n" 2>"$out/stderr"
  code=$?
  if [[ $code -eq 2 ]] && grep -q 'is outside the run' "$out/stderr"; then
    "$build/app/casesim" run "$f" -r 1 -t 2 -q --set /meta/warmup_days=0 \
      --scale /arrivals/reports_per_year=0.1 -o "$out/$n" 2>"$out/stderr"
    code=$?
  fi
  if [[ $code -ne 0 ]]; then
    echo "sanitize: FAIL casesim run $f (exit $code)"
    head -30 "$out/stderr"
    status=1
  fi
done
echo "sanitize: $n scenarios run in $((SECONDS - start)) s"
[[ $status -eq 0 ]] && echo "sanitize: no sanitizer report"
exit $status
