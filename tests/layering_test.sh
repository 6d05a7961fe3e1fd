#!/usr/bin/env bash
# The layers, enforced: every project #include in a layer's files must name a
# layer at or below it, and the heavy libraries stay where they belong. Fails
# naming each file and line that breaks a rule. Run by `ctest` (layering) and
# before every build (the CMake target `layering`), so an upward include
# stops the build. Usage: layering_test.sh ROOT
#
#   sim                 below everything: the kernel knows no courts or cases
#   models/scenario     sim
#   models/engine       sim, scenario
#   models/analysis     sim, scenario
#   models/fit          sim, scenario
#   models/results      sim, scenario, engine
#   output              sim, models/*
#   app                 everything
# nlohmann/json (reading scenarios) only in models/scenario, and in output and
# app for writing result files; Eigen only in models/analysis; Boost.Graph only
# in models/scenario; MPI (mpi.h) only in app.
set -uo pipefail
root=${1:-.}
cd "$root" || exit 2

allowed() {  # folder of a file -> the include prefixes it may use
  case "$1" in
    sim) echo "sim/" ;;
    models/scenario) echo "sim/ models/scenario/" ;;
    models/engine) echo "sim/ models/scenario/ models/engine/" ;;
    models/analysis) echo "sim/ models/scenario/ models/analysis/" ;;
    models/fit) echo "sim/ models/scenario/ models/fit/" ;;
    models/results) echo "sim/ models/scenario/ models/engine/ models/results/" ;;
    output) echo "sim/ models/ output/" ;;
    app) echo "sim/ models/ output/ app/" ;;
    *) echo "" ;;
  esac
}
library_allowed() {  # folder, library include -> 0 if allowed
  case "$2" in
    nlohmann/*) [[ "$1" == models/scenario || "$1" == output || "$1" == app ]] ;;
    Eigen/*|eigen3/*) [[ "$1" == models/analysis ]] ;;
    boost/graph/*) [[ "$1" == models/scenario ]] ;;
    mpi.h) [[ "$1" == app ]] ;;
    *) return 0 ;;
  esac
}

problems=0
files=0
while IFS= read -r file; do
  files=$((files + 1))
  dir=$(dirname "$file")
  layer=$dir
  [[ "$dir" == models/* ]] || layer=${dir%%/*}
  prefixes=$(allowed "$layer")
  lineno=0
  while IFS= read -r line; do
    lineno=$((lineno + 1))
    [[ "$line" =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*([\"\<])([^\"\>]+)[\"\>] ]] || continue
    target=${BASH_REMATCH[2]}
    if [[ "${BASH_REMATCH[1]}" == '"' ]]; then
      [[ "$target" == */* ]] || continue  # generated or local header
      ok=0
      for p in $prefixes; do [[ "$target" == "$p"* ]] && ok=1; done
      if [ "$ok" -eq 0 ]; then
        echo "$file:$lineno: includes \"$target\", above its layer $layer (may include: $prefixes)"
        problems=$((problems + 1))
      fi
    elif ! library_allowed "$layer" "$target"; then
      echo "$file:$lineno: includes <$target>, which only its own layer may use"
      problems=$((problems + 1))
    fi
  done <"$file"
done < <(find sim models output app -type f \( -name '*.h' -o -name '*.cc' \) | sort)

if [ "$problems" -gt 0 ]; then
  echo "layering: $problems upward include(s) in $files files; see the layer table in tests/layering_test.sh"
  exit 1
fi
echo "layering: $files files, every include at or below its layer"
