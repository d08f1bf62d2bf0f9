#!/usr/bin/env python3
"""Runs killed at any moment never cost or repeat a log line (--state).

    tests/state/kill_test.py MAMORI WORKDIR

A Samba audit log grows in chunks; before each chunk's run is over it is
killed with SIGKILL at a point spread over the run's length (while the log
is read, while the media are matched, around the commit), and some runs are
let finish. At the end one run finishes. Then the state must hold exactly
what one run over the whole log gives: the same kept days (every merged
record, with its count of events: a line read twice or missed changes
them), the log read to its end, and the same findings. Exits 1 otherwise.
"""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

USERS = [f"user{i:02d}" for i in range(24)]


def chunk(start, count, rng):
    lines = []
    for n in range(start, start + count):
        day = 2 + n // 6000
        second = (n * 7) % 86400
        user = rng.choice(USERS)
        share = "rd" if rng.random() < 0.7 else "common"
        lines.append(
            f"Mar {day:2d} {second // 3600:02d}:{second // 60 % 60:02d}:"
            f"{second % 60:02d} fs1 smbd_audit[42]: {user}|10.0.0.{n % 200}|"
            f"openat|ok|r|/srv/shares/{share}/{user}/doc{rng.randrange(400)}"
            f".docx\n")
    return "".join(lines)


def scan(mamori, root, state, log, wait=True):
    cmd = [mamori, "scan", "-f", "jsonl", "--tz", "Asia/Tokyo", "-j", "2",
           "--state", state, "--log", log, os.path.join(root, "samples", "media"),
           "--assets", os.path.join(root, "samples", "assets.toml")]
    if not wait:  # nothing read from it: a full pipe would stop it
        return subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    if proc.returncode not in (0, 1, 3):
        sys.exit(f"FAIL {' '.join(cmd)}: exit {proc.returncode}\n{err.decode()}")
    return out


def findings(out):
    import json
    got = {}
    for line in out.splitlines():
        r = json.loads(line)
        if r["type"] == "finding":
            got[r["id"]] = r["severity"]
    return got


def kept(state):
    db = sqlite3.connect(state)
    try:
        days = db.execute("SELECT person, day, aggregates FROM person_day "
                          "ORDER BY person, day").fetchall()
        logs = db.execute("SELECT path, offset, line FROM log_position").fetchall()
    finally:
        db.close()
    return days, logs


def main():
    mamori, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    root = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    rng = random.Random(13)
    chunks = [chunk(i * 20000, 20000, rng) for i in range(6)]

    # The reference: one run over the whole log.
    whole = os.path.join(work, "whole.log")
    with open(whole, "w") as f:
        f.writelines(chunks)
    reference_state = os.path.join(work, "reference.db")
    started = time.monotonic()
    reference = findings(scan(mamori, root, reference_state, whole))
    took = time.monotonic() - started
    ref_days, _ = kept(reference_state)
    log = os.path.join(work, "smbd.log")
    # The records name the log of their first line.
    ref_days = [(p, d, a.replace(whole, log)) for p, d, a in ref_days]

    # The same log growing, runs killed at points spread over a run's time.
    state = os.path.join(work, "state.db")
    kills = 0
    for i, text in enumerate(chunks):
        with open(log, "a") as f:
            f.write(text)
        for attempt in range(4):
            proc = scan(mamori, root, state, log, wait=False)
            time.sleep(rng.uniform(0, took))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.communicate()
    final = findings(scan(mamori, root, state, log))
    days, logs = kept(state)

    ok = True
    if days != ref_days:
        ok = False
        diff = next((a, b) for a, b in zip(days, ref_days) if a != b)
        print(f"FAIL the kept days differ from one run's ({len(days)} rows, "
              f"{len(ref_days)} expected); first:\n{diff[0]}\n{diff[1]}")
    size = os.path.getsize(log)
    if logs != [(log, size, 120000)]:
        ok = False
        print(f"FAIL the log position is {logs}, not its end ({size} bytes, "
              "120000 lines)")
    if final != reference:
        ok = False
        print(f"FAIL findings differ: {sorted(final.items())} vs "
              f"{sorted(reference.items())}")
    print(f"{kills} of 24 runs killed over 6 chunks (a run takes {took:.2f} s); "
          f"{len(days)} person-days kept; {len(final)} findings")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
