# Shared by the casesim command-line tests (cli_test.sh, compare_cli_test.sh,
# fit_cli_test.sh, levers_cli_test.sh, tables_cli_test.sh, warnings_cli_test.sh): a scratch folder to work in, pass/fail counting, and
# running casesim with its output captured. Source it after setting
# `casesim` (the binary) and, if wanted, `cli_timeout` (seconds, default 60).

tmp=$(mktemp -d "${TMPDIR:-/tmp}/casesim-cli-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1  # so that a default out/ folder lands here, and is seen

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   - $1"; }
fail() {
  failed=$((failed + 1))
  echo "FAIL - $1: $2"
  if [[ -s $tmp/stderr ]]; then sed 's/^/       stderr: /' "$tmp/stderr" | head -5; fi
}
check() {  # check NAME COMMAND...: passes when the command succeeds
  local name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name" "not so"; fi
}

# run_casesim ARGS...: runs casesim with no input, capturing stdout, stderr and
# the exit code (in $code); gives up after cli_timeout seconds (exit code 124).
run_casesim() {
  timeout "${cli_timeout:-60}" "$casesim" "$@" </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
  code=$?
}

# nothing_written DIR: DIR is absent or empty (no hidden temporaries either).
nothing_written() {
  [[ ! -e $1 ]] || [[ -d $1 && -z $(find "$1" -mindepth 1 -print -quit) ]]
}

# expect_failure NAME CODE FRAGMENT OUT ARGS...: casesim ARGS exits with CODE,
# prints FRAGMENT on stderr, and leaves OUT absent or empty.
expect_failure() {
  local name=$1 want=$2 fragment=$3 out=$4
  shift 4
  run_casesim "$@"
  if [[ $code -ne $want ]]; then
    fail "$name" "exit code $code, expected $want"
  elif ! grep -qF -- "$fragment" "$tmp/stderr"; then
    fail "$name" "stderr lacks: $fragment"
  elif ! nothing_written "$out"; then
    fail "$name" "files were written: $(find "$out" -mindepth 1 | head -3 | tr '\n' ' ')"
  else
    pass "$name"
  fi
}

# write_tiny_scenario FILE: a valid scenario small enough to run in a moment:
# one work stage (3 officers) and a decision, 120 days, 2 replications, seed 3.
write_tiny_scenario() {
  cat >"$1" <<'EOF'
// A valid scenario small enough to run in a moment.
{
  "meta": {"name": "tiny", "start_date": "2024-01-01", "horizon_days": 120, "replications": 2,
           "seed": 3},
  "arrivals": {"reports_per_year": 200},
  "case_types": {"adult": {"share": 1}},
  "resources": {"officers": {"count": 3}},
  "pathway": {
    "entry": "investigation",
    "stages": {
      "investigation": {"kind": "work", "pool": "officers",
                        "duration": {"exponential": {"mean": 10}}, "next": "decision"},
      "decision": {"kind": "decision", "branches": [{"to": "charged", "probability": 0.3},
                                                    {"to": "nfa", "probability": 0.7}]},
      "charged": {"kind": "terminal", "outcome": "charged"},
      "nfa": {"kind": "terminal", "outcome": "police_nfa"}
    }
  }
}
EOF
}

# finish: the tally, and the exit status of the test.
finish() {
  echo "$passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
