#!/usr/bin/env bash
# `make demo`: runs the baseline scenario and says where the results are.
set -euo pipefail
build=${1:-build}
scenario=scenarios/baseline.json
out=out/baseline
"$build/app/casesim" run "$scenario" --out "$out"
echo
echo "Results for $scenario are in $out/:"
echo "  report.html        open this in a browser: headline figures, charts and the pathway"
echo "  summary.json       every metric with its 95% confidence interval"
echo "  summary.csv        the same, one row per metric, for a spreadsheet (replications.csv: each replication)"
echo "  cases.csv          one row per case (first replication), opens in a spreadsheet"
echo "  timeseries.csv     weekly open cases by stage, queues and utilisation"
echo "  communication.csv  weekly Victims' Code contacts by agency: required, made, late, staff hours"
echo "  pathway.svg        the case pathway (pathway.dot if Graphviz is missing)"
