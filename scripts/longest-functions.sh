#!/usr/bin/env bash
# The longest functions in a folder (default models/engine), with their line
# counts from signature to closing brace, as universal-ctags sees them:
#   bash scripts/longest-functions.sh [FOLDER] [HOW_MANY]
# Needs universal-ctags (Debian package universal-ctags); a development aid, not used by the tests.
set -euo pipefail
command -v ctags >/dev/null || { echo "longest-functions: needs ctags (apt-get install universal-ctags)" >&2; exit 1; }
folder=${1:-models/engine}
n=${2:-10}
cd "$(dirname "$0")/.."
ctags -x --_xformat='%{line} %{end} %{scope} %{name} %{input}' --kinds-c++=f --fields=+ne -o - \
  "$folder"/*.cc "$folder"/*.h 2>/dev/null |
  awk '$2 != "-" { scope = ($3 == "-" ? "" : $3 "::"); sub(/^[a-z]*:+/, "", scope);
                   printf "%5d  %s%s  (%s:%d)\n", $2 - $1 + 1, scope, $4, $5, $1 }' |
  sort -rn | head -n "$n"
