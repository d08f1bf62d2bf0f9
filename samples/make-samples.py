#!/usr/bin/env python3
"""Regenerates the demo logs and media in samples/ (deterministic output).

A day at the demo organisation, 2026-03-27 (JST): ordinary work on the file
server, a backup job, and sato.yuki, a dispatched worker whose contract ends
on 2026-03-31, pulling a few hundred LTCC and MLCC files in the afternoon.
The media folder holds what was found on a USB stick: a zip with an asset
file and a document stamped 社外秘.
"""
import io
import os
import random
import zipfile

here = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20260327)
lines = []


def log(ts, user, ip, op, *args, host="fs01", pid=2211):
    body = "|".join([user, ip, op, "ok", *args])
    lines.append((ts, f"{ts} {host} smbd_audit[{pid}]: {body}"))


def ts(h, m, s, us=0):
    return f"2026-03-27T{h:02}:{m:02}:{s:02}.{us:06}+09:00"


# Morning: tanaka and suzuki work normally.
for i in range(40):
    h, m = 9 + i // 8, (i * 7) % 60
    log(ts(h, m, rng.randrange(60)), "tanaka", "10.0.5.11", "openat", "r",
        f"/srv/shares/rd/mlcc/trials/run{i % 12:02}.xlsx")
for i in range(25):
    h, m = 10 + i // 6, (i * 9) % 60
    log(ts(h, m, rng.randrange(60)), "suzuki", "10.0.5.31", "openat", "r",
        f"/srv/shares/qa/reports/2026-03/lot{i:03}.pdf")
log(ts(11, 2, 5), "suzuki", "10.0.5.31", "openat", "w",
    "/srv/shares/qa/reports/2026-03/summary.xlsx")
# suzuki opens one MLCC file without need-to-know.
log(ts(11, 40, 12), "suzuki", "10.0.5.31", "openat", "r",
    "/srv/shares/rd/mlcc/recipes/BT-07_slurry_v12.xlsx")

# Afternoon: sato.yuki pulls the LTCC and MLCC folders, about 6 files a minute.
t = 14 * 3600 + 10 * 60 + 2
folders = ["/srv/shares/rd/ltcc/stackup", "/srv/shares/rd/ltcc/firing",
           "/srv/shares/rd/mlcc/recipes", "/srv/shares/rd/mlcc/trials"]
for i in range(320):
    folder = folders[i * len(folders) // 320]
    name = f"{folder}/K{i:03}_{'layers' if 'ltcc' in folder else 'slurry'}.xlsx"
    t += rng.randrange(4, 16)
    log(ts(t // 3600, t // 60 % 60, t % 60, rng.randrange(10**6)),
        "CORP\\ysato", "10.0.7.23", "openat", "r", name, pid=2305)
t += 60
log(ts(t // 3600, t // 60 % 60, t % 60), "CORP\\ysato", "10.0.7.23",
    "create_file", "0x120116", "file", "create",
    "/srv/shares/users/ysato/q1.zip", pid=2305)

# Night: the backup service reads everything; it is a service account.
for i in range(30):
    log(ts(23, i, 0), "svc-backup", "10.0.1.5", "openat", "r",
        f"/srv/shares/qa/reports/2026-03/lot{i:03}.pdf")

lines.sort()
with open(os.path.join(here, "logs", "fs01-samba-audit.log"), "w",
          newline="\n") as f:
    for _, line in lines:
        f.write(line + "\n")

# The USB stick: a zip staged with asset files, and a stamped memo.
media = os.path.join(here, "media", "usb-stick")
os.makedirs(media, exist_ok=True)
buf = io.BytesIO()
fixed = (2026, 3, 27, 15, 2, 0)
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    def add(name, text, encoding="utf-8"):
        info = zipfile.ZipInfo(name, fixed)
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text.encode(encoding))
    add("stackup/K012_layers.csv",
        "layer,material,thickness_um\n# K12 layer stack, rev C\n"
        "1,GF-3,45\n2,GF-3,45\n3,Ag paste,12\n")
    add("recipes/slurry.csv",
        "# BT-07 slurry, mixing order\nstep,material,mass_g\n"
        "1,BaTiO3,1000\n2,binder,85\n", encoding="utf-8")
    add("recipes/slurry_sjis.csv",
        "# 誘電体スラリー配合 (BT-07)\nstep,material\n1,BaTiO3\n",
        encoding="cp932")
    add("notes/todo.txt", "pack the rest on Monday\n")
with open(os.path.join(media, "q1.zip"), "wb") as f:
    f.write(buf.getvalue())
with open(os.path.join(media, "memo.txt"), "w", encoding="utf-8") as f:
    f.write("【社外秘】\n第3四半期 生産計画メモ\n")
with open(os.path.join(media, "shopping.txt"), "w", encoding="utf-8") as f:
    f.write("milk, eggs, rice\n")
