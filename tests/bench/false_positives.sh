#!/usr/bin/env bash
# False positives of the shipped rule pack (issue 12): scans ordinary system
# trees, where no file is a leak, with the shipped rules and the demo
# register, and prints the findings per GB by severity and by rule. The
# shipped pack must give none at medium or above: exit 1 when it does.
# Usage: tests/bench/false_positives.sh BUILD_DIR [TREE...]
#        (default trees: /usr/lib/x86_64-linux-gnu /usr/share/doc, as on
#        a stock Debian 12)
set -euo pipefail
build=$(cd "${1:?usage: false_positives.sh BUILD_DIR [TREE...]}" && pwd)
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
trees=("$@")
if ((${#trees[@]} == 0)); then
  trees=(/usr/lib/x86_64-linux-gnu /usr/share/doc)
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

status=0
"$build/mamori" scan --assets "$root/samples/assets.toml" -f jsonl \
  -o "$scratch/report.jsonl" "${trees[@]}" 2>"$scratch/stderr" || status=$?
if ((status != 0 && status != 1 && status != 3)); then
  cat "$scratch/stderr" >&2
  exit 2
fi
bytes=$(du -sbc "${trees[@]}" 2>/dev/null | tail -1 | cut -f1)
python3 - "$scratch/report.jsonl" "$bytes" "${trees[*]}" <<'PY'
import collections, json, sys
path, size, trees = sys.argv[1], int(sys.argv[2]), sys.argv[3]
gb = size / 2**30
by_severity = collections.Counter()
by_rule = collections.Counter()
serious = []
for line in open(path, encoding="utf-8"):
    record = json.loads(line)
    if "detector" not in record:
        continue
    by_severity[record["severity"]] += 1
    for rule in record.get("rules", []):
        by_rule[rule] += 1
    if record["severity"] in ("medium", "high", "critical"):
        serious.append(record["title"])
print(f"false positives on {trees} ({gb:.2f} GB)")
for severity in ("critical", "high", "medium", "low", "info"):
    n = by_severity[severity]
    print(f"  {severity:9} {n:5}  {n / gb:8.2f} per GB")
for rule, n in by_rule.most_common():
    print(f"  rule {rule}: {n}")
for title in serious[:20]:
    print(f"  MEDIUM OR ABOVE: {title}")
sys.exit(1 if serious else 0)
PY
