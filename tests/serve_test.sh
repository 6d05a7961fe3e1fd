#!/usr/bin/env bash
# ctest's serve_http and serve_browser: `casesim serve` tested with Node.js
# (tests/serve/http_test.mjs, browser_test.mjs). Node and npm come from
# scripts/install-deps.sh, puppeteer-core from package-lock.json (npm ci if
# missing), Chromium from `scripts/install-deps.sh browser`. Exits 77 (ctest
# SKIP_RETURN_CODE) naming what is missing, never passing without running.
# Usage: serve_test.sh http|browser CASESIM SOURCE_DIR NODE NPM [SHOTS]
set -uo pipefail
kind=$1 casesim=$2 root=$3 node=$4 npm=$5 shots=${6:-.}

for tool in "$node" "$npm"; do
  if [ -z "$tool" ] || [[ "$tool" == *-NOTFOUND ]] || [ ! -x "$tool" ]; then
    echo "SKIPPED: serve_$kind needs Node.js and npm (node: '$node', npm: '$npm'); install them with scripts/install-deps.sh."
    exit 77
  fi
done
export PATH="$(dirname "$node"):$PATH"
if [ "$kind" = http ]; then
  exec "$node" "$root/tests/serve/http_test.mjs" "$casesim" "$root"
fi

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIPPED: serve_browser needs Chromium to drive the workshop page, and it is not installed;"
  echo "install it with: bash scripts/install-deps.sh browser (make test does this)."
  exit 77
fi
if [ ! -f "$root/node_modules/puppeteer-core/package.json" ]; then
  echo "serve_browser: installing puppeteer-core from package-lock.json (npm ci) into $root/node_modules"
  (cd "$root" && "$npm" ci --no-audit --no-fund) || {
    echo "SKIPPED: serve_browser needs puppeteer-core from npm, and npm ci failed (offline?)."
    exit 77
  }
fi
mkdir -p "$shots"
exec "$node" "$root/tests/serve/browser_test.mjs" "$casesim" "$root" "$browser" "$shots"
