#!/usr/bin/env bash
# ctest's report_browser: report.html drawn in headless Chromium.
#
# Makes two pages, `casesim run` on a small scenario and `casesim compare` of
# it with a policy, opens each offline in Chromium and checks, from the
# page's own DOM after drawing:
#   * every chart the page declares (<body data-chart-count>) was drawn by
#     Vega: as many <svg class="marks"> as declared, and data-charts-drawn
#     (counted as each vegaEmbed promise resolves) equal to it;
#   * nothing went wrong: no script error, rejected promise, console error or
#     console warning (the page counts them on <body> and lists them in
#     #report-log), and no chart replaced by its failure message;
#   * the page asks the network for nothing (no http(s) src or href);
# and saves a screenshot of each page next to the build's tests.
#
# Usage: report_browser_test.sh CASESIM SOURCE_DIR SCREENSHOT_DIR
# Exits 77 (ctest SKIP_RETURN_CODE) when Chromium is not installed.
set -uo pipefail

casesim=$1
root=$2
shots=$3

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIPPED: report_browser needs Chromium to draw report.html, and it is not installed;"
  echo "install it with: bash scripts/install-deps.sh browser (make test does this)."
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok:   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }

# chromium ARGS...: headless, offline, throwaway profile; 8 s of virtual time
# is far more than the charts need, and costs nothing when they finish early.
chrome() {
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --no-first-run --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$(mktemp -d -p "$work")" --virtual-time-budget=8000 "$@"
}

# The value of attribute $2 on <body> in DOM file $1, or "" if absent.
body_attr() {
  grep -o '<body[^>]*>' "$1" | head -1 | grep -o " $2=\"[^\"]*\"" | sed 's/.*="\(.*\)"/\1/'
}

# check_page NAME HTML SCREENSHOT MIN_CHARTS
check_page() {
  local name=$1 html=$2 shot=$3 min=$4
  if [ ! -s "$html" ]; then
    fail "$name: $html was not written"
    return
  fi
  if grep -Eqi '(src|href)="(https?:)?//' "$html"; then
    fail "$name: the page loads something from the network: $(grep -Eoi '(src|href)="(https?:)?//[^"]*' "$html" | head -3 | tr '\n' ' ')"
  else
    pass "$name: nothing loaded from the network"
  fi

  local dom="$work/$name.dom.html"
  chrome --dump-dom "file://$html" >"$dom" 2>"$work/$name.stderr"
  if [ ! -s "$dom" ]; then
    fail "$name: Chromium drew nothing ($(tail -3 "$work/$name.stderr" | tr '\n' ' '))"
    return
  fi
  local declared drawn svgs errors warnings failed_charts
  declared=$(body_attr "$dom" data-chart-count)
  drawn=$(body_attr "$dom" data-charts-drawn)
  svgs=$(grep -o '<svg [^>]*class="marks"' "$dom" | wc -l)
  errors=$(body_attr "$dom" data-errors)
  warnings=$(body_attr "$dom" data-warnings)
  failed_charts=$(grep -o '<div class="[^"]*chart-failed' "$dom" | wc -l)

  if [ -n "$declared" ] && [ "$declared" -ge "$min" ]; then
    pass "$name: the page declares $declared charts (at least $min expected)"
  else
    fail "$name: the page declares '${declared}' charts, expected at least $min"
  fi
  if [ "$svgs" = "$declared" ] && [ "$drawn" = "$declared" ]; then
    pass "$name: all $declared charts drawn by Vega ($svgs <svg class=\"marks\">)"
  else
    fail "$name: $declared charts declared, $drawn reported drawn, $svgs Vega drawings found"
  fi
  if [ -z "$errors" ] && [ -z "$warnings" ] && [ "$failed_charts" = 0 ]; then
    pass "$name: no script errors, console errors or warnings, no failed chart"
  else
    fail "$name: ${errors:-0} errors, ${warnings:-0} warnings, $failed_charts failed charts:"
    grep -o '<li class="\(error\|warning\)">[^<]*' "$dom" | sed 's/<li class="[a-z]*">/    /' | head -20
  fi

  rm -f "$shot"
  chrome --screenshot="$shot" --window-size=1280,4000 "file://$html" >/dev/null 2>&1
  if [ -s "$shot" ]; then
    pass "$name: screenshot saved to $shot"
  else
    fail "$name: no screenshot"
  fi
}

# 1. `casesim run`, as a planner would.
if "$casesim" run "$root/scenarios/examples/deadlines.json" -r 3 -q -o "$work/run"; then
  pass "run: casesim run wrote its files"
else
  fail "run: casesim run failed"
fi
check_page run "$work/run/report.html" "$shots/report-screenshot.png" 8
# The charts of honest answers (issue 12), on a scenario with listed trials
# (its entry marked as the charge, so that charge to trial has its parts).
if "$casesim" run "$root/scenarios/examples/specialist-courts.json" -r 3 -q -o "$work/courts" \
  --set '/pathway/stages/first_hearing/milestone="charge"'; then
  pass "courts: casesim run wrote its files"
else
  fail "courts: casesim run failed"
fi
check_page courts "$work/courts/report.html" "$shots/report-courts-screenshot.png" 12
for title in "Delays by year" "Where charge-to-trial time goes" \
  "How often a victim&#39;s trial date changed" "The attrition funnel" \
  "Victim withdrawal before and after charge" "Charges and convictions a year"; do
  if grep -q "$title" "$work/courts/report.html"; then
    pass "courts: the page has the chart \"$title\""
  else
    fail "courts: the page lacks the chart \"$title\""
  fi
done

# 2. A comparison: the same scenario with two more courtrooms.
cat >"$work/policy.json" <<EOF
{
  "extends": "$root/scenarios/examples/deadlines.json",
  "meta": { "name": "Six courtrooms", "description": "Two more Crown Court rooms for rape trials." },
  "resources": { "courtrooms": { "count": 6 } }
}
EOF
if "$casesim" compare "$root/scenarios/examples/deadlines.json" "$work/policy.json" -r 3 -q \
  -o "$work/compare"; then
  pass "compare: casesim compare wrote its files"
else
  fail "compare: casesim compare failed"
fi
check_page compare "$work/compare/report.html" "$shots/report-compare-screenshot.png" 10
if grep -q "What this policy changes" "$work/compare/report.html" &&
  grep -q "/resources/courtrooms/count" "$work/compare/report.html"; then
  pass "compare: the page says what the policy changes (/resources/courtrooms/count)"
else
  fail "compare: no \"What this policy changes\" table naming /resources/courtrooms/count"
fi

# sweep-report.html: a band per figure (one lever) and a heat map (two).
# (The Latin hypercube's page is written in levers_cli_test but not drawn
# here: each page costs Chromium about a minute on a loaded machine.)
d="$root/scenarios/examples/deadlines.json"
for design in one two; do
  case $design in
    one) args=(--vary /resources/courtrooms/count=2:5:1) ;;
    two) args=(--vary /resources/courtrooms/count=2,4 --vary /arrivals/reports_per_year=400,600) ;;
    lhs) args=(--vary /resources/courtrooms/count=2:5 --vary /arrivals/reports_per_year=400:600
               --design lhs --points 5) ;;
  esac
  if "$casesim" sweep "$d" "${args[@]}" -r 2 -q -o "$work/sweep-$design"; then
    pass "sweep $design: casesim sweep wrote its files"
  else
    fail "sweep $design: casesim sweep failed"
  fi
  check_page "sweep-$design" "$work/sweep-$design/sweep-report.html" \
    "$shots/sweep-$design-screenshot.png" 3
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
