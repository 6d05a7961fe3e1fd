#!/usr/bin/env bash
# Warnings about what in a scenario can move nothing: a resource no stage,
# court or contact rule uses (with "did you mean" against the used ones), and
# an assumption, a lever or a --set whose pointer reaches nothing the scenario
# is built from. validate, run and compare print them on stderr and carry on
# (exit 0); run lists them in summary.json; --strict makes them errors
# (exit 2, nothing written). The shipped scenarios have none.
#
# Usage: warnings_cli_test.sh CASESIM_BINARY PROJECT_SOURCE_DIR
set -u

casesim=${1:?usage: warnings_cli_test.sh CASESIM_BINARY PROJECT_SOURCE_DIR}
source_dir=${2:?usage: warnings_cli_test.sh CASESIM_BINARY PROJECT_SOURCE_DIR}
source_dir=$(cd "$source_dir" && pwd)
casesim=$(cd "$(dirname "$casesim")" && pwd)/$(basename "$casesim")
cli_timeout=60
source "$(dirname "${BASH_SOURCE[0]}")/cli_harness.sh"

# A scenario with every kind of warning: 'isva', a misspelling of the 'isvas'
# the support stage uses; an assumption on a description, one on the unused
# resource, one on an empty list; a lever on the unused resource.
cat >"$tmp/warned.json" <<'EOF'
{
  "meta": {"name": "warned", "start_date": "2024-01-01", "horizon_days": 120, "replications": 2,
           "seed": 3,
           "assumptions": [
             {"parameter": "/pathway/stages/investigation/description", "reason": "a word"},
             {"parameter": "/resources/isva/count", "reason": "ISVA posts"},
             {"parameter": "/arrivals/steps", "reason": "no steps"},
             {"parameter": "/resources/isvas/count", "reason": "used: no warning"}],
           "levers": [
             {"set": "/resources/isva/count", "label": "ISVAs", "min": 0, "max": 10},
             {"set": "/resources/officers/count", "label": "Officers", "min": 1, "max": 10}]},
  "arrivals": {"reports_per_year": 200, "steps": []},
  "case_types": {"adult": {"share": 1}},
  "resources": {"officers": {"count": 3}, "isvas": {"count": 2}, "isva": {"count": 4}},
  "pathway": {
    "entry": "support",
    "stages": {
      "support": {"kind": "work", "pool": "isvas", "duration": 2, "next": "investigation"},
      "investigation": {"kind": "work", "pool": "officers", "description": "the police inquiry",
                        "duration": {"exponential": {"mean": 10}}, "next": "decision"},
      "decision": {"kind": "decision", "branches": [{"to": "charged", "probability": 0.3},
                                                    {"to": "nfa", "probability": 0.7}]},
      "charged": {"kind": "terminal", "outcome": "charged"},
      "nfa": {"kind": "terminal", "outcome": "police_nfa"}
    }
  }
}
EOF
# The same without them.
sed -e 's/, "isva": {"count": 4}//' -e '/"parameter": "\/pathway\|"parameter": "\/resources\/isva\/\|"parameter": "\/arrivals/d' \
  -e '/"set": "\/resources\/isva\/count"/d' "$tmp/warned.json" >"$tmp/clean.json"

f=$tmp/warned.json
unused="$f: /resources/isva: resource 'isva' is used by no stage, court or contact rule (did you mean 'isvas'?)"

# ---- validate: warnings on stderr, exit 0 ------------------------------------------------------
run_casesim validate "$f"
check "validate with warnings exits 0" test "$code" -eq 0
check "validate says the file is valid" grep -qF "$f: valid." "$tmp/stdout"
check "validate counts the warnings" grep -qF "5 warnings (on stderr)" "$tmp/stdout"
check "an unused resource, with did you mean" grep -qF "casesim: warning: $unused" "$tmp/stderr"
check "an assumption on a description" grep -qF \
  "$f: /meta/assumptions/0/parameter: '/pathway/stages/investigation/description' reaches words for people only" \
  "$tmp/stderr"
check "an assumption on the unused resource" grep -qF \
  "$f: /meta/assumptions/1/parameter: '/resources/isva/count' reaches resource 'isva', which no stage, court or contact rule uses (did you mean 'isvas'?); this assumption moves no figure" \
  "$tmp/stderr"
check "an assumption on an empty list" grep -qF \
  "$f: /meta/assumptions/2/parameter: '/arrivals/steps' reaches a value nothing reads; this assumption moves no figure" \
  "$tmp/stderr"
check "a lever on the unused resource" grep -qF \
  "$f: /meta/levers/0/set: '/resources/isva/count' reaches resource 'isva'" "$tmp/stderr"
