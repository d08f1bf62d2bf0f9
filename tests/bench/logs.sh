#!/usr/bin/env bash
# Log reading speed and memory, per format (make bench).
# Usage: bash tests/bench/logs.sh BUILD_DIR
# Generates logs of each text format in a scratch folder (LOG_BENCH_MB MB
# for Samba and auditd, a quarter of that for the others; default 200),
# runs `BUILD_DIR/mamori events --tz UTC LOG` on each and prints MB/s,
# events/s and peak memory. Peak memory is shown for two sizes of the same
# log to show it stays flat. EVTX is compared with evtxexport
# (libevtx-utils) on the same file, read LOG_BENCH_EVTX_ROUNDS times.
set -euo pipefail
build=$(cd "${1:?usage: logs.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
mamori="$build/mamori"
mb=${LOG_BENCH_MB:-200}
rounds=${LOG_BENCH_EVTX_ROUNDS:-20}
if ! "$mamori" events --help >/dev/null 2>&1; then
  echo "logs: $mamori events is not available; nothing measured"
  exit 0
fi
command -v python3 >/dev/null || { echo "logs: python3 is needed to generate logs"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/mamori-logbench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# gen FORMAT MB FILE: a block of varied records repeated to the size.
gen() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, random, sys
fmt, mb, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rnd = random.Random(7)
users = ["tanaka", "sato", "CORP\\kim", "suzuki"]
def p(): return "/srv/shares/rd/proj%d/file%d.dwg" % (rnd.randrange(50), rnd.randrange(10**6))
def block(i):
    out = []
    if fmt == "samba":
        for n in range(2000):
            op = rnd.choice(["openat|ok|r|%s", "pread_send|ok|%s", "close|ok|%s",
                             "create_file|ok|0x120089|file|open|%s", "openat|ok|w|%s",
                             "unlinkat|ok|%s"]) % p()
            out.append("Mar %2d %02d:%02d:%02d fs1 smbd_audit[4242]: %s|10.0.0.%d|%s" %
                       (1 + i % 28, n // 3600 % 24, n // 60 % 60, n % 60,
                        rnd.choice(users), rnd.randrange(250), op))
    elif fmt == "auditd":
        for n in range(400):
            ts = "%d.%03d:%d" % (1700000000 + i * 400 + n, n % 1000, i * 400 + n)
            sc, a2 = rnd.choice([(257, "241"), (257, "0"), (263, "0"), (82, "0")])
            out.append('type=SYSCALL msg=audit(%s): arch=c000003e syscall=%d success=yes exit=3 a0=ffffff9c a1=7ffd a2=%s a3=1b6 items=2 ppid=6434 pid=23942 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts4 ses=3 comm="cp" exe="/usr/bin/cp" subj=unconfined key="rd_watch"' % (ts, sc, a2))
            out.append('type=CWD msg=audit(%s): cwd="/home/tanaka"' % ts)
            out.append('type=PATH msg=audit(%s): item=0 name="/srv/rd/" inode=654081 dev=08:01 mode=040700 ouid=0 ogid=0 rdev=00:00 nametype=PARENT cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0' % ts)
            out.append('type=PATH msg=audit(%s): item=1 name="%s" inode=655075 dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=%s cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0' % (ts, p(), rnd.choice(["NORMAL", "CREATE", "DELETE"])))
            out.append('type=PROCTITLE msg=audit(%s): proctitle=6370002F7372762F72642F782E64776700' % ts)
            out.append('type=EOE msg=audit(%s): ' % ts)
    elif fmt == "syslog":
        for n in range(200):
            port = "%d-%d" % (1 + n % 4, 1 + n % 7)
            t = "Sep %2d %02d:%02d:%02d lap" % (1 + i % 28, n // 60 % 24, n % 60, n % 60)
            out += ["%s kernel: [ 528.1] usb %s: New USB device found, idVendor=0781, idProduct=5581, bcdDevice= 1.00" % (t, port),
                    "%s kernel: [ 528.2] usb %s: Product: Ultra" % (t, port),
                    "%s kernel: [ 528.3] usb %s: Manufacturer: SanDisk" % (t, port),
                    "%s kernel: [ 528.4] usb %s: SerialNumber: 4C53%08d" % (t, port, n),
                    "%s kernel: [ 528.5] scsi host%d: usb-storage %s:1.0" % (t, n, port),
                    "%s kernel: [ 529.6] sd %d:0:0:0: [sdc] Attached SCSI removable disk" % (t, n),
                    "%s udisksd[2074]: Mounted /dev/sdc1 at /media/laura/U%d on behalf of uid 1000" % (t, n),
                    "%s systemd[1]: Started Session %d of user laura." % (t, n),
                    "%s CRON[99]: (root) CMD (run-parts /etc/cron.hourly)" % t,
                    "%s kernel: [ 700.1] usb %s: USB disconnect, device number 10" % (t, port)]
    elif fmt == "journal":
        for n in range(1000):
            out.append(json.dumps({"__CURSOR": "s=b4;i=%x" % n, "__REALTIME_TIMESTAMP": str(1594109501754262 + n * 1000),
                                   "_HOSTNAME": "fs1", "SYSLOG_IDENTIFIER": "smbd_audit", "_TRANSPORT": "syslog",
                                   "MESSAGE": "%s|10.0.0.5|openat|ok|r|%s" % (rnd.choice(users), p())}))
    elif fmt == "winxml":
        for n in range(300):
            out.append('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Security-Auditing" Guid="{54849625-5478-4994-A5BA-3E3B0328C30D}"/><EventID>5145</EventID><Version>0</Version><Level>0</Level><Task>12811</Task><Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime="2019-03-18T14:23:22.264909600Z"/><EventRecordID>%d</EventRecordID><Correlation/><Execution ProcessID="536" ThreadID="556"/><Channel>Security</Channel><Computer>PC01.example.corp</Computer><Security/></System><EventData><Data Name="SubjectUserSid">S-1-5-21-1587066498-1489273250-1035260531-500</Data><Data Name="SubjectUserName">Administrator</Data><Data Name="SubjectDomainName">EXAMPLE</Data><Data Name="SubjectLogonId">0x00000000000fc635</Data><Data Name="ObjectType">File</Data><Data Name="IpAddress">10.0.2.15</Data><Data Name="IpPort">55632</Data><Data Name="ShareName">\\\\*\\C$</Data><Data Name="ShareLocalPath">\\??\\C:\\</Data><Data Name="RelativeTargetName">Users\\a\\file%d.docx</Data><Data Name="AccessMask">0x120089</Data><Data Name="AccessList">%%%%1538\r\n\t\t\t\t%%%%4416\r\n\t\t\t\t</Data><Data Name="AccessReason">-</Data></EventData></Event>' % (n, n))
    elif fmt == "winjson":
        for n in range(300):
            out.append(json.dumps({"Keywords": -9214364837600034816, "SubjectDomainName": "THESHIRE", "EventID": 5145,
                                   "Channel": "security", "host": "wec.internal.cloudapp.net", "ObjectType": "File",
                                   "EventTime": "2020-09-22 14:53:30", "@timestamp": "2020-09-22T18:53:32.342Z",
                                   "SourceName": "Microsoft-Windows-Security-Auditing", "SubjectUserName": "pgustavo",
                                   "ShareName": "\\\\*\\C$", "RelativeTargetName": "ProgramData\\f%d.exe" % n,
                                   "AccessMask": "0x17019f", "Task": 12811, "Hostname": "WORKSTATION6.theshire.local",
                                   "Message": "A network share object was checked to see whether client can be granted desired access."}))
    elif fmt == "setupapi":
        for n in range(100):
            out += [">>>  [Device Install (Hardware initiated) - USBSTOR\\Disk&Ven_SanDisk&Prod_Ultra&Rev_1.00\\%08d%04d&0]" % (i, n),
                    ">>>  Section start 2016/11/22 23:50:30.938",
                    "     dvi: {Build Driver List} 23:50:31.720",
                    "     dvi:      Searching for hardware ID(s):",
                    "     dvi:           usbstor\\disksandisk_ultra___1.00",
                    "     ndv: {Installing device - USBSTOR\\DISK&VEN_SANDISK} 23:50:35.689",
                    "<<<  Section end 2016/11/22 23:50:58.236",
                    "<<<  [Exit status: SUCCESS]", ""]
    elif fmt == "m365":
        for n in range(500):
            out.append(json.dumps({"CreationTime": "2020-02-07T16:44:08", "Id": "%d" % n, "Operation": rnd.choice(["FileAccessed", "FileDownloaded", "FileUploaded"]),
                                   "RecordType": 6, "UserId": "asr@testsiem.onmicrosoft.com", "Workload": "OneDrive",
                                   "ObjectId": "https://t.sharepoint.com/sites/rd/Shared Documents/f%d.docx" % n,
                                   "ClientIP": "67.43.156.15", "UserAgent": "Mozilla/5.0"}))
    elif fmt == "gworkspace":
        for n in range(500):
            out.append(json.dumps({"kind": "admin#reports#activity", "id": {"time": "2020-10-02T15:00:00Z", "uniqueQualifier": n},
                                   "actor": {"email": "foo@bar.com"}, "events": [{"type": "access", "name": "download",
                                   "parameters": [{"name": "doc_id", "value": str(n)}, {"name": "doc_title", "value": "title %d" % n}]}]}))
    return "\n".join(out) + "\n"
size = mb << 20
blocks = [block(i) for i in range(8)]
with open(path, "w", encoding="utf-8", newline="") as f:
    head = "[Device Install Log]\r\n" if fmt == "setupapi" else ""
    f.write(head)
    i = 0
    while f.tell() < size:
        f.write(blocks[i % 8]); i += 1
PY
}

# run LABEL FILE [BYTES]: MB/s, events/s and peak memory of `mamori events`
# (BYTES: the size to count, the uncompressed size for a compressed log).
run() {
  local label=$1 file=$2 bytes events secs rss
  bytes=${3:-$(stat -c %s "$file")}
  events=$( { /usr/bin/time -f '%e %M' -o "$work/time" "$mamori" events --tz UTC "$file" 2>"$work/err" || true; } | wc -l)
  read -r secs rss <"$work/time"
  python3 - "$label" "$bytes" "$events" "$secs" "$rss" <<'PY'
import sys
label, b, ev, s, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
s = max(s, 0.01)
print("%-22s %8.1f MB %9.1f MB/s %11.0f events/s %8d events %7.1f MB peak" %
      (label, b / 1e6, b / 1e6 / s, ev / s, ev, rss / 1024))
PY
}

echo "mamori events, one process per log, output to a pipe (JSON Lines written too)"
quarter=$(( mb / 4 > 0 ? mb / 4 : 1 ))
for fmt in samba auditd; do
  gen "$fmt" "$mb" "$work/$fmt.log"
  run "$fmt" "$work/$fmt.log"
done
# Flat memory: the same format at a quarter of the size.
gen samba "$quarter" "$work/samba-small.log"
run "samba (1/4 size)" "$work/samba-small.log"
gzip -1 -c "$work/samba.log" >"$work/samba.log.gz"
run "samba .gz (inflated)" "$work/samba.log.gz" "$(stat -c %s "$work/samba.log")"
rm -f "$work/samba.log" "$work/samba-small.log" "$work/samba.log.gz" "$work/auditd.log"
for fmt in syslog journal winxml winjson setupapi m365 gworkspace; do
  gen "$fmt" "$quarter" "$work/$fmt.log"
  run "$fmt" "$work/$fmt.log"
  rm -f "$work/$fmt.log"
done

# EVTX against evtxexport on the same file.
evtx="$here/../data/logs/mdec_ID5145_user_file_credentials_browser_dump_via_network_share.evtx"
shared="$here/../../../shared/corpus/windows-evtx/eas_LM_5145_Remote_FileCopy.evtx"
[ -f "$shared" ] && evtx="$shared"
if command -v evtxexport >/dev/null; then
  t0=$(date +%s.%N)
  for _ in $(seq "$rounds"); do "$mamori" events --tz UTC "$evtx" >/dev/null 2>&1 || true; done
  t1=$(date +%s.%N)
  for _ in $(seq "$rounds"); do evtxexport "$evtx" >/dev/null 2>&1 || true; done
  t2=$(date +%s.%N)
  for _ in $(seq "$rounds"); do evtxexport -f xml "$evtx" >/dev/null 2>&1 || true; done
  t3=$(date +%s.%N)
  python3 - "$evtx" "$rounds" "$t0" "$t1" "$t2" "$t3" <<'PY'
import os, sys
f, n = sys.argv[1], int(sys.argv[2])
t0, t1, t2, t3 = map(float, sys.argv[3:])
mb = os.path.getsize(f) * n / 1e6
print("evtx %s x%d: mamori %.2f s (%.1f MB/s), evtxexport text %.2f s, evtxexport -f xml %.2f s" %
      (os.path.basename(f), n, t1 - t0, mb / (t1 - t0), t2 - t1, t3 - t2))
PY
else
  echo "evtx: evtxexport (libevtx-utils) is not installed; no comparison"
fi
