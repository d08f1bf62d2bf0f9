#!/usr/bin/env bash
# End-to-end scan speed and memory on file-server logs (make bench).
# Usage: bash tests/bench/scan.sh BUILD_DIR
# Generates a Samba vfs_full_audit log of an organisation's working days
# (SCAN_BENCH_PEOPLE people, each re-opening a working set of about 40 of
# SCAN_BENCH_FILES files a day; SCAN_BENCH_MB MB; defaults 400, 200000,
# 500), then runs `mamori scan --log samba:LOG` on it and on a log twice as
# long, printing MB/s end to end and peak memory: memory follows people x
# days x distinct files, not the number of lines (targets: 150 MB/s on 2
# cores, under 256 MB up to 5 GB). SCAN_BENCH_KEEP=1 keeps the logs and
# the state (the directory is printed) for measuring by hand.
set -euo pipefail
build=$(cd "${1:?usage: scan.sh BUILD_DIR}" && pwd)
mamori="$build/mamori"
mb=${SCAN_BENCH_MB:-500}
people=${SCAN_BENCH_PEOPLE:-400}
files=${SCAN_BENCH_FILES:-200000}
command -v python3 >/dev/null || { echo "scan: python3 is needed"; exit 0; }
[ -x /usr/bin/time ] || { echo "scan: /usr/bin/time is needed"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/mamori-scanbench.XXXXXX")
trap '[ -n "${SCAN_BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT
[ -z "${SCAN_BENCH_KEEP:-}" ] || echo "scan: keeping $work"

gen() {  # gen MB FILE
  python3 - "$1" "$2" "$people" "$files" <<'PY'
import random, sys
mb, path, people, files = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(11)
users = ["user%03d" % i for i in range(people)]
projects = max(1, files // 500)
home = {u: rnd.randrange(projects) for u in users}
target = mb * 1024 * 1024
written = 0
day = 0
with open(path, "w") as out:
    while written < target:
        # A working day: each person opens files of a working set of about
        # 40 (mostly their project's), each several times; Samba writes an
        # open, its reads and its close as separate lines.
        lines = []
        month, mday = 1 + (day // 28) % 12, 1 + day % 28
        for u in users:
            ip = "10.0.%d.%d" % (rnd.randrange(8), rnd.randrange(250))
            ws = ["/srv/shares/rd/proj%d/dir%d/file%d.docx" % (
                      home[u] if rnd.random() < 0.9 else rnd.randrange(projects),
                      rnd.randrange(5), rnd.randrange(100)) for _ in range(40)]
            for n in range(rnd.randrange(200, 400)):
                f = rnd.choice(ws)
                sec = 8 * 3600 + n * 90 + rnd.randrange(60)
                t = "2026-%02d-%02dT%02d:%02d:%02d.%06d+09:00" % (
                    month, mday, sec // 3600, sec // 60 % 60, sec % 60,
                    rnd.randrange(10**6))
                head = "%s fs1 smbd_audit[4242]: %s|%s|" % (t, u, ip)
                if rnd.random() < 0.9:
                    text = "%sopenat|ok|r|%s\n" % (head, f)
                    text += ("%spread_recv|ok|%s\n" % (head, f)) * rnd.randrange(1, 4)
                else:
                    text = "%sopenat|ok|w|%s\n%spwrite_recv|ok|%s\n" % (head, f, head, f)
                lines.append((t, text + "%sclose|ok|%s\n" % (head, f)))
        lines.sort()  # a log is in time order
        block = "".join(text for _, text in lines)
        out.write(block)
        written += len(block)
        day += 1
PY
}

run() {  # run LOG: prints seconds, peak KB
  /usr/bin/time -f "%e %M" -o "$work/time" "$mamori" scan --tz Asia/Tokyo \
    --fail-on critical -q -f jsonl -o "$work/report.jsonl" --log "samba:$1" \
    2>/dev/null || true
  cat "$work/time"
}

gen "$mb" "$work/a.log"
gen $((2 * mb)) "$work/b.log"
for log in a.log b.log; do
  size=$(stat -c %s "$work/$log")
  read -r secs peak < <(run "$work/$log")
  awk -v s="$size" -v t="$secs" -v p="$peak" -v n="$log" 'BEGIN {
    printf "scan samba %-6s %7.1f MB in %6.2f s = %6.1f MB/s, peak %5.0f MB\n",
      n, s / 1048576, t, s / 1048576 / (t > 0 ? t : 0.01), p / 1024 }'
done

# Nightly runs (--state, issue 13): the first run over a.log, then a second
# over the unchanged log (nothing read again), then after a day is appended.
run_state() {  # run_state LOG: prints seconds, peak KB
  /usr/bin/time -f "%e %M" -o "$work/time" "$mamori" scan --tz Asia/Tokyo \
    --fail-on critical -q -f jsonl -o "$work/report.jsonl" --log "samba:$1" \
    --state "$work/state.db" 2>/dev/null || true
  cat "$work/time"
}
read -r first first_peak < <(run_state "$work/a.log")
read -r again again_peak < <(run_state "$work/a.log")
awk -v a="$first" -v b="$again" -v pa="$first_peak" -v pb="$again_peak" 'BEGIN {
  printf "scan --state a.log: first run %.2f s (peak %.0f MB), unchanged %.2f s (peak %.0f MB) = %.1f%% of the first\n",
    a, pa / 1024, b, pb / 1024, 100 * b / (a > 0 ? a : 0.01) }'
