#!/usr/bin/env bash
# Installs the Debian packages casesim needs, and only those that are missing.
# Safe to run again and again. Works as root, or through sudo otherwise.
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libboost-graph-dev libboost-math-dev libeigen3-dev libcli11-dev
  nlohmann-json3-dev catch2 libfmt-dev librandom123-dev
  graphviz
  time  # /usr/bin/time, for the benchmarks' peak memory
  valgrind  # callgrind, for bench/profile.sh
)
# Node.js and npm (the schema test; later the report's charts) are wanted as
# commands, not as particular packages: a machine may already have a Node.js
# from elsewhere whose npm is built in, and Debian's npm package would then
# conflict with it.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
# Extra groups, asked for by name: `install-deps.sh browser mpi`.
for group in "$@"; do
  case "$group" in
    browser) packages+=(chromium) ;;
    mpi) packages+=(openmpi-bin libopenmpi-dev) ;;
    *) echo "install-deps: unknown group '$group' (known: browser, mpi)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
