#!/usr/bin/env python3
"""The story/look-alike test on the generated month (issue 9, item 7).

    tests/month/evaluate.py MAMORI_BINARY WORKDIR

Generates the month (samples/month/make-month.py) into WORKDIR, runs
`mamori scan` on every log with the month's register, roster and devices,
checks the report with ../shared/tools/check-findings (when present), and
scores it against WORKDIR/truth.json:

- a story is found when a high or critical finding names one of its users
  (or, for a stick, its device serial) with start..end overlapping the
  story's local dates (Asia/Tokyo);
- every other high or critical finding is a false alarm.

Prints recall, precision, one line per false alarm and per missed story.
Exits 1 when a story is missed, a look-alike person has a high or critical
finding, or the logs were not fully read (lines_rejected > 0); else 0.
"""
import collections
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time

JST = dt.timezone(dt.timedelta(hours=9))
HIGH = {"high", "critical"}


def local_date(rfc3339):
    t = dt.datetime.fromisoformat(rfc3339.replace("Z", "+00:00"))
    return t.astimezone(JST).date()


def finding_span(f):
    if "start" not in f and "end" not in f:
        return None
    start = local_date(f.get("start", f.get("end")))
    end = local_date(f.get("end", f.get("start")))
    return start, end


def overlaps(span, dates):
    if span is None or not dates:
        return False
    first = dt.date.fromisoformat(min(dates))
    last = dt.date.fromisoformat(max(dates))
    return span[0] <= last and first <= span[1]


def about(f, case):
    serial = (f.get("device") or {}).get("serial", "")
    named = f.get("user") in case["users"] or \
        (serial and serial in case.get("devices", []))
    return named and overlaps(finding_span(f), case["dates"])


def main(argv):
    if len(argv) != 3:
        print("usage: evaluate.py MAMORI_BINARY WORKDIR", file=sys.stderr)
        return 2
    mamori, work = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    generator = os.path.join(root, "samples", "month", "make-month.py")
    checker = os.path.join(root, "..", "shared", "tools", "check-findings")

    # A fresh month every time: never score against stale logs.
    if os.path.isdir(work):
        if os.listdir(work) and not os.path.exists(os.path.join(work, "truth.json")):
            print(f"evaluate: {work} is not empty and holds no generated month; "
                  "refusing to clear it", file=sys.stderr)
            return 2
        shutil.rmtree(work)
    os.makedirs(work)
    subprocess.run([sys.executable, generator, work], check=True)
    with open(os.path.join(work, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)

    cmd = [mamori, "scan", "--format", "jsonl", "--tz", "Asia/Tokyo", "-j", "2",
           "--assets", os.path.join(work, "assets.toml"),
           "--roster", os.path.join(work, "roster.csv"),
           "--devices", os.path.join(work, "devices.csv")]
    for log in truth["logs"]:
        cmd += ["--log", os.path.join(work, log)]
    report = os.path.join(work, "report.jsonl")
    began = time.monotonic()
    with open(report, "wb") as out, open(os.path.join(work, "report.err"), "wb") as err:
        code = subprocess.run(cmd, stdout=out, stderr=err).returncode
    took = time.monotonic() - began
    if code not in (0, 1):
        print(f"FAIL mamori scan exited {code}:", file=sys.stderr)
        with open(os.path.join(work, "report.err"), encoding="utf-8", errors="replace") as e:
            sys.stderr.write(e.read()[:4000])
        return 1

    status = 0
    if os.path.exists(checker):
        check = subprocess.run([sys.executable, checker, "--exit-code", str(code), report],
                               capture_output=True, text=True)
        if check.returncode != 0:
            print("FAIL check-findings:")
            print(check.stdout + check.stderr, end="")
            status = 1
    else:
        print(f"note: {checker} not found; report format not checked")

    findings, summary = [], None
    with open(report, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            obj = json.loads(line)
            if obj.get("type") == "finding":
                findings.append(obj)
            elif obj.get("type") == "summary":
                summary = obj
    if summary is None:
        print("FAIL the report has no summary")
        return 1
    print(f"mamori scan: {len(truth['logs'])} logs in {took:.1f} s, exit {code}")
    print(f"events {summary.get('events')} by format "
          f"{json.dumps(summary.get('events_by_format', {}), sort_keys=True)}; "
          f"lines_rejected {summary.get('lines_rejected', 0)}; "
          f"findings {json.dumps(summary.get('findings', {}), sort_keys=True)}; "
          f"notices {json.dumps(summary.get('notices', {}), sort_keys=True)}")
    if summary.get("lines_rejected", 0):
        print("FAIL some log lines were rejected: the month is not fully read")
        status = 1

    high = [f for f in findings if f.get("severity") in HIGH]
    stories = truth["stories"]
    found = {s["id"]: [f for f in high if about(f, s)] for s in stories}
    story_hits = [f for f in high if any(about(f, s) for s in stories)]
    false_alarms = [f for f in high if not any(about(f, s) for s in stories)]

    n_found = sum(1 for s in stories if found[s["id"]])
    print(f"recall {n_found}/{len(stories)} = {n_found / len(stories):.2f}")
    if high:
        print(f"precision {len(story_hits)}/{len(high)} = {len(story_hits) / len(high):.2f}")
    else:
        print("precision 0/0 (no high or critical finding)")

    for s in stories:
        if found[s["id"]]:
            f = max(found[s["id"]], key=lambda x: x.get("score", 0))
            print(f"found {s['id']}: {f['detector']} {f.get('user', '-')} "
                  f"{f['severity']} {f.get('score')} {f['title']}")
    for s in stories:
        if not found[s["id"]]:
            print(f"MISSED story {s['id']} ({s['kind']}): users {','.join(s['users'])} "
                  f"dates {s['dates'][0]}..{s['dates'][-1]}: {s['summary']}")
            status = 1

    groups = collections.Counter()
    for f in sorted(false_alarms, key=lambda x: (x.get("user", ""), x.get("start", ""), x["detector"])):
        user = f.get("user", "-")
        cases = [l["id"] for l in truth["lookalikes"] if user in l["users"]]
        # The look-alikes of this person whose dates the finding overlaps
        # (everyday work last, as the least specific).
        dated = [l["id"] for l in truth["lookalikes"]
                 if user in l["users"] and overlaps(finding_span(f), l["dates"])]
        dated.sort(key=lambda c: c == "own_asset_daily")
        if dated:
            group = "+".join(dated)
        elif cases:
            group = "+".join(cases)
        elif any(user in s["users"] for s in stories):
            group = "story person, outside the story's dates"
        else:
            group = "not in the roster" if user != "-" else "no user"
        groups[group] += 1
        print(f"FALSE ALARM [{group}] {f['detector']} {user} {f['severity']} "
              f"{f.get('score')}: {f['title']}")
        if cases:
            status = 1
    if false_alarms:
        print("false alarms by look-alike: " +
              ", ".join(f"{g} {n}" for g, n in groups.most_common()))
    print("PASS" if status == 0 else "FAIL")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
