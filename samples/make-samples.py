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

# sato.yuki's workstation ws07: a USB stick is plugged in, mounted by udisks
# on her behalf (uid 1002), q1.zip and two sheets are copied onto it
# (auditd watches /media), and the stick is pulled out.
import calendar
import datetime


def epoch(local):  # "2026-03-27T15:20:01" in JST -> seconds since 1970
    t = datetime.datetime.fromisoformat(local) - datetime.timedelta(hours=9)
    return calendar.timegm(t.timetuple())


syslog = [
    ("15:20:01.104233", "kernel", "usb 1-2: new high-speed USB device number 7 using xhci_hcd"),
    ("15:20:01.262501", "kernel", "usb 1-2: New USB device found, idVendor=0951, idProduct=1666, bcdDevice= 1.00"),
    ("15:20:01.262510", "kernel", "usb 1-2: New USB device strings: Mfr=1, Product=2, SerialNumber=3"),
    ("15:20:01.262514", "kernel", "usb 1-2: Product: DataTraveler 3.0"),
    ("15:20:01.262517", "kernel", "usb 1-2: Manufacturer: Kingston"),
    ("15:20:01.262520", "kernel", "usb 1-2: SerialNumber: 60A44C413A8CF0A0B9590B1A"),
    ("15:20:01.263907", "kernel", "usb-storage 1-2:1.0: USB Mass Storage device detected"),
    ("15:20:01.264302", "kernel", "scsi host4: usb-storage 1-2:1.0"),
    ("15:20:02.290117", "kernel", "scsi 4:0:0:0: Direct-Access     Kingston DataTraveler 3.0 0000 PQ: 0 ANSI: 6"),
    ("15:20:02.291020", "kernel", "sd 4:0:0:0: [sdb] 60437492 512-byte logical blocks: (30.9 GB/28.8 GiB)"),
    ("15:20:02.297311", "kernel", " sdb: sdb1"),
    ("15:20:02.297918", "kernel", "sd 4:0:0:0: [sdb] Attached SCSI removable disk"),
    ("15:20:03.051220", "udisksd[1187]", "Mounted /dev/sdb1 at /media/ysato/KINGSTON on behalf of uid 1002"),
    ("15:31:40.880415", "udisksd[1187]", "Unmounted /dev/sdb1 on behalf of uid 1002"),
    ("15:31:44.120007", "kernel", "usb 1-2: USB disconnect, device number 7"),
]
with open(os.path.join(here, "logs", "ws07-syslog"), "w", newline="\n") as f:
    for clock, tag, msg in syslog:
        f.write(f"2026-03-27T{clock}+09:00 ws07 {tag}: {msg}\n")

audit = []
serial = 4410
for clock, name, cwd in [("15:22:05.118", "/media/ysato/KINGSTON/q1.zip", "/home/ysato"),
                         ("15:22:31.402", "K012_layers.xlsx", "/media/ysato/KINGSTON"),
                         ("15:22:32.007", "K200_slurry.xlsx", "/media/ysato/KINGSTON")]:
    serial += 1
    secs = epoch(f"2026-03-27T{clock[:8]}")
    stamp = f"audit({secs}.{clock[9:]}:{serial})"
    parent = os.path.dirname(name) if name.startswith("/") else cwd
    audit += [
        f"type=SYSCALL msg={stamp}: arch=c000003e syscall=257 success=yes exit=4 "
        f"a0=ffffff9c a1=7ffd3c1e2f10 a2=241 a3=1b6 items=2 ppid=5120 pid=5188 "
        f"auid=1002 uid=1002 gid=1002 euid=1002 suid=1002 fsuid=1002 egid=1002 "
        f"sgid=1002 fsgid=1002 tty=pts1 ses=4 comm=\"cp\" exe=\"/usr/bin/cp\" "
        f"key=\"removable\"",
        f"type=CWD msg={stamp}: cwd=\"{cwd}\"",
        f"type=PATH msg={stamp}: item=0 name=\"{parent}/\" inode=1 dev=08:11 "
        f"mode=040755 ouid=1002 ogid=1002 rdev=00:00 nametype=PARENT cap_fp=0 "
        f"cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0",
        f"type=PATH msg={stamp}: item=1 name=\"{name}\" inode={serial} dev=08:11 "
        f"mode=0100644 ouid=1002 ogid=1002 rdev=00:00 nametype=CREATE cap_fp=0 "
        f"cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0",
        f"type=PROCTITLE msg={stamp}: proctitle=6370002D72",
        f"type=EOE msg={stamp}: ",
    ]
with open(os.path.join(here, "logs", "ws07-audit.log"), "w", newline="\n") as f:
    f.write("\n".join(audit) + "\n")

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
