#!/usr/bin/env bash
# Golden results: the shipped baseline and the specialist-courts example run
# with a fixed seed must give the same files to the byte as the ones kept in
# tests/golden/. This is the regression that guards refactors: a change that
# alters results on purpose says why in its commit and refreshes the files
# with `tests/golden_test.sh CASESIM ROOT --refresh` in the same commit.
# The baseline's cases.csv (tens of MB) is kept as its SHA-256.
set -euo pipefail
casesim=$(realpath "$1")
root=$(realpath "$2")
refresh=${3:-}
cd "$root"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# name, scenario, files compared to the byte, files compared by hash
runs=(
  "baseline|scenarios/baseline.json|summary.json timeseries.csv communication.csv|cases.csv"
  "specialist-courts|scenarios/examples/specialist-courts.json|summary.json timeseries.csv cases.csv|"
)
failed=0
for entry in "${runs[@]}"; do
  IFS='|' read -r name scenario exact hashed <<<"$entry"
  out="$scratch/$name"
  "$casesim" run "$scenario" -r 2 -s 7 -t 2 -o "$out" -q
  golden="$root/tests/golden/$name"
  if [ "$refresh" = "--refresh" ]; then
    mkdir -p "$golden"
    for f in $exact; do cp "$out/$f" "$golden/$f"; done
    for f in $hashed; do (cd "$out" && sha256sum "$f") >"$golden/$f.sha256"; done
    echo "refreshed $golden"
    continue
  fi
  for f in $exact; do
    if ! cmp -s "$out/$f" "$golden/$f"; then
      echo "FAIL: $name/$f differs from tests/golden/$name/$f:"
      diff "$golden/$f" "$out/$f" | head -20 || true
      failed=1
    fi
  done
  for f in $hashed; do
    if ! (cd "$out" && sha256sum -c --quiet "$golden/$f.sha256"); then
      echo "FAIL: $name/$f's SHA-256 differs from tests/golden/$name/$f.sha256"
      failed=1
    fi
  done
done
[ "$failed" -eq 0 ] && echo "golden: every file the same to the byte"
exit "$failed"
