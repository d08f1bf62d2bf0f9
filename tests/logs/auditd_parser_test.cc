// auditd: RAW, ENRICHED and ausearch -i groups to file events.
#include "logs/auditd_parser.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

namespace {

// The go-libaudit YAML fixtures hold raw records as indented block
// scalars: their "type=" lines, unindented, are the log.
std::string records_of_yaml(const std::string& path) {
  std::ifstream in(path);
  std::string line, out;
  while (std::getline(in, line)) {
    const size_t start = line.find_first_not_of(' ');
    if (start != std::string::npos && line.compare(start, 5, "type=") == 0) {
      out += line.substr(start) + "\n";
    }
  }
  return out;
}

const char kOpenatCreate[] =
    "type=SYSCALL msg=audit(1691714604.324:6628017): arch=c000003e syscall=257 "
    "success=yes exit=3 a0=ffffff9c a1=7fffd50b122c a2=941 a3=1b6 items=2 "
    "ppid=6434 pid=23942 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 "
    "sgid=0 fsgid=0 tty=pts4 ses=3 comm=\"touch\" exe=\"/usr/bin/touch\" "
    "subj=unconfined key=\"files_ops_root\"\n"
    "type=CWD msg=audit(1691714604.324:6628017): cwd=\"/root\"\n"
    "type=PATH msg=audit(1691714604.324:6628017): item=0 name=\"/root\" "
    "inode=654081 dev=08:01 mode=040700 ouid=0 ogid=0 rdev=00:00 "
    "nametype=PARENT cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0\n"
    "type=PATH msg=audit(1691714604.324:6628017): item=1 "
    "name=\"test_creation.txt\" inode=655075 dev=08:01 mode=0100644 ouid=0 "
    "ogid=0 rdev=00:00 nametype=CREATE cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 "
    "cap_frootid=0\n"
    "type=PROCTITLE msg=audit(1691714604.324:6628017): "
    "proctitle=746F75636800746573745F6372656174696F6E2E747874\n";

}  // namespace

TEST_CASE(
    "AuditdParser: an openat group that creates a file is one create event") {
  auto r = read_text(kOpenatCreate);
  REQUIRE(r.ok);
  REQUIRE(r.events.size() == 1);
  const Event& e = r.events[0];
  CHECK(e.format == "auditd");
  CHECK(time_of(e) == "2023-08-11T00:43:24.324Z");
  CHECK(e.action == Action::kCreate);
  CHECK(e.path == "/root/test_creation.txt");  // relative name joined with CWD
  CHECK(e.user == "1000");                     // the login uid, not root
  CHECK(e.process == "/usr/bin/touch");
  CHECK(e.line == 1);
  CHECK(r.stats.lines_rejected == 0);
}

TEST_CASE(
    "AuditdParser: records of interleaved groups are reassembled by serial") {
  auto r = read_text(
      "node=rocky9-web type=PATH msg=audit(1687517121.316:1886): item=1 "
      "name=2F746D702F6D79207265706F72742E747874 inode=1 dev=08:01 "
      "mode=0100644 nametype=NORMAL\n"
      "node=rocky9-web type=SYSCALL msg=audit(1687517121.316:1887): "
      "arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=1 a2=0 a3=0 "
      "items=1 ppid=1 pid=2 auid=1001 uid=1001 comm=\"cat\" "
      "exe=\"/usr/bin/cat\" key=(null)\n"
      "node=rocky9-web type=SYSCALL msg=audit(1687517121.316:1886): "
      "arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c "
      "a1=7ffccb1fd796 a2=241 a3=1b6 items=2 ppid=42289 pid=48977 auid=1000 "
      "uid=0 comm=\"cp\" exe=\"/usr/bin/cp\" key=\"nginx_conf\"\n"
      "node=rocky9-web type=PATH msg=audit(1687517121.316:1887): item=0 "
      "name=\"/srv/rd/spec.pdf\" inode=2 dev=08:01 mode=0100644 "
      "nametype=NORMAL\n"
      "node=rocky9-web type=PATH msg=audit(1687517121.316:1886): item=0 "
      "name=\"/tmp/\" inode=3 dev=08:01 mode=040755 nametype=PARENT\n"
      "node=rocky9-web type=EOE msg=audit(1687517121.316:1887): \n"
      "node=rocky9-web type=EOE msg=audit(1687517121.316:1886): \n");
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0].path == "/srv/rd/spec.pdf");
  CHECK(r.events[0].action == Action::kRead);  // a2=0: O_RDONLY
  CHECK(r.events[0].user == "1001");
  CHECK(r.events[0].host == "rocky9-web");
  CHECK(r.events[0].line == 2);
  CHECK(r.events[1].path == "/tmp/my report.txt");  // hex-decoded
  CHECK(r.events[1].action ==
        Action::kWrite);  // a2=241: O_WRONLY|O_CREAT|O_TRUNC
  CHECK(r.events[1].user == "1000");
  CHECK(r.events[1].process == "/usr/bin/cp");
}

