#!/usr/bin/env python3
"""The generated month fed one night at a time (issue 13, --state).

    tests/month/nightly.py MAMORI_BINARY WORKDIR

The month is generated afresh into WORKDIR (samples/month/make-month.py:
truth.json, logs/, register, roster, devices). Each log is cut by the local day of its
lines (from `mamori events`: a line that is no event, such as an auditd
PATH record, belongs to the day of the event before it), and the logs grow
night by night in WORKDIR/nightly/logs, appended to as their systems would
write them. Every night `mamori scan --state` reads them; then:

- the last night's findings equal those of one run over the whole month
  (same ids, same severities);
- a run over unchanged logs reads no event, reports exactly what the last
  night reported, and takes a small share of the whole-month run's time
  (printed; the closing note quotes it).

Prints the figures; exits 1 when the findings differ or a run over
unchanged logs reads an event or reports otherwise.
"""
import collections
import datetime as dt
import gzip
import json
import os
import shutil
import subprocess
import sys
import time

JST = dt.timezone(dt.timedelta(hours=9))


def read_lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return f.read().splitlines(keepends=True)


def line_days(mamori, path, count):
    """The local day of each line of `path` (None before its first event)."""
    out = subprocess.run([mamori, "events", "--tz", "Asia/Tokyo", path],
                         capture_output=True, check=True).stdout
    day_at = {}
    for raw in out.splitlines():
        e = json.loads(raw)
        line = int(e["source"].rsplit(":", 1)[1])
        t = dt.datetime.fromisoformat(e["time"].replace("Z", "+00:00"))
        day = t.astimezone(JST).date()
        day_at[line] = min(day, day_at.get(line, day))
    days, current = [], None
    first = min(day_at.values()) if day_at else None
    for n in range(1, count + 1):
        current = day_at.get(n, current)
        days.append(current or first)
    return days


def scan(mamori, work, logs, extra):
    cmd = [mamori, "scan", "--format", "jsonl", "--tz", "Asia/Tokyo", "-j", "2",
           "--assets", os.path.join(work, "assets.toml"),
           "--roster", os.path.join(work, "roster.csv"),
           "--devices", os.path.join(work, "devices.csv")] + extra
    for log in logs:
        cmd += ["--log", log]
    started = time.monotonic()
    run = subprocess.run(cmd, capture_output=True)
    took = time.monotonic() - started
    if run.returncode not in (0, 1):
        sys.exit(f"FAIL {' '.join(cmd)} exited {run.returncode}:\n"
                 f"{run.stderr.decode(errors='replace')}")
    records = [json.loads(l) for l in run.stdout.splitlines()]
    findings = {r["id"]: r for r in records if r["type"] == "finding"}
    summary = next(r for r in records if r["type"] == "summary")
    return findings, summary, took


def main():
    mamori, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    root = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    if os.path.isdir(work):
        if os.listdir(work) and not os.path.exists(
                os.path.join(work, "truth.json")):
            sys.exit(f"nightly: {work} holds no generated month; "
                     "refusing to clear it")
        shutil.rmtree(work)
    os.makedirs(work)
    subprocess.run([sys.executable, os.path.join(root, "samples", "month",
                                                 "make-month.py"), work],
                   check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(work, "truth.json")) as f:
        truth = json.load(f)
    originals = [os.path.join(work, log) for log in truth["logs"]]

    month, month_summary, month_took = scan(mamori, work, originals, [])
    print(f"one run over the month: {len(month)} findings, "
          f"{month_summary['events']} events, {month_took:.2f} s")

    nightly = os.path.join(work, "nightly")
    shutil.rmtree(nightly, ignore_errors=True)
    os.makedirs(nightly)
    state = os.path.join(nightly, "state.db")
    cut = []  # (original, growing copy, lines, days, lines written)
    for path in originals:
        lines = read_lines(path)
        copy = os.path.join(nightly, os.path.relpath(path, work))
        if copy.endswith(".gz"):
            copy = copy[:-3]
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        cut.append([copy, lines, line_days(mamori, path, len(lines)), 0])
    days = sorted({d for _, _, ds, _ in cut for d in ds if d is not None})

    reported = {}
    last = {}
    night_times = []
    for day in days:
        present = []
        for entry in cut:
            copy, lines, line_day, written = entry
            upto = written
            # A log with no event at all is there from the first night.
            while upto < len(lines) and (line_day[upto] is None or
                                         line_day[upto] <= day):
                upto += 1
            if upto > written:
                with open(copy, "ab") as f:
                    f.writelines(lines[written:upto])
                entry[3] = upto
            if entry[3] > 0:
                present.append(copy)
        last, summary, took = scan(mamori, work, present, ["--state", state])
        night_times.append(took)
        for fid, f in last.items():
            if f.get("new"):
                reported[fid] = f
    print(f"{len(days)} nights: {sum(night_times):.2f} s in all, "
          f"longest {max(night_times):.2f} s")

    again, again_summary, again_took = scan(
        mamori, work, [c[0] for c in cut if c[3] > 0], ["--state", state])
    share = 100 * again_took / month_took
    st = again_summary.get("state", {})
    print(f"a run over unchanged logs: {again_summary['events']} events, "
          f"{st.get('logs_unchanged')} logs unchanged, {again_took:.2f} s "
          f"({share:.1f}% of the month run)")

    ok = True
    want = {fid: f["severity"] for fid, f in month.items()}
    got = {fid: f["severity"] for fid, f in last.items()}
    for fid in sorted(want.keys() | got.keys()):
        if want.get(fid) != got.get(fid):
            ok = False
            f = month.get(fid) or last.get(fid)
            print(f"DIFF {fid} {f['detector']} {f.get('user', '')}: month "
                  f"{want.get(fid, '-')}, last night {got.get(fid, '-')}")
    transient = sorted(set(reported) - set(want))
    by_kind = collections.Counter(
        (reported[t]["detector"], reported[t]["severity"]) for t in transient)
    print(f"findings reported on some night and not in the month run: "
          f"{len(transient)}" + "".join(
              f"\n  {n} {d} {s}" for (d, s), n in sorted(by_kind.items())))
    if again_summary["events"] != 0:
        ok = False
        print("FAIL the run over unchanged logs read events")
    # Nothing new came: the report is the last night's, to the last field,
    # whether its detection was kept or made again; only what the state
    # says about it (known since when) may differ.
    def as_kept(findings):
        return {fid: {k: v for k, v in f.items()
                      if k not in ("new", "first_seen")}
                for fid, f in findings.items()}
    if as_kept(again) != as_kept(last):
        ok = False
        differ = sorted(fid for fid in again.keys() | last.keys()
                        if as_kept(again).get(fid) != as_kept(last).get(fid))
        print(f"FAIL the run over unchanged logs reports otherwise than the "
              f"last night: {len(differ)} findings differ, first {differ[0]}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
