#!/usr/bin/env bash
# The demo's SARIF passes Microsoft's SARIF validator (issue 13 item 5)
# with no error and no warning: what code-scanning dashboards take in full.
# The validator comes from npm (@microsoft/sarif-multitool-linux, pinned),
# installed once under ~/.cache/mamori-test-tools. Without npm or network
# the test is skipped (exit 77), never passed.
# Usage: tests/report/sarif_validate.sh MAMORI
set -euo pipefail
mamori=${1:?usage: sarif_validate.sh MAMORI}
root=$(cd "$(dirname "$0")/../.." && pwd)
version=5.7.0
tools=${XDG_CACHE_HOME:-$HOME/.cache}/mamori-test-tools/sarif-multitool-$version
package=$tools/node_modules/@microsoft/sarif-multitool-linux
if [ ! -x "$package/Sarif.Multitool" ]; then
  if ! command -v npm >/dev/null; then
    echo "skipped: npm is not installed (scripts/packages.txt)"
    exit 77
  fi
  mkdir -p "$tools"
  if ! npm install --silent --no-audit --no-fund --prefix "$tools" \
    "@microsoft/sarif-multitool-linux@$version" >"$tools/npm.log" 2>&1; then
    echo "skipped: npm could not install the validator:"
    tail -5 "$tools/npm.log"
    exit 77
  fi
  chmod u+x "$package/Sarif.Multitool"  # its postinstall step, not run by npm 11
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$root"
status=0
"$mamori" scan --assets samples/assets.toml --roster samples/roster.csv \
  --devices samples/devices.csv --log samples/logs/fs01-samba-audit.log \
  --log samples/logs/ws07-syslog --log samples/logs/ws07-audit.log \
  --tz Asia/Tokyo --format sarif -o "$scratch/demo.sarif" samples/media \
  2>/dev/null || status=$?
if ((status != 1)); then
  echo "FAIL: the demo scan exited $status, not 1 (findings)"
  exit 1
fi
(cd "$scratch" && "$package/Sarif.Multitool" validate demo.sarif \
  -o validation.sarif) >"$scratch/validate.log" 2>&1 || true
if grep -E '(error|warning) [A-Z]+[0-9]+' "$scratch/validate.log" ||
  ! grep -q 'Analysis completed successfully' "$scratch/validate.log"; then
  echo "FAIL: the SARIF validator objects:"
  cat "$scratch/validate.log"
  exit 1
fi
results=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$scratch/demo.sarif")
echo "SARIF of the demo: $results results, no error or warning from the validator $version"