TEST_CASE("AuditdParser: unlink and rename groups from real logs") {
  ScratchDir dir;
  const std::string log = dir.write(
      "audit.log", records_of_yaml(data_file(
                       "aucoalesce_testdata_ubuntu-17.04-linux-4.10.0.yaml")));
  auto r = read_spec(log);
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == 2);
  const Event* del = &r.events[0];
  const Event* ren = &r.events[1];
  if (del->action != Action::kDelete)
    std::swap(del, ren);
  CHECK(del->action == Action::kDelete);
  CHECK(del->path == "/etc/audit/rules.d/.audit.rules.swp");
  CHECK(del->user == "1001");
  CHECK(ren->action == Action::kRename);
  CHECK(ren->path == "/etc/audit/rules.d/audit.rules");
  CHECK(ren->target == "/etc/audit/rules.d/audit.rules~");
  CHECK(time_of(*ren) == "2017-04-25T13:05:24.089Z");
  CHECK(ren->process == "/usr/bin/vim.basic");
}

TEST_CASE(
    "AuditdParser: a (null) PATH item is passed over and an unset auid falls "
    "back to uid") {
  ScratchDir dir;
  const std::string log = dir.write(
      "audit.log", records_of_yaml(data_file(
                       "aucoalesce_testdata_ubuntu-16.04-linux-4.13.0.yaml")));
  auto r = read_spec(log);
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].action == Action::kDelete);
  CHECK(r.events[0].path ==
        "/var/lib/apt/lists/partial/.apt-acquire-privs-test.zW4jyj");
  CHECK(r.events[0].user == "0");
}

TEST_CASE(
    "AuditdParser: a failed open is skipped, or read as failed when asked") {
  auto r = read_spec(data_file("auparse_testdata_test2.log"));
  CHECK(r.ok);
  CHECK(r.events.empty());
  CHECK(r.stats.lines_rejected == 0);
  ReadOptions options;
  options.include_failed = true;
  r = read_spec(data_file("auparse_testdata_test2.log"), options);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].failed);
  CHECK(r.events[0].action == Action::kRead);
  CHECK(r.events[0].path == "/var/spool/postfix/maildrop");  // CWD + "maildrop"
  CHECK(r.events[0].user == "890");
  CHECK(to_json(r.events[0]).find("\"failed\":true") != std::string::npos);
}

TEST_CASE("AuditdParser: ENRICHED records give the resolved user name") {
  auto r = read_text(
      "type=SYSCALL msg=audit(1783416217.830:735): arch=c000003e syscall=2 "
      "success=yes exit=3 a0=1 a1=8241 a2=1b6 a3=0 items=1 ppid=1 pid=2 "
      "auid=1000 uid=0 comm=\"vi\" exe=\"/usr/bin/vi\" key=(null)\x1d"
      "ARCH=x86_64 SYSCALL=open AUID=\"tanaka\" UID=\"root\"\n"
      "type=PATH msg=audit(1783416217.830:735): item=0 "
      "name=\"/srv/rd/plan.txt\" inode=1 dev=fc:00 mode=0100644 ouid=0 ogid=0 "
      "rdev=00:00 nametype=NORMAL\x1dOUID=\"root\" OGID=\"root\"\n");
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].user == "tanaka");
  CHECK(r.events[0].action ==
        Action::kWrite);  // a1=8241: O_WRONLY|O_CREAT|O_TRUNC
  CHECK(r.events[0].path == "/srv/rd/plan.txt");
}

