#!/usr/bin/env bash
# ctest's scenario_schema: checks scenarios/schema.json with Node.js and ajv.
# Usage: run.sh NODE NPM [CASESIM]  (paths from CMake's find_program; CASESIM optional)
# Exits 77 (ctest SKIP_RETURN_CODE) when node or npm is missing.
set -euo pipefail

node=${1:-}
npm=${2:-}
casesim=${3:-}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

for tool in "$node" "$npm"; do
  if [ -z "$tool" ] || [[ "$tool" == *-NOTFOUND ]] || [ ! -x "$tool" ]; then
    echo "SKIPPED: scenario_schema needs Node.js and npm (node: '${node:-unset}', npm: '${npm:-unset}');"
    echo "install them with scripts/install-deps.sh (Debian packages nodejs npm), then re-run cmake."
    exit 77
  fi
done
# npm runs node by name: make sure it finds the one CMake found.
export PATH="$(dirname "$node"):$PATH"

if [ ! -f "$root/node_modules/ajv/package.json" ] || [ ! -f "$root/node_modules/ajv-formats/package.json" ]; then
  echo "scenario_schema: installing ajv and ajv-formats from package-lock.json (npm ci) into $root/node_modules"
  (cd "$root" && "$npm" ci --no-audit --no-fund)
fi

exec "$node" "$root/tests/schema/validate_scenarios.mjs" ${casesim:+"$casesim"}
