#!/usr/bin/env bash
# Runs the court-pipeline benchmark side by side with the plain C++ baseline.
#
#   bash bench/run.sh BUILD_DIR SHARED_DIR
#
# BUILD_DIR is a configured casesim build (court_pipeline_bench is built there
# if missing). The baseline is compiled from
# SHARED_DIR/bench/court_pipeline_baseline.cpp with `g++ -O2 -std=c++17`, as the
# shared README prescribes. Seeds 1 2 3 at the default horizon, interleaved
# (baseline seed 1, casesim seed 1, baseline seed 2, ...) so that drift in the
# machine's speed hits both alike. Then a summary: median events/s of each, the
# ratio casesim/baseline, both mean times in system against the analytic
# 7.957 days, and casesim's peak RSS.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: bash bench/run.sh BUILD_DIR SHARED_DIR" >&2
  exit 2
fi
build=$1
shared=$2
source_cpp="$shared/bench/court_pipeline_baseline.cpp"
seeds=(1 2 3)
analytic_tis=7.957

if [ ! -f "$source_cpp" ]; then
  echo "bench: the baseline source $source_cpp is missing; cannot measure the ratio" >&2
  echo "bench: pass the directory that holds bench/court_pipeline_baseline.cpp as SHARED_DIR" >&2
  exit 1
fi
if [ ! -d "$build" ]; then
  echo "bench: build directory $build does not exist (configure it first, e.g. make configure)" >&2
  exit 1
fi

baseline="$build/court_pipeline_baseline"
echo "bench: building the baseline: g++ -O2 -std=c++17 -o $baseline $source_cpp"
g++ -O2 -std=c++17 -o "$baseline" "$source_cpp"

echo "bench: building court_pipeline_bench in $build"
cmake --build "$build" --target court_pipeline_bench >/dev/null
casesim="$build/bench/court_pipeline_bench"
if [ ! -x "$casesim" ]; then
  echo "bench: $casesim was not built" >&2
  exit 1
fi

# field NAME LINE: the value of NAME=... in a key=value line.
field() {
  local name=$1 line=$2 kv
  for kv in $line; do
    if [ "${kv%%=*}" = "$name" ]; then
      echo "${kv#*=}"
      return 0
    fi
  done
  echo "bench: no field $name in: $line" >&2
  return 1
}

base_eps=() base_tis=() cs_eps=() cs_tis=() cs_rss=()
for seed in "${seeds[@]}"; do
  line=$("$baseline" 36500 "$seed" 8)
  echo "$line"
  events=$(field events "$line")
  wall=$(field wall_s "$line")
  base_eps+=("$(awk -v e="$events" -v w="$wall" 'BEGIN { printf "%.0f", e / w }')")
  base_tis+=("$(field mean_tis "$line")")

  line=$("$casesim" --days 36500 --seed "$seed" --courtrooms 8)
  echo "$line"
  cs_eps+=("$(field events_per_s "$line")")
  cs_tis+=("$(field mean_tis "$line")")
  cs_rss+=("$(field peak_rss_mb "$line")")
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mean() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.4f", s / NR }'; }

b=$(median "${base_eps[@]}")
c=$(median "${cs_eps[@]}")
ratio=$(awk -v c="$c" -v b="$b" 'BEGIN { printf "%.3f", c / b }')
bt=$(mean "${base_tis[@]}")
ct=$(mean "${cs_tis[@]}")
rss=$(printf '%s\n' "${cs_rss[@]}" | sort -g | tail -n 1)

echo
echo "summary (seeds ${seeds[*]}, H=36500, courtrooms=8)"
printf '  baseline events/s (median): %s\n' "$b"
printf '  casesim  events/s (median): %s\n' "$c"
printf '  ratio casesim/baseline:     %s (target >= 0.7)\n' "$ratio"
printf '  mean_tis baseline: %s  casesim: %s  analytic: %s days (a finite run reads slightly lower)\n' \
  "$bt" "$ct" "$analytic_tis"
printf '  casesim peak RSS:           %s MB (largest of the runs)\n' "$rss"
awk -v r="$ratio" 'BEGIN { exit !(r >= 0.7) }' ||
  echo "  WARNING: casesim is below 0.7x the baseline"