TEST_CASE("AuditdParser: the plaso ENRICHED sample parses without rejections") {
  auto r = read_spec(data_file("plaso_audit_enriched.log"));
  CHECK(r.ok);
  CHECK(r.stats.lines_rejected == 0);
  CHECK(r.events.empty());  // execve and logins only: no file access
}

TEST_CASE("AuditdParser: every record type of the go-libaudit samples parses") {
  for (const char* name :
       {"auparse_testdata_audit-rhel6.log", "auparse_testdata_audit-rhel7.log",
        "auparse_testdata_audit-ubuntu16.log",
        "auparse_testdata_audit-ubuntu17.log", "auparse_testdata_test3.log"}) {
    CAPTURE(std::string(name));
    auto r = read_spec("auditd:" + data_file(name));
    CHECK(r.ok);
    // The RHEL 7 sample is one record of each type: its two CWD records and
    // its PATH record belong to no SYSCALL, so no event can be named from
    // them, and they are reported rather than dropped unseen.
    CHECK(
        r.stats.lines_rejected ==
        (std::string_view(name) == "auparse_testdata_audit-rhel7.log" ? 3 : 0));
    CHECK(r.events.empty());
  }
}

TEST_CASE(
    "AuditdParser: ausearch -i output in local time with interpreted values") {
  ReadOptions options;
  options.zone = *Zone::find("Asia/Tokyo");
  auto r = read_text(
      "----\n"
      "type=PROCTITLE msg=audit(08/23/2019 14:58:37.791:977) : "
      "proctitle=-bash\n"
      "type=PATH msg=audit(08/23/2019 14:58:37.791:977) : item=1 "
      "name=/tmp/test.txt inode=67805551 dev=08:01 mode=file,644 ouid=root "
      "ogid=root rdev=00:00 obj=unconfined_u:object_r:user_tmp_t:s0 "
      "objtype=CREATE cap_fp=none cap_fi=none cap_fe=0 cap_fver=0\n"
      "type=PATH msg=audit(08/23/2019 14:58:37.791:977) : item=0 name=/tmp/ "
      "inode=67149893 dev=08:01 mode=dir,sticky,777 ouid=root ogid=root "
      "rdev=00:00 obj=system_u:object_r:tmp_t:s0 objtype=PARENT cap_fp=none "
      "cap_fi=none cap_fe=0 cap_fver=0\n"
      "type=CWD msg=audit(08/23/2019 14:58:37.791:977) :  "
      "cwd=/etc/audit/rules.d\n"
      "type=SYSCALL msg=audit(08/23/2019 14:58:37.791:977) : arch=x86_64 "
      "syscall=open success=yes exit=3 a0=0xeced90 "
      "a1=O_WRONLY|O_CREAT|O_APPEND a2=0666 a3=0xfffffff0 items=2 ppid=3991 "
      "pid=3992 auid=vagrant uid=root gid=root euid=root suid=root fsuid=root "
      "egid=root sgid=root fsgid=root tty=pts1 ses=5 comm=bash "
      "exe=/usr/bin/bash "
      "subj=unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023 "
      "key=testrule1\n"
      "----\n"
      "type=SYSCALL msg=audit(08/25/25 16:28:18.107:985) : arch=x86_64 "
      "syscall=unlinkat success=yes exit=0 a0=AT_FDCWD a1=0x1 a2=0x0 a3=0x0 "
      "items=2 ppid=1 pid=2 auid=sato uid=sato comm=rm exe=/usr/bin/rm "
      "key=(null)\n"
      "type=PATH msg=audit(08/25/25 16:28:18.107:985) : item=1 name=old.txt "
      "nametype=DELETE\n"
      "type=CWD msg=audit(08/25/25 16:28:18.107:985) : cwd=/home/sato\n",
      options);
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == 2);
  CHECK(time_of(r.events[0]) == "2019-08-23T05:58:37.791Z");
  CHECK(r.events[0].action == Action::kCreate);
  CHECK(r.events[0].path == "/tmp/test.txt");
  CHECK(r.events[0].user == "vagrant");
  CHECK(time_of(r.events[1]) == "2025-08-25T07:28:18.107Z");
  CHECK(r.events[1].action == Action::kDelete);
  CHECK(r.events[1].path == "/home/sato/old.txt");
}

