#!/usr/bin/env bash
# Compiled-rule cache (issue 3): `mamori rules check` with the shipped rules
# and the starter register, first with an empty cache (compiles and stores),
# then with the stored entry (loads). Median of 5 runs each, whole process;
# then the library alone (the RuleCacheBench doctest).
# Usage: tests/bench/rules.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rules.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
register=$root/samples/assets-template.toml
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

run_ms() {  # run_ms CACHE_DIR
  local start end
  start=$(date +%s%N)
  XDG_CACHE_HOME=$1 "$build/mamori" rules check --assets "$register" \
    >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() { sort -n | sed -n 3p; }

cold=$(for i in 1 2 3 4 5; do run_ms "$scratch/cold$i"; done | median)
warm_cache=$scratch/warm
run_ms "$warm_cache" >/dev/null
warm=$(for i in 1 2 3 4 5; do run_ms "$warm_cache"; done | median)
rules=$(XDG_CACHE_HOME=$warm_cache "$build/mamori" rules check \
  --assets "$register" 2>&1 >/dev/null | tail -1)
echo "rules check ($rules, shipped rules + samples/assets-template.toml):"
echo "  empty cache (compile + store): ${cold} ms"
echo "  cached (load):                 ${warm} ms"
# The library alone, without process start and the register's TOML: the
# rule_cache_bench doctest (skipped in normal test runs).
if [ -x "$build/mamori_tests" ]; then
  "$build/mamori_tests" --no-skip -tc='RuleCacheBench*' 2>&1 |
    sed -n 's/.*MESSAGE: /  library: /p'
fi
