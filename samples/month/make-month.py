#!/usr/bin/env python3
"""Generates a month of the demo organisation's logs, with planted stories.

    samples/month/make-month.py OUTDIR

Writes to OUTDIR: assets.toml, roster.csv, devices.csv, truth.json and
logs/ (Samba vfs_full_audit through syslog for the file server fs01,
rotated weekly and gzip-compressed like logrotate leaves them; Linux
auditd for the project server proj01 and for two workstations; kernel
USB + udisks2 syslog for those workstations; the Microsoft 365 unified
audit log as AuditData JSON lines, SharePoint and Endpoint DLP).

The month is 2026-03-01 .. 2026-03-31 in Asia/Tokyo (2026-03-20 is a
public holiday). Everybody does their ordinary work every working day;
truth.json lists the planted leaks ("stories") and the ordinary work that
looks like a leak at first sight ("lookalikes"), with the people and the
local dates involved. samples/month/README.md tells each one.

Python 3 standard library only; the output depends on nothing but SEED.
"""
import csv
import datetime as dt
import gzip
import io
import json
import os
import random
import sys
import uuid

SEED = 20260301
JST = dt.timezone(dt.timedelta(hours=9))
YEAR, MONTH = 2026, 3
DAYS = [dt.date(YEAR, MONTH, d) for d in range(1, 32)]
HOLIDAYS = {dt.date(2026, 3, 20)}  # 春分の日 (Vernal Equinox Day)
TENANT = "examplejp"
SP = f"https://{TENANT}.sharepoint.com/sites"
MAILDOM = "example.co.jp"
OFFICE_IP = "203.0.113.10"  # the office's internet egress (NAT)
ORG_ID = "3f2a9c4e-6b1d-4e8a-9c07-5d2b8e1f4a60"

rng = random.Random(SEED)


def workday(d):
    return d.weekday() < 5 and d not in HOLIDAYS


def at(d, seconds):
    """Local JST datetime: day d plus seconds (may run past midnight)."""
    return dt.datetime(d.year, d.month, d.day, tzinfo=JST) + \
        dt.timedelta(seconds=seconds)


def uid4(r=rng):
    return str(uuid.UUID(int=r.getrandbits(128), version=4))


# ---------------------------------------------------------------------------
# People. login is the Windows/Linux account name (CORP\login, uid).

# user, display, employment, dept, groups, start, end, notice, login, uid,
# os, host, profile, daily mean
PEOPLE_ROWS = [
    # Materials R&D
    ("tanaka", "田中 一郎", "employee", "Materials R&D", "mlcc-team;rd", "2015-04-01", "", "", "tanaka", 1001, "linux", "ws03", "mlcc", 30),
    ("kobayashi", "小林 健", "employee", "Materials R&D", "mlcc-team;rd", "2012-04-01", "2026-04-30", "2026-03-06", "kobayashi", 1011, "windows", "RD-LT-011", "mlcc", 24),
    ("fujita", "藤田 恵", "employee", "Materials R&D", "mlcc-team;rd", "2018-04-01", "", "", "fujita", 1012, "windows", "RD-LT-012", "mlcc", 22),
    ("ogawa", "小川 大輔", "employee", "Materials R&D", "mlcc-team;rd;pilot-night", "2016-10-01", "", "", "ogawa", 1013, "linux", "ws05", "mlcc-night", 22),
    ("matsumoto", "松本 翔", "employee", "Materials R&D", "mlcc-team;rd", "2020-04-01", "", "", "matsumoto", 1014, "linux", "ws04", "mlcc", 35),
    ("kato", "加藤 美咲", "employee", "Materials R&D", "mlcc-team;rd", "2021-04-01", "", "", "kato", 1015, "linux", "ws06", "mlcc", 18),
    ("yoshida", "吉田 拓也", "employee", "Materials R&D", "mlcc-team;rd", "2014-04-01", "", "", "yoshida", 1016, "windows", "RD-LT-016", "mlcc", 40),
    ("yamaguchi", "山口 直樹", "employee", "Materials R&D", "mlcc-team;rd", "2019-04-01", "", "", "yamaguchi", 1017, "linux", "ws08", "mlcc", 27),
    ("sasaki", "佐々木 彩", "employee", "Materials R&D", "mlcc-team;rd", "2022-04-01", "", "", "sasaki", 1018, "linux", "ws09", "mlcc", 20),
    ("abe", "阿部 誠", "employee", "Materials R&D", "frit-team;rd", "2011-04-01", "", "", "abe", 1019, "linux", "ws10", "frit", 16),
    ("ikeda", "池田 優子", "employee", "Materials R&D", "frit-team;rd", "2017-04-01", "", "", "ikeda", 1020, "linux", "ws12", "frit", 21),
    ("hashimoto", "橋本 亮", "employee", "Materials R&D", "frit-team;rd", "2023-04-01", "", "", "hashimoto", 1021, "linux", "ws13", "frit", 15),
    # Substrate R&D
    ("sato.yuki", "佐藤 ゆき", "dispatched", "Substrate R&D", "rd", "2025-10-01", "2026-03-31", "2026-03-02", "ysato", 1002, "linux", "ws07", "ltcc", 20),
    ("watanabe", "渡辺 剛", "contractor", "Substrate R&D", "ltcc-team;rd", "2025-07-01", "2026-03-13", "2026-02-13", "watanabe", 1031, "windows", "RD-LT-031", "ltcc", 22),
    ("mori.aya", "森 彩", "employee", "Substrate R&D", "ltcc-team;rd", "2026-03-16", "", "", "amori", 1032, "linux", "ws14", "ltcc", 28),
    ("inoue", "井上 学", "employee", "Substrate R&D", "ltcc-team;rd", "2013-04-01", "", "", "inoue", 1033, "linux", "ws15", "ltcc", 30),
    ("ishikawa", "石川 由紀", "employee", "Substrate R&D", "ltcc-team;rd", "2016-04-01", "", "", "ishikawa", 1034, "linux", "ws16", "ltcc", 26),
    ("maeda", "前田 浩", "employee", "Substrate R&D", "ltcc-team;rd", "2010-04-01", "", "", "maeda", 1035, "linux", "ws17", "ltcc", 38),
    ("okada", "岡田 真理", "employee", "Substrate R&D", "ltcc-team;rd", "2019-10-01", "", "", "okada", 1036, "linux", "ws18", "ltcc", 19),
    ("hasegawa", "長谷川 司", "employee", "Substrate R&D", "ltcc-team;rd", "2015-04-01", "", "", "hasegawa", 1037, "linux", "ws19", "ltcc", 45),
    ("fujii", "藤井 遥", "employee", "Substrate R&D", "ltcc-team;rd", "2024-04-01", "", "", "fujii", 1038, "linux", "ws20", "ltcc", 17),
    ("goto", "後藤 隆", "employee", "Substrate R&D", "ltcc-team;rd", "2009-04-01", "", "", "goto", 1039, "windows", "RD-LT-039", "ltcc", 24),
    # Quality
    ("suzuki", "鈴木 花子", "employee", "Quality", "qa", "2019-04-01", "", "", "suzuki", 1003, "windows", "QA-LT-003", "qa", 22),
    ("yamada.k", "山田 京子", "employee", "Quality", "qa", "2018-04-01", "", "", "kyamada", 1041, "windows", "QA-LT-041", "qa", 18),
    ("shimizu", "清水 正夫", "employee", "Quality", "qa", "1988-04-01", "2026-03-19", "2025-12-01", "shimizu", 1042, "windows", "QA-LT-042", "qa", 20),
    ("kimura", "木村 拓", "employee", "Quality", "qa", "2020-04-01", "", "", "kimura", 1043, "windows", "QA-LT-043", "qa", 16),
    ("nakajima", "中島 里奈", "employee", "Quality", "qa", "2021-10-01", "", "", "nakajima", 1044, "windows", "QA-LT-044", "qa", 24),
    ("murakami", "村上 健二", "employee", "Quality", "qa", "2012-04-01", "", "", "murakami", 1045, "windows", "QA-LT-045", "qa", 15),
    ("endo", "遠藤 舞", "employee", "Quality", "qa", "2023-04-01", "", "", "endo", 1046, "windows", "QA-LT-046", "qa", 19),
    ("ueda", "上田 光", "intern", "Quality", "qa", "2026-02-02", "2026-07-31", "", "ueda", 1047, "windows", "QA-LT-047", "qa", 12),
    # Finance
    ("aoki", "青木 恵子", "employee", "Finance", "finance", "2008-04-01", "", "", "aoki", 1051, "windows", "FN-LT-051", "finance", 20),
    ("sakamoto", "坂本 豊", "employee", "Finance", "finance", "2014-04-01", "", "", "sakamoto", 1052, "windows", "FN-LT-052", "finance", 18),
    ("fukuda", "福田 沙織", "employee", "Finance", "finance", "2019-04-01", "", "", "fukuda", 1053, "windows", "FN-LT-053", "finance", 22),
    ("ota", "太田 聡", "employee", "Finance", "finance", "2021-04-01", "", "", "ota", 1054, "windows", "FN-LT-054", "finance", 16),
    ("miura", "三浦 明美", "employee", "Finance", "finance", "2016-04-01", "", "", "miura", 1055, "windows", "FN-LT-055", "finance", 19),
    ("takahashi", "高橋 修", "employee", "Finance", "finance;managers", "2005-04-01", "", "", "takahashi", 1056, "windows", "FN-LT-056", "finance", 10),
    # IT
    ("nishimura", "西村 大", "employee", "IT", "it;admins", "2010-04-01", "", "", "nishimura", 1061, "linux", "ws30", "it", 12),
    ("okamoto", "岡本 千尋", "employee", "IT", "it", "2022-04-01", "", "", "okamoto", 1062, "windows", "IT-LT-062", "it", 10),
    ("backup", "Backup service", "service", "IT", "", "", "", "", "svc-backup", 990, "", "bk01", "service", 0),
    ("indexer", "Search indexer", "service", "IT", "", "", "", "", "svc-index", 991, "", "idx01", "service", 0),
]