TEST_CASE("AuditdParser: ausearch -i names and folders with spaces, unquoted") {
  auto r = read_text(
      "type=PATH msg=audit(08/23/2019 14:58:37.791:978) : item=1 name=my "
      "report v2.txt inode=1 dev=08:01 mode=file,644 nametype=CREATE\n"
      "type=CWD msg=audit(08/23/2019 14:58:37.791:978) : cwd=/home/kim/Design "
      "Docs\n"
      "type=SYSCALL msg=audit(08/23/2019 14:58:37.791:978) : arch=x86_64 "
      "syscall=openat success=yes exit=3 a0=AT_FDCWD a1=0x1 "
      "a2=O_WRONLY|O_CREAT a3=0x1b6 items=2 auid=kim uid=kim comm=vi "
      "exe=/usr/bin/vi\n",
      {}, "auditd");
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].path == "/home/kim/Design Docs/my report v2.txt");
  CHECK(r.events[0].action == Action::kCreate);
}

TEST_CASE(
    "AuditdParser: a line that is no audit record is rejected, the rest read") {
  std::string log = std::string("type=SYSCALL garbage\n") +
                    "\x01\x02 binary junk\n" + kOpenatCreate;
  auto r = read_text(log, {}, "auditd");
  CHECK(r.events.size() == 1);
  CHECK(r.stats.lines_rejected == 2);
}

TEST_CASE(
    "AuditdParser: an epoch past year 9999 is a rejected line, never a "
    "wrapped time") {
  // 99999999999999 s overflows microseconds; it must be refused before any
  // arithmetic (under UBSan the multiplication itself is the defect).
  auto r = read_text(std::string(kOpenatCreate) +
                         "type=SYSCALL msg=audit(99999999999999.000:1): "
                         "arch=c000003e syscall=257 success=yes exit=3 "
                         "auid=1000 comm=\"cat\" exe=\"/usr/bin/cat\"\n"
                         "type=PATH msg=audit(18446744073709551615.5:2): "
                         "item=0 name=\"/etc/x\" nametype=NORMAL\n",
                     {}, "auditd");
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 2);
  REQUIRE(r.events.size() == 1);
  CHECK(time_of(r.events[0]) == "2023-08-11T00:43:24.324Z");
}

TEST_CASE("Recovery: a damaged auditd record costs that line") {
  auto record = [](int i) {
    return fmt::format(
        "type=SYSCALL msg=audit(1783416217.830:{0}): arch=c000003e syscall=2 "
        "success=yes exit=3 a0=1 a1=0 a2=1b6 a3=0 items=1 ppid=1 pid=2 "
        "auid=1000 uid=0 comm=\"cat\" exe=\"/usr/bin/cat\" key=(null)\n"
        "type=PATH msg=audit(1783416217.830:{0}): item=0 "
        "name=\"/srv/rd/{0}.txt\" inode=1 dev=fc:00 mode=0100644 ouid=0 "
        "ogid=0 rdev=00:00 nametype=NORMAL\n",
        i + 1);
  };
  check_all_read(
      read_text(surround("", record, "type=SYSCALL msg=audit(17834162\n"), {},
                "auditd"),
      1);
}
