# Sourced by scripts/sanitize.sh and scripts/fuzz.sh: configures and builds
# the one clang 14 ASan + UBSan + libFuzzer-coverage build both use, so CI
# compiles it once. Lean on purpose: -O1 (what OSS-Fuzz uses: fast enough to
# fuzz, far quicker to compile than -O2) and line tables only (stack traces
# keep file:line without full debug info, which dominates compile and link
# time under ASan). No LTO. Usage: sanitizer_build BUILD TARGET...
sanitizer_build() {
  local build=$1
  shift
  command -v clang++-14 >/dev/null ||
    { echo "clang++-14 missing; run scripts/install-deps.sh fuzz" >&2; return 2; }
  CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCASESIM_FUZZ=ON \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
    >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; return 1; }
  cmake --build "$build" -j"${JOBS:-2}" --target "$@"
}
