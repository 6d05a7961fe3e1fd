#!/usr/bin/env bash
# The layering check can fail: on a copy of the tree, an engine header added
# to the scenario layer, and Eigen to the engine, must each be named with
# file and line, and the check must exit non-zero.
set -euo pipefail
root=$(realpath "$1")
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r "$root/sim" "$root/models" "$root/output" "$root/app" "$copy/"
bash "$root/tests/layering_test.sh" "$copy" >/dev/null
printf '#include "models/engine/case_flow_model.h"\n' >>"$copy/models/scenario/scenario.cc"
printf '#include <Eigen/Dense>\n' >>"$copy/models/engine/routing_table.cc"
line=$(wc -l <"$copy/models/scenario/scenario.cc")
if out=$(bash "$root/tests/layering_test.sh" "$copy"); then
  echo "FAIL: upward includes were not caught"; exit 1
fi
echo "$out"
grep -q "models/scenario/scenario.cc:$line: includes \"models/engine/case_flow_model.h\"" <<<"$out" \
  || { echo "FAIL: the engine include was not named with its line"; exit 1; }
grep -q "models/engine/routing_table.cc:[0-9]*: includes <Eigen/Dense>" <<<"$out" \
  || { echo "FAIL: Eigen in the engine was not named"; exit 1; }
echo "layering self-test: both upward includes caught"