check "an assumption and a lever on a used value: no warning" \
  test "$(grep -c "/meta/assumptions/3\|/meta/levers/1" "$tmp/stderr")" -eq 0
check "exactly five warnings" test "$(grep -c '^casesim: warning: ' "$tmp/stderr")" -eq 5

run_casesim validate "$tmp/clean.json"
check "a clean scenario: exit 0" test "$code" -eq 0
check "a clean scenario: no warning" test ! -s "$tmp/stderr"

# ---- --strict: the warnings are errors ----------------------------------------------------------
run_casesim validate "$f" --strict
check "validate --strict exits 2" test "$code" -eq 2
check "validate --strict lists each warning as a problem" \
  grep -qF "$unused; expected its name as a stage's \"pool\", the courts' \"rooms\" or \"judges\", or an agency's \"staff\" (or remove it): as it is, its count moves nothing (a warning, an error with --strict)" \
  "$tmp/stderr"
check "validate --strict counts them" grep -qF "casesim: 5 problems found; nothing was run" "$tmp/stderr"
run_casesim validate "$tmp/clean.json" --strict
check "validate --strict on a clean scenario exits 0" test "$code" -eq 0
expect_failure "run --strict" 2 "(a warning, an error with --strict)" "$tmp/out-strict" \
  run "$f" --strict --out "$tmp/out-strict"
expect_failure "compare --strict, the warned file the policy" 2 "warned.json: /resources/isva" \
  "$tmp/cmp-strict" compare "$tmp/clean.json" "$f" --strict --out "$tmp/cmp-strict"

# ---- run and compare: carried on, and listed in summary.json ---------------------------------------
run_casesim run "$f" --out "$tmp/out" -t 2
check "run with warnings exits 0" test "$code" -eq 0
check "run prints the warnings" grep -qF "casesim: warning: $unused" "$tmp/stderr"
check "summary.json lists the warnings" grep -qF '"pointer": "/resources/isva"' "$tmp/out/summary.json"
check "summary.json lists all five" test "$(grep -c '"pointer": ' "$tmp/out/summary.json")" -eq 5
run_casesim run "$f" --out "$tmp/out-q" -t 2 --quiet
check "run --quiet prints no warning" test ! -s "$tmp/stderr"
check "run --quiet still lists them in summary.json" \
  grep -qF '"pointer": "/resources/isva"' "$tmp/out-q/summary.json"
run_casesim run "$tmp/clean.json" --out "$tmp/out-clean" -t 2
check "a clean run has no warnings in summary.json" \
  test "$(grep -c '"warnings"' "$tmp/out-clean/summary.json")" -eq 0

run_casesim compare "$tmp/clean.json" "$f" --out "$tmp/cmp" -t 2 --quiet
check "compare with warnings exits 0" test "$code" -eq 0
check "compare: the policy's summary.json lists its warnings" \
  grep -qF '"pointer": "/resources/isva"' "$tmp/cmp/warned/summary.json"
check "compare: the baseline's has none" \
  test "$(grep -c '"warnings"' "$tmp/cmp/clean/summary.json")" -eq 0

# ---- --set and --scale that move nothing ---------------------------------------------------------
run_casesim validate "$tmp/clean.json"
run_casesim run "$tmp/clean.json" --set /pathway/stages/investigation/description=other \
  --scale /resources/officers/count=2 --out "$tmp/out-set" -t 2
check "run --set on a description exits 0" test "$code" -eq 0
check "--set on a description: a warning naming the setting" grep -qF \
  "/pathway/stages/investigation/description: '/pathway/stages/investigation/description' reaches words for people only (a name, description or note), which no figure depends on; --set /pathway/stages/investigation/description=\"other\" moves no figure" \
  "$tmp/stderr"
check "--scale on a used count: no warning" test "$(grep -c 'scale' "$tmp/stderr")" -eq 0
expect_failure "run --strict with a --set that moves nothing" 2 "moves no figure" "$tmp/out-set2" \
  run "$tmp/clean.json" --set /meta/name=renamed --strict --out "$tmp/out-set2"

# ---- the shipped scenarios have no warnings ------------------------------------------------------
while IFS= read -r scenario; do
  run_casesim validate "$scenario" --strict
  if [[ $code -eq 0 ]]; then pass "validate --strict ${scenario#"$source_dir"/}"
  else fail "validate --strict ${scenario#"$source_dir"/}" "exit code $code"; fi
done < <(find "$source_dir/scenarios" -name '*.json' ! -name schema.json | sort)

finish