FIELDS = ["user", "display", "employment", "dept", "groups", "start", "end",
          "notice", "login", "uid", "os", "host", "profile", "mean"]
PEOPLE = [dict(zip(FIELDS, row)) for row in PEOPLE_ROWS]
BY_USER = {p["user"]: p for p in PEOPLE}
for i, p in enumerate(PEOPLE):
    p["ip"] = f"10.0.{5 + i // 50}.{11 + i}"
    p["upn"] = f"{p['login']}@{MAILDOM}"
    p["pid"] = 2200 + 7 * i


def employed_on(p, d):
    if p["start"] and d < dt.date.fromisoformat(p["start"]):
        return False
    if p["end"] and d > dt.date.fromisoformat(p["end"]):
        return False
    return True


# ---------------------------------------------------------------------------
# Where files live.

FS = "/srv/shares"
PROJ = "/srv/proj"


def tree(root, folders, stem, exts, n):
    out = []
    for i in range(n):
        folder = folders[i % len(folders)]
        ext = exts[(i // len(folders)) % len(exts)]
        out.append(f"{root}/{folder}/{stem(folder, i)}.{ext}")
    return out


FILES = {
    "mlcc": tree(f"{FS}/rd/mlcc", ["recipes", "trials", "dielectric", "reports", "sintering"],
                 lambda f, i: f"{f[:3].upper()}-{i:04d}_BT07", ["xlsx", "csv", "docx", "pdf"], 430),
    "ltcc": tree(f"{FS}/rd/ltcc", ["stackup", "firing", "vias", "shrinkage", "reports"],
                 lambda f, i: f"K12_{f}_{i:04d}", ["xlsx", "dxf", "csv", "pdf"], 480),
    "frit": tree(f"{FS}/rd/frit", ["recipes", "tests", "melts"],
                 lambda f, i: f"GF3_{f}_{i:03d}", ["xlsx", "csv"], 150),
    "qa": tree(f"{FS}/qa", ["reports/2026-02", "reports/2026-03", "lots", "audits"],
               lambda f, i: f"lot{i:04d}", ["pdf", "xlsx"], 300),
    "qa_spec": tree(f"{FS}/qa/spec", ["mlcc", "ltcc", "incoming"],
                    lambda f, i: f"IS-{f}-{i:03d}", ["pdf", "docx"], 90),
    "finance": tree(f"{FS}/finance", ["ledger", "invoices", "payroll", "budget"],
                    lambda f, i: f"{f}_{i:04d}", ["xlsx", "pdf"], 260),
    "close_02": tree(f"{FS}/finance/close/2026-02", ["journal", "accruals", "recon"],
                     lambda f, i: f"{f}_{i:03d}", ["xlsx"], 120),
    "close_03": tree(f"{FS}/finance/close/2026-03", ["journal", "accruals", "recon"],
                     lambda f, i: f"{f}_{i:03d}", ["xlsx"], 160),
    "common": tree(f"{FS}/common", ["templates", "manuals", "forms", "minutes"],
                   lambda f, i: f"{f}_{i:03d}", ["docx", "pdf", "xlsx"], 140),
    "it": tree(f"{FS}/it", ["inventory", "procedures", "licences"],
               lambda f, i: f"{f}_{i:03d}", ["xlsx", "docx"], 60),
    "ltcc_sim": tree(f"{PROJ}/ltcc-sim", ["models", "meshes", "runs", "scripts", "materials"],
                     lambda f, i: f"k12_{f}_{i:04d}", ["inp", "msh", "dat", "py"], 340),
    "proj_tools": tree(f"{PROJ}/tools", ["bin", "lib"], lambda f, i: f"tool_{i:03d}", ["py", "sh"], 50),
}
HOME = {}
for p in PEOPLE:
    if p["profile"] != "service":
        HOME[p["user"]] = [f"{FS}/users/{p['login']}/{w}_{j:02d}.{e}"
                           for j, (w, e) in enumerate([("notes", "docx"), ("draft", "xlsx"),
                                                       ("memo", "txt"), ("plan", "xlsx"),
                                                       ("todo", "txt"), ("report", "docx")])]
FS_ALL = sorted(set(
    [f for k, v in FILES.items() if k not in ("ltcc_sim", "proj_tools") for f in v]
    + [f for v in HOME.values() for f in v]))
PROJ_ALL = sorted(FILES["ltcc_sim"] + FILES["proj_tools"])


def sp_tree(site, libfolders, stem, exts, n):
    out = []
    for i in range(n):
        folder = libfolders[i % len(libfolders)]
        ext = exts[(i // len(libfolders)) % len(exts)]
        out.append((site, f"Shared Documents/{folder}", f"{stem(folder, i)}.{ext}"))
    return out


SPFILES = {
    "mlcc": sp_tree("mlcc-process", ["process sheets", "line settings", "yield", "recipes"],
                    lambda f, i: f"PS-{i:04d}_{f.split()[0]}", ["xlsx", "docx", "pdf"], 1240),
    "ltcc": sp_tree("ltcc-design", ["design rules", "layouts", "reviews"],
                    lambda f, i: f"DR-{i:04d}", ["pdf", "xlsx", "dwg"], 420),
    "qa": sp_tree("quality", ["procedures", "claims", "kpi"],
                  lambda f, i: f"Q-{i:04d}", ["docx", "xlsx"], 260),
    "finance": sp_tree("finance", ["reports", "forecasts", "policies"],
                       lambda f, i: f"F-{i:04d}", ["xlsx", "pdf"], 200),
    "intranet": sp_tree("intranet", ["news", "hr", "forms"],
                        lambda f, i: f"N-{i:04d}", ["pdf", "docx"], 150),
}


# ---------------------------------------------------------------------------
# Log writers. Each log collects (utc datetime, sort key, text) and is
# sorted at the end.

class Log:
    def __init__(self):
        self.items = []

    def add(self, when, text):
        self.items.append((when.timestamp(), len(self.items), text))

    def sorted_lines(self):
        self.items.sort()
        return [t for _, _, t in self.items]


samba = Log()
proj_audit = Log()
m365 = Log()
ws_syslog = {}
ws_audit = {}
audit_serial = {}


def jst_stamp(when):
    return when.astimezone(JST).isoformat(timespec="microseconds")


def smb(when, p, op, *args):
    """One smbd_audit line, prefix %u|%I (winbind, so users are CORP\\name)."""
    user = f"CORP\\{p['login']}" if p["profile"] != "service" else p["login"]
    body = "|".join([user, p["ip"], op, "ok", *args])
    # One smbd process per client connection: a new pid each day.
    pid = p["pid"] + 311 * (when.astimezone(JST) - dt.timedelta(hours=6)).toordinal() % 29000
    samba.add(when, f"{jst_stamp(when)} fs01 smbd_audit[{pid}]: {body}")


def smb_read(when, p, path):
    """An SMB2 read as Samba logs it: openat, the async reads, close."""
    smb(when, p, "openat", "r", path)
    t = when + dt.timedelta(milliseconds=rng.randrange(3, 40))
    smb(t, p, "pread_recv", path)
    smb(t + dt.timedelta(milliseconds=rng.randrange(1, 30)), p, "close", path)


def smb_write(when, p, path):
    smb(when, p, "openat", "w", path)
    t = when + dt.timedelta(milliseconds=rng.randrange(50, 900))
    smb(t, p, "pwrite_recv", path)
    smb(t + dt.timedelta(milliseconds=rng.randrange(1, 30)), p, "close", path)


def hexenc(s):
    return s.encode().hex().upper()


def auditd(log, host, when, p_uid, auid, exe, comm, path, *, write=False,
           create=False, cwd="/", key="proj", tty="(none)", ses=None,
           argv=None):
    """One openat event as auditd writes it (RAW): SYSCALL, CWD, PATH(s),
    PROCTITLE, EOE, all sharing msg=audit(EPOCH.MSEC:SERIAL)."""
    serial = audit_serial.get(host, 100000) + 1
    audit_serial[host] = serial
    secs = when.timestamp()
    stamp = f"audit({int(secs)}.{int(round((secs % 1) * 1000)) % 1000:03d}:{serial})"
    a2 = "241" if create else ("1" if write else "0")
    items = 2 if create else 1
    pid = 3000 + serial % 28000
    ses = ses if ses is not None else (4294967295 if auid == 4294967295 else 3 + auid % 50)
    lines = [
        f"type=SYSCALL msg={stamp}: arch=c000003e syscall=257 success=yes exit=4 "
        f"a0=ffffff9c a1=7ffd{serial % 0xffffff:06x}10 a2={a2} a3=0 items={items} "
        f"ppid={pid - 3} pid={pid} auid={auid} uid={p_uid} gid={p_uid} euid={p_uid} "
        f"suid={p_uid} fsuid={p_uid} egid={p_uid} sgid={p_uid} fsgid={p_uid} "
        f"tty={tty} ses={ses} comm=\"{comm}\" exe=\"{exe}\" key=\"{key}\"",
        f"type=CWD msg={stamp}: cwd=\"{cwd}\"",
    ]
    inode = 100000 + (hash_path(path) % 900000)
    if create:
        parent = os.path.dirname(path)
        lines.append(
            f"type=PATH msg={stamp}: item=0 name=\"{parent}/\" inode={inode - 1} dev=08:11 "
            f"mode=040755 ouid={p_uid} ogid={p_uid} rdev=00:00 nametype=PARENT "
            f"cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0")
        lines.append(
            f"type=PATH msg={stamp}: item=1 name=\"{path}\" inode={inode} dev=08:11 "
            f"mode=0100644 ouid={p_uid} ogid={p_uid} rdev=00:00 nametype=CREATE "
            f"cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0")
    else:
        name = f"\"{path}\"" if " " not in path else hexenc(path)
        lines.append(
            f"type=PATH msg={stamp}: item=0 name={name} inode={inode} dev=fd:02 "
            f"mode=0100640 ouid=0 ogid=2000 rdev=00:00 nametype=NORMAL "
            f"cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0")
    title = "\0".join(argv or [comm, path])
    lines.append(f"type=PROCTITLE msg={stamp}: proctitle={hexenc(title)[:256]}")
    lines.append(f"type=EOE msg={stamp}: ")
    log.add(when, "\n".join(lines))


def hash_path(s):
    h = 2166136261
    for c in s.encode():
        h = ((h ^ c) * 16777619) & 0xffffffff
    return h


def utc_creation(when):
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


USER_AGENTS = {
    "browser": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0",
    "sync": "Microsoft SkyDriveSync 24.035.0218.0003 ship; Windows NT 10.0 (19045)",
}
SITE_IDS = {}


def site_id(site):
    if site not in SITE_IDS:
        r = random.Random(site)
        SITE_IDS[site] = (uid4(r), uid4(r), uid4(r))
    return SITE_IDS[site]


def sp_op(when, p, op, item, *, ua="browser", ip=None):
    site, rel, name = item
    site_guid, web_guid, list_guid = site_id(site)
    site_url = f"{SP}/{site}/"
    rec = {
        "CreationTime": utc_creation(when),
        "Id": uid4(),
        "Operation": op,
        "OrganizationId": ORG_ID,
        "RecordType": 6,
        "UserKey": f"i:0h.f|membership|{1003200000000000 + p['uid']:x}@live.com",
        "UserType": 0,
        "Version": 1,
        "Workload": "SharePoint",
        "ClientIP": ip or OFFICE_IP,
        "ObjectId": f"{site_url}{rel}/{name}",
        "UserId": p["upn"],
        "CorrelationId": uid4(),
        "EventSource": "SharePoint",
        "ItemType": "File",
        "ListId": list_guid,
        "ListItemUniqueId": uid4(),
        "Site": site_guid,
        "UserAgent": USER_AGENTS[ua],
        "WebId": web_guid,
        "SourceFileExtension": name.rsplit(".", 1)[-1],
        "SiteUrl": site_url,
        "SourceFileName": name,
        "SourceRelativeUrl": rel,
    }
    m365.add(when, json.dumps(rec, ensure_ascii=False, separators=(",", ":")))


def dlp_op(when, p, op, local_path, size, extra):
    rec = {
        "CreationTime": utc_creation(when),
        "Id": uid4(),
        "Operation": op,
        "OrganizationId": ORG_ID,
        "RecordType": 63,
        "UserKey": f"S-1-5-21-3623811015-3361044348-30300820-{p['uid']}",
        "UserType": 0,
        "Version": 1,
        "Workload": "Endpoint",
        "ClientIP": p["ip"],
        "UserId": p["upn"],
        "DeviceName": f"{p['host']}.corp.{MAILDOM}",
        "Platform": 1,
        "Application": extra.pop("Application", "Windows Explorer"),
        "ObjectId": local_path,
        "FileExtension": local_path.rsplit(".", 1)[-1],
        "FileSize": size,
        "FileType": local_path.rsplit(".", 1)[-1].upper(),
        "SourceLocationType": 1,
        "Sha256": f"{hash_path(local_path):08x}" * 8,
    }
    rec.update(extra)
    m365.add(when, json.dumps(rec, ensure_ascii=False, separators=(",", ":")))


def usb_plug(host, when, dev, uid, user_dir, minutes):
    """Kernel + udisks2 lines for a stick plugged in, mounted, unmounted."""
    log = ws_syslog.setdefault(host, Log())
    num = rng.randrange(3, 12)
    t = when

    def k(delay, msg, tag="kernel"):
        nonlocal t
        t = t + dt.timedelta(microseconds=delay)
        log.add(t, f"{jst_stamp(t)} {host} {tag}: {msg}")
    k(0, f"usb 1-2: new high-speed USB device number {num} using xhci_hcd")
    k(158268, f"usb 1-2: New USB device found, idVendor={dev['vid']}, idProduct={dev['pid']}, bcdDevice= 1.00")
    k(9, "usb 1-2: New USB device strings: Mfr=1, Product=2, SerialNumber=3")
    k(4, f"usb 1-2: Product: {dev['product']}")
    k(3, f"usb 1-2: Manufacturer: {dev['maker']}")
    k(3, f"usb 1-2: SerialNumber: {dev['serial']}")
    k(1390, "usb-storage 1-2:1.0: USB Mass Storage device detected")
    k(395, "scsi host4: usb-storage 1-2:1.0")
    k(1025815, f"scsi 4:0:0:0: Direct-Access     {dev['maker']} {dev['product']} 0000 PQ: 0 ANSI: 6")
    k(903, "sd 4:0:0:0: [sdb] 60437492 512-byte logical blocks: (30.9 GB/28.8 GiB)")
    k(6291, " sdb: sdb1")
    k(607, "sd 4:0:0:0: [sdb] Attached SCSI removable disk")
    mount = f"/media/{user_dir}/{dev['label']}"
    k(753302, f"Mounted /dev/sdb1 at {mount} on behalf of uid {uid}", tag="udisksd[1187]")
    t = when + dt.timedelta(minutes=minutes)
    k(0, f"Unmounted /dev/sdb1 on behalf of uid {uid}", tag="udisksd[1187]")
    k(3239592, f"usb 1-2: USB disconnect, device number {num}")
    return mount


def usb_hid(host, when, maker, product, vid, pid):
    """A headset or keyboard: USB, but no storage (no usb-storage, no sd)."""
    log = ws_syslog.setdefault(host, Log())
    t = when
    for delay, msg in [
            (0, "usb 1-3: new full-speed USB device number 4 using xhci_hcd"),
            (151220, f"usb 1-3: New USB device found, idVendor={vid}, idProduct={pid}, bcdDevice= 1.07"),
            (8, "usb 1-3: New USB device strings: Mfr=1, Product=2, SerialNumber=0"),
            (3, f"usb 1-3: Product: {product}"),
            (3, f"usb 1-3: Manufacturer: {maker}"),
            (20511, f"input: {maker} {product} as /devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.3/0003:{vid.upper()}:{pid.upper()}.0004/input/input21"),
            (1390, f"hid-generic 0003:{vid.upper()}:{pid.upper()}.0004: input,hidraw3: USB HID v1.11 Device [{maker} {product}] on usb-0000:00:14.0-3/input3")]:
        t = t + dt.timedelta(microseconds=delay)
        log.add(t, f"{jst_stamp(t)} {host} kernel: {msg}")


def routine_syslog(host, d):
    """A little of what else a workstation's syslog holds every day."""
    log = ws_syslog.setdefault(host, Log())
    t = at(d, 6 * 3600 + 25 * 60 + rng.randrange(60))
    log.add(t, f"{jst_stamp(t)} {host} CRON[{rng.randrange(2000, 9000)}]: (root) CMD (test -x /usr/sbin/anacron || {{ cd / && run-parts --report /etc/cron.daily; }})")
    t = at(d, 8 * 3600 + 40 * 60 + rng.randrange(1800))
    log.add(t, f"{jst_stamp(t)} {host} systemd[1]: Starting Daily apt download activities...")


# ---------------------------------------------------------------------------
# Ordinary work.

PROFILE_FILES = {
    "mlcc": "mlcc", "mlcc-night": "mlcc", "ltcc": "ltcc", "frit": "frit",
    "qa": "qa", "finance": "finance", "it": "it",
}
PROFILE_SP = {"mlcc": "mlcc", "mlcc-night": "mlcc", "ltcc": "ltcc", "qa": "qa",
              "finance": "finance"}
FOCUS = {}


def focus_files(p, d, pool):
    """The few dozen files a person is working on this week (shifts weekly)."""
    week = d.isocalendar()[1]
    key = (p["user"], week, len(pool), str(pool[0]))
    if key not in FOCUS:
        r = random.Random(f"{p['user']}-{week}")
        FOCUS[key] = r.sample(pool, min(len(pool), 45))
    return FOCUS[key]


def work_times(n, d, p, night=False, late=False):
    """n times in the person's working hours (lunch break, some spread)."""
    r = rng
    if night:  # 22:00 .. 06:00, a break at 02:00
        spans = [(22 * 3600 + r.randrange(900), 26 * 3600), (26 * 3600 + 1800, 29 * 3600 + 1800 + r.randrange(900))]
    else:
        start = 9 * 3600 + r.randrange(-1800, 1500)
        end = (21 if late else 18) * 3600 + r.randrange(-1200, 2400)
        spans = [(start, 12 * 3600), (13 * 3600, end)]
    total = sum(b - a for a, b in spans)
    out = []
    for _ in range(n):
        x = r.uniform(0, total)
        for a, b in spans:
            if x < b - a:
                out.append(at(d, a + x))
                break
            x -= b - a
    return sorted(out)


def daily_count(p, mult=1.0):
    n = p["mean"] * mult * rng.lognormvariate(0, 0.3)
    return max(3, int(round(n)))


CRUNCH_DAYS = {dt.date(2026, 3, 11), dt.date(2026, 3, 12)}
CLOSE_FEB = {dt.date(2026, 3, 2), dt.date(2026, 3, 3)}
CLOSE_MAR = {dt.date(2026, 3, 27), dt.date(2026, 3, 30), dt.date(2026, 3, 31)}


def ordinary_day(p, d):
    prof = p["profile"]
    if prof == "service" or not employed_on(p, d):
        return
    night = prof == "mlcc-night"
    if not workday(d):
        # Weekends are mostly quiet: now and then someone checks a few files.
        if night or rng.random() > 0.06:
            return
        pool = FILES[PROFILE_FILES[prof]]
        for t in sorted(at(d, rng.randrange(10 * 3600, 16 * 3600)) for _ in range(rng.randrange(2, 7))):
            smb_read(t, p, rng.choice(pool))
        return
    mult, late = 1.0, False
    if prof == "ltcc" and d in CRUNCH_DAYS and "ltcc-team" in p["groups"]:
        mult, late = rng.uniform(2.2, 2.9), True
    if prof == "finance" and d in CLOSE_FEB:
        mult, late = 2.0, True
    if prof == "finance" and d in CLOSE_MAR:
        mult, late = rng.uniform(3.2, 4.2), True
    if p["user"] == "mori.aya" and d == dt.date.fromisoformat(p["start"]):
        mult = 1.8  # the first day: reads her way into the team's folders
    pool = FILES[PROFILE_FILES[prof]]
    if prof == "finance":
        if d in CLOSE_FEB:
            pool = FILES["close_02"] + FILES["finance"]
        elif d >= dt.date(2026, 3, 23):
            pool = FILES["close_03"] + FILES["finance"]
    n = daily_count(p, mult)
    focus = focus_files(p, d, pool)
    times = work_times(n + 6, d, p, night=night, late=late)
    # The SMB session: smbd logs the tree connect before the first open.
    share = {"mlcc": "rd", "mlcc-night": "rd", "ltcc": "rd", "frit": "rd"}.get(prof, prof)
    smb(times[0] - dt.timedelta(seconds=rng.randrange(2, 40)), p, "connect", share)
    seen = set()
    for t in times[:n]:
        f = rng.choice(focus) if rng.random() < 0.7 else rng.choice(pool)
        if f in seen and rng.random() < 0.5:
            continue
        seen.add(f)
        smb_read(t, p, f)
    # Own folder, common templates, a few saved files.
    extra = times[n:]
    for t in extra[:3]:
        smb_read(t, p, rng.choice(HOME[p["user"]] + FILES["common"]))
    for t in extra[3:3 + rng.randrange(1, 4)]:
        if prof in ("mlcc", "mlcc-night", "ltcc", "frit"):
            smb_write(t, p, rng.choice(HOME[p["user"]] + [f for f in pool if "/reports/" in f][:20]))
        else:
            smb_write(t, p, rng.choice(HOME[p["user"]] + focus[:10]))
    # The LTCC team also works on the simulation tree of proj01 over ssh.
    if prof == "ltcc" and "ltcc-team" in p["groups"]:
        k = max(2, int(rng.uniform(4, 14) * mult))
        sim = focus_files(p, d, FILES["ltcc_sim"])
        for t in work_times(k, d, p, late=late):
            f = rng.choice(sim)
            exe, comm = rng.choice([("/usr/bin/python3.11", "python3"), ("/usr/bin/vim.basic", "vim"),
                                    ("/usr/bin/less", "less"), ("/opt/solver/bin/kfire", "kfire")])
            auditd(proj_audit, "proj01", t, p["uid"], p["uid"], exe, comm, f,
                   cwd=f"/home/{p['login']}", tty="pts" + str(p["uid"] % 7),
                   argv=[comm, f])
    # SharePoint: the team site, and the intranet now and then.
    if prof in PROFILE_SP:
        items = SPFILES[PROFILE_SP[prof]]
        k = rng.randrange(2, 9)
        if prof == "finance" and (d in CLOSE_MAR or d in CLOSE_FEB):
            k *= 3
        fav = focus_files(p, d, items)
        for t in work_times(k, d, p, night=night):
            sp_op(t, p, rng.choice(["FileAccessed"] * 4 + ["FileDownloaded"]), rng.choice(fav))
        # Now and then a finished document is saved back to the team site.
        if rng.random() < 0.25:
            t = work_times(1, d, p, night=night)[0]
            site, rel, _ = rng.choice(items)
            name = f"{p['login']}_{d:%Y%m%d}_{rng.choice(['summary', 'minutes', 'check', 'update'])}." \
                   f"{rng.choice(['docx', 'xlsx', 'pptx'])}"
            sp_op(t, p, "FileUploaded", (site, rel, name))
    if rng.random() < 0.4:
        t = work_times(1, d, p, night=night)[0]
        sp_op(t, p, "FileAccessed", rng.choice(SPFILES["intranet"]))
    if p["os"] == "linux" and p["host"] in WS_LOGGED:
        routine_syslog(p["host"], d)
        # auditd on the workstation watches the user's work folder for writes.
        for t in work_times(rng.randrange(1, 5), d, p, night=night):
            ext = rng.choice(["ods", "csv", "py", "txt"])
            f = f"/home/{p['login']}/work/{rng.choice(['notes', 'calc', 'plot', 'draft'])}_{rng.randrange(40):02d}.{ext}"
            exe, comm, argv = {
                "ods": ("/usr/lib/libreoffice/program/soffice.bin", "soffice.bin",
                        ["/usr/lib/libreoffice/program/soffice.bin"]),
                "csv": ("/usr/bin/python3.11", "python3", ["python3", "reduce.py"]),
                "py": ("/usr/bin/vim.basic", "vim", ["vim", os.path.basename(f)]),
                "txt": ("/usr/bin/gedit", "gedit", ["gedit"]),
            }[ext]
            auditd(ws_audit.setdefault(p["host"], Log()), p["host"], t, p["uid"], p["uid"],
                   exe, comm, f, write=True, cwd=f"/home/{p['login']}/work",
                   key="home_w", tty="(none)", argv=argv)


WS_LOGGED = {"ws03", "ws07", "ws14", "ws05"}

# ---------------------------------------------------------------------------
# Service accounts.


def nightly_backup(d):
    """svc-backup on bk01 pulls every file of fs01 over SMB from 01:00, and
    rsyncs proj01's tree from about 02:10; every night, weekends too."""
    p = BY_USER["backup"]
    t = at(d, 3600 + rng.randrange(0, 120))
    smb(t, p, "connect", "shares")
    for f in FS_ALL:
        t += dt.timedelta(milliseconds=rng.randrange(400, 1300))
        smb_read(t, p, f)
    t = at(d, 2 * 3600 + 10 * 60 + rng.randrange(0, 300))
    for f in PROJ_ALL:
        t += dt.timedelta(milliseconds=rng.randrange(150, 900))
        auditd(proj_audit, "proj01", t, 990, 990, "/usr/bin/rsync", "rsync", f,
               cwd="/srv/proj", argv=["rsync", "--server", "--sender", "-logDtpre.iLsfxC", ".", "/srv/proj/"])


def weekly_crawl(d):
    """svc-index (the enterprise search crawler) re-reads the whole file
    server every Sunday from 03:00, and clamd scans proj01 every Saturday."""
    if d.weekday() == 6:
        p = BY_USER["indexer"]
        t = at(d, 3 * 3600 + rng.randrange(0, 90))
        smb(t, p, "connect", "shares")
        for f in FS_ALL:
            t += dt.timedelta(milliseconds=rng.randrange(600, 1500))
            smb_read(t, p, f)
    if d.weekday() == 5:
        t = at(d, 4 * 3600 + 30 * 60 + rng.randrange(0, 60))
        for f in PROJ_ALL:
            t += dt.timedelta(milliseconds=rng.randrange(300, 2500))
            auditd(proj_audit, "proj01", t, 0, 4294967295, "/usr/sbin/clamd", "clamd", f,
                   cwd="/", argv=["/usr/sbin/clamd", "--foreground=true"])


# ---------------------------------------------------------------------------
# Stories and special ordinary work.

DEVICES = {
    "tanaka_sandisk": dict(serial="4C530001230321108193", vid="0781", pid="5581", maker="SanDisk",
                           product="Ultra", label="SANDISK", owner="tanaka",
                           note="issued 2025-06 for lab transfers"),
    "suzuki_buffalo": dict(serial="0704A2B1C3D4E5F6", vid="0411", pid="01e8", maker="BUFFALO",
                           product="USB Flash Disk", label="QA_LAB", owner="suzuki",
                           note="QA lab stick, issued 2024-11"),
    "nishimura_it": dict(serial="AA0123456789ITKIT", vid="13fe", pid="6300", maker="Phison",
                         product="USB DISK 3.0", label="ITKIT", owner="nishimura",
                         note="IT install media"),
    "kingston": dict(serial="60A44C413A8CF0A0B9590B1A", vid="0951", pid="1666", maker="Kingston",
                     product="DataTraveler 3.0", label="KINGSTON"),
    "transcend": dict(serial="C4A1B2D3E4F50617", vid="8564", pid="1000", maker="Transcend",
                      product="JetFlash Transcend 64GB", label="E:"),
}
APPROVED = ["tanaka_sandisk", "suzuki_buffalo", "nishimura_it"]

truth = {"month": "2026-03", "tz": "Asia/Tokyo", "stories": [], "lookalikes": []}


def story(sid, kind, users, dates, assets, summary, devices=()):
    truth["stories"].append({"id": sid, "kind": kind, "users": users,
                             "dates": sorted(str(x) for x in dates),
                             "assets": assets, "devices": list(devices),
                             "summary": summary})


def lookalike(lid, kind, users, dates, assets, summary):
    truth["lookalikes"].append({"id": lid, "kind": kind, "users": users,
                                "dates": sorted(str(x) for x in dates),
                                "assets": assets, "summary": summary})


def story_dispatched_burst():
    """(a) sato.yuki, dispatched, contract ends 03-31: on Thursday 03-26 she
    reads 380 LTCC files in under an hour, then copies them to a Kingston
    stick that is not on the approved list."""
    p = BY_USER["sato.yuki"]
    d = dt.date(2026, 3, 26)
    pool = FILES["ltcc"]
    picked = rng.sample(pool, 380)
    t = at(d, 14 * 3600 + 5 * 60 + 2)
    for f in picked:
        t += dt.timedelta(milliseconds=rng.randrange(4000, 12500))
        smb_read(t, p, f)
    dev = DEVICES["kingston"]
    plug = t + dt.timedelta(minutes=9)
    mount = usb_plug("ws07", plug, dev, p["uid"], p["login"], 26)
    t = plug + dt.timedelta(seconds=40)
    for f in picked[:300]:
        t += dt.timedelta(milliseconds=rng.randrange(200, 3000))
        rel = f[len(FS + "/rd/"):]
        auditd(ws_audit.setdefault("ws07", Log()), "ws07", t, p["uid"], p["uid"],
               "/usr/bin/cp", "cp", f"{mount}/{rel}", create=True, cwd=f"/home/{p['login']}",
               key="removable", tty="pts1", argv=["cp", "-r", "/home/ysato/fs01/ltcc", f"{mount}/"])
    story("dispatched_burst", "burst_then_usb", ["sato.yuki"], [d], ["ltcc_stack"],
          "dispatched worker reads 380 ltcc_stack files in ~55 min on fs01, then copies 300 "
          "to an unapproved Kingston stick on ws07; contract ends 2026-03-31",
          devices=[dev["serial"]])


def story_slow_collection():
    """(b) kobayashi gives notice on 03-06 (leaves 04-30). From 03-09 to
    03-27 he downloads 30-50 extra files a working day from the MLCC
    process library, in small batches; on 03-27 he zips them and uploads
    the zip to a personal Dropbox."""
    p = BY_USER["kobayashi"]
    items = [x for x in SPFILES["mlcc"]]
    rng2 = random.Random("kobayashi")
    order = rng2.sample(items, len(items))
    days = [d for d in DAYS if dt.date(2026, 3, 9) <= d <= dt.date(2026, 3, 27) and workday(d)]
    k = 0
    for d in days:
        n = rng.randrange(30, 51)
        # batches of 3-6 files, spread from 10:00 to 17:30
        batches = []
        while n > 0:
            b = min(n, rng.randrange(3, 7))
            batches.append(b)
            n -= b
        starts = sorted(rng.sample(range(10 * 3600, 17 * 3600 + 1800, 300), len(batches)))
        for s, b in zip(starts, batches):
            t = at(d, s + rng.randrange(0, 200))
            for _ in range(b):
                t += dt.timedelta(seconds=rng.randrange(8, 50))
                sp_op(t, p, "FileDownloaded", order[k])
                k += 1
    d = days[-1]
    t = at(d, 17 * 3600 + 52 * 60 + 14)
    zip_path = "C:\\Users\\kobayashi\\Documents\\private\\notes_2026.zip"
    dlp_op(t, p, "FileArchived", zip_path, 412_883_102,
           {"Application": "7-Zip File Manager", "DestinationLocationType": 1})
    t += dt.timedelta(minutes=6, seconds=31)
    dlp_op(t, p, "FileUploadedToCloud", zip_path, 412_883_102,
           {"Application": "Microsoft Edge", "TargetDomain": "www.dropbox.com",
            "TargetUrl": "https://www.dropbox.com/home/upload", "DestinationLocationType": 5,
            "EnforcementMode": 1})
    story("slow_collection", "resignation_slow_collection", ["kobayashi"], days, ["mlcc_process"],
          f"notice given 2026-03-06; {k} extra MLCC process documents downloaded from SharePoint "
          "in 30-50 a day over three weeks (own habit 2-8), zipped and uploaded to a personal "
          "Dropbox on 2026-03-27")


def story_need_to_know():
    """(c) yamada.k (Quality) has a shell account on proj01 for result
    checks; on 03-17 and 03-18 she reads 58 files of the LTCC simulation
    models, which are for the LTCC team only."""
    p = BY_USER["yamada.k"]
    pool = [f for f in FILES["ltcc_sim"] if "/models/" in f or "/materials/" in f]
    picked = rng.sample(pool, 58)
    dates = [dt.date(2026, 3, 17), dt.date(2026, 3, 18)]
    for d, chunk in zip(dates, [picked[:33], picked[33:]]):
        t = at(d, 15 * 3600 + rng.randrange(0, 1800))
        for f in chunk:
            t += dt.timedelta(seconds=rng.randrange(20, 150))
            auditd(proj_audit, "proj01", t, p["uid"], p["uid"], "/usr/bin/less", "less", f,
                   cwd=f"/home/{p['login']}", tty="pts3", argv=["less", f])
    story("need_to_know", "unauthorized_access", ["yamada.k"], dates, ["ltcc_sim"],
          "a Quality engineer reads 58 LTCC simulation model files on proj01; ltcc_sim is "
          "authorized for group:ltcc-team only")


def story_after_end():
    """(d) watanabe's contract ended on 03-13; his account still works in
    SharePoint, and on 03-19 (evening) and 03-22 (Sunday) it downloads 74
    LTCC design documents from outside."""
    p = BY_USER["watanabe"]
    picked = rng.sample(SPFILES["ltcc"], 74)
    dates = [dt.date(2026, 3, 19), dt.date(2026, 3, 22)]
    for d, chunk, s in zip(dates, [picked[:41], picked[41:]], [21 * 3600 + 12 * 60, 14 * 3600 + 3 * 60]):
        t = at(d, s)
        for item in chunk:
            t += dt.timedelta(seconds=rng.randrange(10, 60))
            sp_op(t, p, "FileDownloaded", item, ip="198.51.100.77")
    story("after_end", "activity_after_end_date", ["watanabe"], dates, ["ltcc_design"],
          "a contractor whose last day was 2026-03-13 downloads 74 LTCC design documents "
          "from SharePoint on 03-19 and 03-22 from an outside address")


def story_blind_usb():
    """(e) kimura (Quality) copies 140 files from his laptop to a Transcend
    stick nobody issued, on 03-24 after hours; Endpoint DLP sees the copy,
    the logs have no read of those files before it."""
    p = BY_USER["kimura"]
    d = dt.date(2026, 3, 24)
    dev = DEVICES["transcend"]
    t = at(d, 18 * 3600 + 41 * 60 + 5)
    attrs = {"Manufacturer": dev["maker"], "Model": dev["product"], "SerialNumber": dev["serial"],
             "VendorId": dev["vid"], "ProductId": dev["pid"]}
    dlp_op(t, p, "RemovableMediaMount", "E:\\", 0,
           {"RemovableMediaDeviceAttributes": dict(attrs), "DestinationLocationType": 2})
    for i in range(140):
        t += dt.timedelta(milliseconds=rng.randrange(300, 2500))
        sub = ["inspection", "customer_claims", "process_audit", "yield"][i % 4]
        name = f"{sub}\\QA-{2025 - i % 3}-{i:04d}.{['xlsx', 'pdf', 'docx'][i % 3]}"
        dlp_op(t, p, "FileCopiedToRemovableMedia", f"C:\\Users\\kimura\\Documents\\QA\\{name}",
               rng.randrange(40_000, 4_000_000),
               {"TargetFilePath": f"E:\\backup\\{name}", "DestinationLocationType": 2,
                "RemovableMediaDeviceAttributes": dict(attrs), "EnforcementMode": 1})
    story("blind_usb", "unapproved_usb_without_read", ["kimura"], [d], [],
          "140 files copied from a Quality laptop to an unapproved Transcend stick; no read of "
          "them is in any log", devices=[dev["serial"]])


def lookalikes():
    fs_assets = ["mlcc_dielectric", "ltcc_stack", "glass_frit", "qa_spec", "finance_close"]
    lookalike("backup_nightly", "service_backup", ["backup"], DAYS, fs_assets + ["ltcc_sim"],
              f"svc-backup reads all {len(FS_ALL)} files of fs01 from 01:00 and all "
              f"{len(PROJ_ALL)} files of proj01 from 02:10, every night")
    lookalike("indexer_weekly", "service_indexer", ["indexer"],
              [d for d in DAYS if d.weekday() == 6], fs_assets,
              f"svc-index crawls all {len(FS_ALL)} files of fs01 in ~40 min every Sunday from 03:00")
    lookalike("clamd_weekly", "antivirus_sweep", ["root", "0"],
              [d for d in DAYS if d.weekday() == 5], ["ltcc_sim"],
              f"/usr/sbin/clamd as root scans all {len(PROJ_ALL)} files of proj01 every Saturday 04:30")
    aya = BY_USER["mori.aya"]
    lookalike("new_hire", "onboarding", ["mori.aya"],
              [d for d in DAYS if d >= dt.date.fromisoformat(aya["start"])], ["ltcc_stack", "ltcc_sim"],
              "a new LTCC engineer (start 2026-03-16) reads her team's folders from her first day")
    lookalike("night_shift", "night_shift", ["ogawa"], DAYS, ["mlcc_dielectric"],
              "the MLCC pilot-line night shift (22:00-06:00) reads mlcc_dielectric, which he is "
              "authorized for, every night")
    fin = [p["user"] for p in PEOPLE if p["profile"] == "finance"]
    lookalike("month_end_close", "month_end_close", fin, sorted(CLOSE_FEB | CLOSE_MAR), ["finance_close"],
              "Finance reads 3-4x its usual files on the last working days (and 2x for February's "
              "close on the first two)")
    story_people = {u for s in truth["stories"] for u in s["users"]}
    everyone = [p["user"] for p in PEOPLE if p["profile"] != "service" and p["user"] not in story_people]
    lookalike("own_asset_daily", "daily_work", everyone,
              [d for d in DAYS if workday(d)],
              ["mlcc_dielectric", "ltcc_stack", "glass_frit", "ltcc_sim", "mlcc_process", "ltcc_design",
               "qa_spec", "finance_close"],
              "everybody else's ordinary work: engineers read 15-60 files a day of their own team's "
              "asset, others their own folders, 9-18 on working days")
    ltcc_team = [p["user"] for p in PEOPLE if "ltcc-team" in p["groups"] and p["user"] not in ("watanabe",)]
    lookalike("deadline_crunch", "team_crunch", ltcc_team, sorted(CRUNCH_DAYS), ["ltcc_stack", "ltcc_sim"],
              "the LTCC team reads 2-3x its usual volume until ~21:00 on two days before a design review")
    lookalike("onedrive_resync", "cloud_resync", ["fujita"], [dt.date(2026, 3, 10)], ["mlcc_process"],
              "a new laptop's OneDrive client re-syncs the whole MLCC process library (1,240 files) "
              "in minutes")
    lookalike("approved_stick", "approved_usb", ["tanaka", "suzuki"],
              [dt.date(2026, 3, 12)] + [d for d in DAYS if d.weekday() == 4 and workday(d)],
              ["mlcc_dielectric"],
              "tanaka copies 6 lab files to his issued SanDisk stick; suzuki copies the week's "
              "lot reports to the QA lab stick on Fridays")
    lookalike("retirement", "retirement", ["shimizu"], [d for d in DAYS if d <= dt.date(2026, 3, 19)], [],
              "a Quality engineer retires on 2026-03-19 and works as always until then")
    lookalike("report_upload", "company_upload", ["inoue"], [dt.date(2026, 3, 19)], ["ltcc_stack"],
              "an engineer reads 26 LTCC files for a review and uploads the report to the "
              "company's own SharePoint")


def special_ordinary():
    # fujita's new laptop: OneDrive re-syncs the MLCC process library.
    p = BY_USER["fujita"]
    t = at(dt.date(2026, 3, 10), 10 * 3600 + 17 * 60 + 40)
    for item in SPFILES["mlcc"]:
        t += dt.timedelta(milliseconds=rng.randrange(150, 600))
        sp_op(t, p, "FileSyncDownloadedFull", item, ua="sync")
    # tanaka copies a few lab files to his issued stick on ws03.
    p = BY_USER["tanaka"]
    d = dt.date(2026, 3, 12)
    plug = at(d, 16 * 3600 + 2 * 60 + 11)
    mount = usb_plug("ws03", plug, DEVICES["tanaka_sandisk"], p["uid"], p["login"], 7)
    t = plug + dt.timedelta(seconds=50)
    for i in range(6):
        t += dt.timedelta(seconds=rng.randrange(2, 9))
        auditd(ws_audit.setdefault("ws03", Log()), "ws03", t, p["uid"], p["uid"], "/usr/bin/cp", "cp",
               f"{mount}/lab/run{i:02d}_kiln_profile.csv", create=True, cwd=f"/home/{p['login']}/lab",
               key="removable", tty="pts0", argv=["cp", f"run{i:02d}_kiln_profile.csv", f"{mount}/lab/"])
    # mori.aya's first day: she plugs in the headset IT gave her.
    usb_hid("ws14", at(dt.date(2026, 3, 16), 10 * 3600 + 4 * 60 + 51), "GN Audio", "Jabra Evolve2 40",
            "0b0e", "2442")
    # suzuki copies the week's lot reports to the QA lab stick every Friday.
    p = BY_USER["suzuki"]
    dev = DEVICES["suzuki_buffalo"]
    attrs = {"Manufacturer": dev["maker"], "Model": dev["product"], "SerialNumber": dev["serial"],
             "VendorId": dev["vid"], "ProductId": dev["pid"]}
    for d in DAYS:
        if d.weekday() != 4 or not workday(d):
            continue
        t = at(d, 16 * 3600 + rng.randrange(0, 3600))
        dlp_op(t, p, "RemovableMediaMount", "F:\\", 0,
               {"RemovableMediaDeviceAttributes": dict(attrs), "DestinationLocationType": 2})
        for i in range(rng.randrange(3, 7)):
            t += dt.timedelta(seconds=rng.randrange(3, 20))
            name = f"lot_report_{d:%m%d}_{i}.pdf"
            dlp_op(t, p, "FileCopiedToRemovableMedia", f"C:\\Users\\suzuki\\Documents\\lots\\{name}",
                   rng.randrange(200_000, 900_000),
                   {"TargetFilePath": f"F:\\lots\\{name}", "DestinationLocationType": 2,
                    "RemovableMediaDeviceAttributes": dict(attrs), "EnforcementMode": 0})
    # inoue gathers 26 LTCC files for a design review and uploads the report
    # to the LTCC design site.
    p = BY_USER["inoue"]
    d = dt.date(2026, 3, 19)
    t = at(d, 13 * 3600 + 20 * 60)
    for f in rng.sample(FILES["ltcc"], 26):
        t += dt.timedelta(seconds=rng.randrange(30, 200))
        smb_read(t, p, f)
    t += dt.timedelta(minutes=95)
    sp_op(t, p, "FileUploaded", ("ltcc-design", "Shared Documents/reviews", "DR-review_2026-03-19_K12.pptx"))


# ---------------------------------------------------------------------------
# Register, roster, devices.

ASSETS_TOML = f'''# The demo organisation's core technologies, for the generated month.
# The first three are those of samples/assets.toml.
version = 1

[[asset]]
id          = "mlcc_dielectric"
name        = "MLCC dielectric slurry formulation"
sensitivity = "core"
owner       = "materials-rd"
category    = "MLCC"
export_controlled = true
paths       = ["/srv/shares/rd/mlcc/**", "//fs01/rd/mlcc/**"]
authorized  = ["group:mlcc-team"]
keywords    = ["BT-07 slurry", "誘電体スラリー配合"]

[[asset]]
id          = "ltcc_stack"
name        = "LTCC substrate stack-up"
sensitivity = "core"
owner       = "substrate-rd"
category    = "LTCC"
paths       = ["/srv/shares/rd/ltcc/**"]
authorized  = ["group:ltcc-team", "sato.yuki"]
keywords    = ["K12 layer stack"]

[[asset]]
id          = "glass_frit"
name        = "Glass frit recipe"
sensitivity = "confidential"
owner       = "materials-rd"
paths       = ["/srv/shares/rd/frit/**"]
authorized  = ["group:frit-team", "group:mlcc-team"]
keywords    = ["GF-3 frit recipe"]

[[asset]]
id          = "ltcc_sim"
name        = "LTCC co-firing simulation models"
sensitivity = "core"
owner       = "substrate-rd"
category    = "LTCC"
export_controlled = true
paths       = ["/srv/proj/ltcc-sim/**"]
authorized  = ["group:ltcc-team"]

[[asset]]
id          = "mlcc_process"
name        = "MLCC line process sheets"
sensitivity = "core"
owner       = "materials-rd"
category    = "MLCC"
paths       = ["{SP}/mlcc-process/**"]
authorized  = ["group:mlcc-team"]

[[asset]]
id          = "ltcc_design"
name        = "LTCC design rules and layouts"
sensitivity = "confidential"
owner       = "substrate-rd"
category    = "LTCC"
paths       = ["{SP}/ltcc-design/**"]
authorized  = ["group:ltcc-team", "sato.yuki"]

[[asset]]
id          = "qa_spec"
name        = "Inspection specifications"
sensitivity = "confidential"
owner       = "quality"
paths       = ["/srv/shares/qa/spec/**"]
authorized  = ["group:qa"]

[[asset]]
id          = "finance_close"
name        = "Monthly close working papers"
sensitivity = "internal"
owner       = "finance"
paths       = ["/srv/shares/finance/close/**"]
authorized  = ["group:finance"]
'''


def csv_text(header, rows):
    """RFC 4180, as a spreadsheet or a script would save it."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def roster_csv():
    rows = []
    for p in PEOPLE:
        if p["profile"] == "service":
            aliases = [p["login"], f"CORP\\{p['login']}", str(p["uid"])]
        else:
            aliases = [f"CORP\\{p['login']}", p["upn"], str(p["uid"])]
            if p["login"] != p["user"]:
                aliases.insert(0, p["login"])
        rows.append([p["user"], p["display"], p["employment"], p["dept"], p["groups"],
                     p["start"], p["end"], p["notice"], ";".join(aliases)])
    return csv_text(["user", "display_name", "employment", "department", "groups", "start_date",
                     "end_date", "notice_date", "aliases"], rows)


def devices_csv():
    rows = [[DEVICES[k]["serial"], DEVICES[k]["vid"], DEVICES[k]["pid"], DEVICES[k]["owner"],
             DEVICES[k]["note"]] for k in APPROVED]
    return csv_text(["serial", "vendor_id", "product_id", "owner", "note"], rows)


# ---------------------------------------------------------------------------

def write_rotated(path_base, lines, week_starts, join="\n"):
    """logrotate weekly: the live file holds the last week, older weeks are
    NAME.1.gz (newest) .. NAME.N.gz, compressed deterministically."""
    chunks = [[] for _ in range(len(week_starts) + 1)]
    for when, text in lines:
        i = sum(1 for w in week_starts if when >= w)
        chunks[i].append(text)
    names = []
    n = len(chunks)
    for i, chunk in enumerate(chunks):
        age = n - 1 - i
        if not chunk and age > 0:
            continue  # no file for a week the host did not log anything
        if age == 0:
            name = path_base
            with open(name, "w", encoding="utf-8", newline="\n") as f:
                f.write(join.join(chunk) + ("\n" if chunk else ""))
        else:
            name = f"{path_base}.{age}.gz"
            data = (join.join(chunk) + ("\n" if chunk else "")).encode()
            with open(name, "wb") as raw:
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as g:
                    g.write(data)
        names.append(name)
    return names


def main(argv):
    if len(argv) != 2:
        print("usage: make-month.py OUTDIR", file=sys.stderr)
        return 2
    out = argv[1]
    logs = os.path.join(out, "logs")
    for sub in ("fs01", "proj01", "m365", "ws03", "ws05", "ws07", "ws14"):
        os.makedirs(os.path.join(logs, sub), exist_ok=True)

    for d in DAYS:
        nightly_backup(d)
        weekly_crawl(d)
        for p in PEOPLE:
            ordinary_day(p, d)
    special_ordinary()
    story_dispatched_burst()
    story_slow_collection()
    story_need_to_know()
    story_after_end()
    story_blind_usb()
    lookalikes()

    with open(os.path.join(out, "assets.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(ASSETS_TOML)
    with open(os.path.join(out, "roster.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(roster_csv())
    with open(os.path.join(out, "devices.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(devices_csv())

    # logrotate runs from cron.daily at 06:25 on Sundays.
    sundays = [at(d, 6 * 3600 + 25 * 60) for d in DAYS if d.weekday() == 6 and d.day > 1]

    def timed(log):
        log.items.sort()
        return [(dt.datetime.fromtimestamp(s, JST), t) for s, _, t in log.items]

    written = []
    written += write_rotated(os.path.join(logs, "fs01", "smbd_audit.log"), timed(samba), sundays)
    written += write_rotated(os.path.join(logs, "proj01", "audit.log"), timed(proj_audit), sundays)
    for host in sorted(ws_syslog):
        written += write_rotated(os.path.join(logs, host, "syslog"), timed(ws_syslog[host]), sundays)
    for host in sorted(ws_audit):
        p = os.path.join(logs, host, "audit.log")
        with open(p, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(timed_text for _, timed_text in timed(ws_audit[host])) + "\n")
        written.append(p)
    p = os.path.join(logs, "m365", "unified-audit-2026-03.jsonl")
    with open(p, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(t for _, t in timed(m365)) + "\n")
    written.append(p)

    truth["logs"] = sorted(os.path.relpath(x, out) for x in written)
    truth["people"] = len(PEOPLE)
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
