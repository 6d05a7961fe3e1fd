#!/usr/bin/env bash
# The small-centre curve (issue 16 item 2): the force example cut to a
# two-room Crown Court centre (its two ticketed judges kept), with other crime
# taking 0, 10, ... 50% of the rooms' sitting days, run twice:
#   single days  other work takes single room-days spread evenly
#                (run_days 1, overlisting_rounding "down": the old diary)
#   runs         other work takes whole rooms for runs of 5 sitting days, a
#                trial's worth, and overlisting is met on average
#                (run_days 5, overlisting_rounding "on_average")
# and prints a markdown table of mean charge to trial with its 95% interval,
# the share of RASSO's room-days used by effective trials
# (utilisation.courtrooms), the share of ineffective trials that were not
# reached for want of a room or judge (no_courtroom_or_judge), and the share
# of the cohort's charged cases still waiting for trial at the horizon (when
# it is large, the mean counts only the cases that got a trial and is too low).
#
# Usage: scripts/small-centre-curve.sh [REPLICATIONS] [OUT_DIR]
#   REPLICATIONS  replications of every point (default 20)
#   OUT_DIR       where the two sweeps write their files (default out/small-centre-curve)
# The casesim binary is $CASESIM, or build/app/casesim; worker threads are
# $THREADS (default 1); $OVERLISTING, if set, replaces the scenario's
# overlisting (e.g. 1.2, the old baseline's). Each point is a `casesim sweep`
# point, so the shares are compared with common random numbers.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
reps=${1:-20}
out=${2:-$root/out/small-centre-curve}
casesim=${CASESIM:-$root/build/app/casesim}
threads=${THREADS:-1}
overlisting=()
[[ -n ${OVERLISTING:-} ]] && overlisting=(--set /courts/overlisting="$OVERLISTING")
shares=0,0.1,0.2,0.3,0.4,0.5

if ! [[ $reps =~ ^[1-9][0-9]*$ ]]; then
  echo "small-centre-curve.sh: REPLICATIONS must be a whole number >= 1, not '$reps'" >&2
  exit 2
fi
if [[ ! -x $casesim ]]; then
  echo "small-centre-curve.sh: no casesim at $casesim; build it (make) or set CASESIM" >&2
  exit 2
fi

cd "$root"
sweep() {  # NAME RUN_DAYS ROUNDING
  "$casesim" sweep scenarios/force-example.json -r "$reps" -t "$threads" -q -o "$out/$1" \
    --set /resources/courtrooms/count=2 "${overlisting[@]}" \
    --set /courts/other_work/run_days="$2" --set /courts/overlisting_rounding="\"$3\"" \
    --vary /courts/other_work/share="$shares" \
    --figure charge_to_trial_start_days --figure utilisation.courtrooms \
    --figure trials.ineffective_cause_share.no_courtroom_or_judge
}
sweep single 1 down
sweep runs 5 on_average

echo "Force example cut to 2 rooms (2 ticketed judges)${OVERLISTING:+, overlisting $OVERLISTING}, $reps replications a point:"
echo "\`${OVERLISTING:+OVERLISTING=$OVERLISTING }scripts/small-centre-curve.sh $reps\` ($(date -u +%Y-%m-%d))."
echo
awk -F, '
  # sweep.csv: lever value, metric, unit, mean, ci_low, ci_high, ...
  # A metric with no value (no case reached it) is left empty in sweep.csv.
  function share(v) { return v == "" ? "none" : sprintf("%.0f%%", 100 * v) }
  FNR == 1 { mode = (++files == 1) ? "s" : "r"; next }
  $2 == "charge_to_trial_start_days" {
    wait[mode, $1] = $4 == "" ? "none" : $5 == "" ? sprintf("%.0f", $4) \
                                          : sprintf("%.0f (%.0f–%.0f)", $4, $5, $6)
    if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  $2 == "utilisation.courtrooms" { used[mode, $1] = share($4) }
  $2 == "trials.ineffective_cause_share.no_courtroom_or_judge" { missed[mode, $1] = share($4) }
  $2 == "still_open_share.charge_to_trial_start" { open[mode, $1] = share($4) }
  END {
    print "| other work (RASSO rooms a day) | single days: charge to trial (95% CI) | rooms used | not reached | still waiting | runs of 5, on average: charge to trial (95% CI) | rooms used | not reached | still waiting |"
    print "|---|---|---|---|---|---|---|---|---|"
    for (i = 1; i <= n; i++) {
      s = order[i]
      printf "| %.0f%% (%.1f) | %s | %s | %s | %s | %s | %s | %s | %s |\n", 100 * s, 2 * (1 - s),
             wait["s", s], used["s", s], missed["s", s], open["s", s],
             wait["r", s], used["r", s], missed["r", s], open["r", s]
    }
  }' "$out/single/sweep.csv" "$out/runs/sweep.csv"
