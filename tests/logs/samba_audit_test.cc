// Samba vfs_full_audit in every carrier and prefix of
// reference/log-formats.md §2.
#include "logs/samba_audit.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

namespace {

ReadOptions tokyo_options(std::string_view reference = "2026-12-01T00:00:00Z") {
  ReadOptions options;
  options.zone = *Zone::find("Asia/Tokyo");
  options.reference_time = parse_timestamp(reference, Zone::utc());
  return options;
}

}  // namespace

TEST_CASE(
    "SambaAudit: an RFC 3164 syslog line gives time, host, user, action and "
    "path") {
  auto r = read_text(
      "Mar 26 16:10:45 fs1a smbd_audit[62673]: tanaka|10.0.100.14|openat|ok|r|"
      "/srv/shares/rd/design.dwg\n",
      tokyo_options());
  REQUIRE(r.ok);
  REQUIRE(r.events.size() == 1);
  const Event& e = r.events[0];
  CHECK(time_of(e) == "2026-03-26T07:10:45Z");
  CHECK(e.format == "samba");
  CHECK(e.host == "fs1a");
  CHECK(e.user == "tanaka");
  CHECK(e.action == Action::kRead);
  CHECK(e.path == "/srv/shares/rd/design.dwg");
  CHECK(e.line == 1);
  CHECK(r.stats.events_by_format.at("samba") == 1);
}

TEST_CASE(
    "SambaAudit: RFC 5424, rsyslog ISO and journal short-iso stamps carry "
    "their offset") {
  auto r = read_text(
      "<13>1 2026-10-05T10:15:32.123-06:00 fs1 smbd_audit 4242 - - "
      "tanaka|10.0.0.5|pwrite_send|ok|/srv/a.txt\n"
      "2026-10-05T10:15:32-06:00 fs2 smbd_audit[4242]: "
      "CORP\\tanaka|10.0.0.5|unlinkat|ok|/srv/b.txt\n"
      "2019-08-31T12:34:56+0300 fs3 smbd_audit[99]: "
      "u1|1.2.3.4|renameat|ok|/srv/x old.txt|/srv/x new.txt\n"
      "2019-08-31T12:34:56.123456+03:00 fs4 smbd_audit[99]: "
      "u2|1.2.3.4|mkdirat|ok|/srv/newdir\n"
      "<13>1 2026-10-05T10:15:32Z fs5 smbd_audit - - [meta x=\"a\\]b\"] "
      "u3|::1|connect|ok|private\n",
      tokyo_options());
  REQUIRE(r.events.size() == 5);
  CHECK(time_of(r.events[0]) == "2026-10-05T16:15:32.123Z");
  CHECK(r.events[0].host == "fs1");
  CHECK(r.events[0].action == Action::kWrite);
  CHECK(r.events[0].path == "/srv/a.txt");
  CHECK(time_of(r.events[1]) == "2026-10-05T16:15:32Z");
  CHECK(r.events[1].user == "CORP\\tanaka");
  CHECK(r.events[1].action == Action::kDelete);
  CHECK(time_of(r.events[2]) == "2019-08-31T09:34:56Z");
  CHECK(r.events[2].action == Action::kRename);
  CHECK(r.events[2].path == "/srv/x old.txt");
  CHECK(r.events[2].target == "/srv/x new.txt");
  CHECK(time_of(r.events[3]) == "2019-08-31T09:34:56.123456Z");
  CHECK(r.events[3].action == Action::kCreate);
  CHECK(r.events[4].action == Action::kConnect);
  CHECK(r.events[4].path == "private");
  CHECK(r.events[4].user == "u3");
  CHECK(r.stats.lines_rejected == 0);
}

TEST_CASE(
    "SambaAudit: smbd's debug log, header and message on two lines or one, in "
    "local time") {
  auto r = read_text(
      "[2026/09/23 22:02:29.216096,  1] "
      "../../source3/modules/vfs_full_audit.c:1092(do_log)\n"
      "  "
      "root|172.21.0.3|public|openat|ok|r|/srv/shares/public/IT/vpn-setup.pdf\n"
      "[2026/09/23 22:02:30.000001,  1]   "
      "root|172.21.0.3|public|openat|ok|w|/srv/shares/public/IT/notes.txt\n"
      "[2026/09/23 22:02:31.5,  2, pid=812, effective(0, 0), real(0, 0)] "
      "../../source3/smbd/service.c:1120(make_connection_snum)\n"
      "  some other smbd message\n"
      "[2026/09/23 22:02:32.000000,  1] "
      "../../source3/modules/vfs_full_audit.c:1092(do_log)\n"
      "  cyin026|::1|connect|ok|private\n",
      tokyo_options());
  REQUIRE(r.ok);
  REQUIRE(r.events.size() == 3);
  CHECK(time_of(r.events[0]) == "2026-09-23T13:02:29.216096Z");
  CHECK(r.events[0].user == "root");
  CHECK(r.events[0].host.empty());
  CHECK(r.events[0].action == Action::kRead);
  CHECK(r.events[0].path == "/srv/shares/public/IT/vpn-setup.pdf");
  CHECK(r.events[0].line == 2);
  CHECK(time_of(r.events[1]) == "2026-09-23T13:02:30.000001Z");
  CHECK(r.events[1].action == Action::kWrite);
  CHECK(r.events[1].line == 3);
  CHECK(r.events[2].action == Action::kConnect);
  CHECK(r.events[2].user == "cyin026");
  CHECK(r.stats.lines_rejected == 0);
}

TEST_CASE(
    "SambaAudit: a custom prefix with spaces and extra bars is read by its "
    "USER= label") {
  auto r = read_text(
      "Mar 26 16:10:45 fs1a smbd_audit[62673]: IP=10.0.100.14 | "
      "USER=HPAB\\anders"
      " | MACHINE=10.0.100.14 | "
      "VOLUME=Dokument|get_nt_acl_at|ok|/share/documents\n"
      "Mar 26 16:10:45 fs1a smbd_audit[62673]: IP=10.0.100.14 | "
      "USER=HPAB\\anders"
      " | MACHINE=10.0.100.14 | "
      "VOLUME=Dokument|openat|ok|w|/share/documents/a|b.txt\n"
      "Mar 26 16:10:46 fs1a smbd_audit[62673]: IP=10.0.100.14 | "
      "USER=HPAB\\anders"
      " | MACHINE=10.0.100.14 | VOLUME=Dokument|close|ok|/share/documents\n",
      tokyo_options());
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].user == "HPAB\\anders");
  CHECK(r.events[0].action == Action::kWrite);
  CHECK(r.events[0].path == "/share/documents/a|b.txt");
  CHECK(r.stats.lines_rejected == 0);
}

TEST_CASE(
    "SambaAudit: a prefix template from the config names the user field") {
  ReadOptions options = tokyo_options();
  options.samba_prefix = "%I|%m|%u|%S";
  auto r = read_text(
      "Mar 26 16:10:45 fs1a smbd_audit[1]: "
      "10.0.0.1|PC01|tanaka|rd|openat|ok|r|/srv/rd/x\n",
      options);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].user == "tanaka");

  options.samba_prefix = "%D|%u|%I";
  r = read_text(
      "Mar 26 16:10:45 fs1a smbd_audit[1]: "
      "CORP|sato|10.0.0.1|unlinkat|ok|/srv/rd/y\n",
      options);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].user == "CORP\\sato");
}

TEST_CASE(
    "SambaAudit: create_file maps dispositions and access masks to actions") {
  auto r = read_text(
      "Mar 26 10:00:00 fs smbd_audit[1]: "
      "u|ip|create_file|ok|0x81|dir|open|/srv/d\n"
      "Mar 26 10:00:01 fs smbd_audit[1]: "
      "u|ip|create_file|ok|0x100080|file|open|/srv/attr\n"
      "Mar 26 10:00:02 fs smbd_audit[1]: "
      "u|ip|create_file|ok|0x12019f|file|create|/srv/new.txt\n"
      "Mar 26 10:00:03 fs smbd_audit[1]: "
      "u|ip|create_file|ok|0x120089|file|open|/srv/r.txt\n"
      "Mar 26 10:00:04 fs smbd_audit[1]: "
      "u|ip|create_file|ok|0x120116|file|overwrite_if|/srv/o.txt\n"
      "Mar 26 10:00:05 fs smbd_audit[1]: "
      "u|ip|create_file|ok|0x12019f|file|open_if|/srv/w.txt\n"
      "Mar 26 10:00:06 fs smbd_audit[1]: "
      "u|ip|create_file|ok|0x100001|dir|create|/srv/nd\n",
      tokyo_options());
  REQUIRE(r.events.size() == 5);
  CHECK(r.events[0].action == Action::kCreate);
  CHECK(r.events[0].path == "/srv/new.txt");
  CHECK(r.events[1].action == Action::kRead);
  CHECK(r.events[1].path == "/srv/r.txt");
  CHECK(r.events[2].action == Action::kCreate);
  CHECK(r.events[2].path == "/srv/o.txt");
  CHECK(r.events[3].action == Action::kWrite);
  CHECK(r.events[3].path == "/srv/w.txt");
  CHECK(r.events[4].action == Action::kCreate);
  CHECK(r.events[4].path == "/srv/nd");
}

TEST_CASE("SambaAudit: one open, many reads and a close are one read event") {
  auto r = read_text(
      "Mar 26 10:00:00 fs smbd_audit[1]: "
      "u|ip|create_file|ok|0x120089|file|open|/srv/f\n"
      "Mar 26 10:00:00 fs smbd_audit[1]: u|ip|openat|ok|r|/srv/f\n"
      "Mar 26 10:00:00 fs smbd_audit[1]: u|ip|pread_send|ok|/srv/f\n"
      "Mar 26 10:00:00 fs smbd_audit[1]: u|ip|pread_recv|ok|/srv/f\n"
      "Mar 26 10:00:01 fs smbd_audit[1]: u|ip|pread_send|ok|/srv/f\n"
      "Mar 26 10:00:01 fs smbd_audit[1]: v|ip|openat|ok|r|/srv/f\n"
      "Mar 26 10:00:02 fs smbd_audit[1]: u|ip|close|ok|/srv/f\n"
      "Mar 26 10:00:03 fs smbd_audit[1]: u|ip|openat|ok|r|/srv/f\n"
      "Mar 26 10:00:04 fs smbd_audit[1]: "
      "u|ip|create_file|ok|0x12019f|file|create|/srv/n\n"
      "Mar 26 10:00:04 fs smbd_audit[1]: u|ip|openat|ok|w|/srv/n\n"
      "Mar 26 10:00:04 fs smbd_audit[1]: u|ip|pwrite_send|ok|/srv/n\n"
      "Mar 26 10:05:00 fs smbd_audit[1]: u|ip|pwrite_send|ok|/srv/n\n",
      tokyo_options());
  REQUIRE(r.events.size() == 5);
  CHECK(r.events[0].user == "u");
  CHECK(r.events[0].line == 1);
  CHECK(r.events[1].user == "v");  // another user's open is its own event
  CHECK(r.events[2].line == 8);    // after the close, a new read
  CHECK(r.events[3].action == Action::kCreate);
  CHECK(r.events[4].action == Action::kWrite);  // minutes later: a new span
  CHECK(r.events[4].line == 12);
}

TEST_CASE(
    "SambaAudit: open spans survive the growth of their table: 3,000 files "
    "each opened twice are 3,000 reads") {
  std::string log;
  for (int pass = 0; pass < 2; ++pass) {
    for (int i = 0; i < 3000; ++i) {
      log += fmt::format(
          "Mar 26 10:00:0{} fs smbd_audit[1]: u|ip|openat|ok|r|/srv/f{}\n",
          pass, i);
    }
  }
  auto r = read_text(log, tokyo_options());
  REQUIRE(r.ok);
  CHECK(r.events.size() == 3000);
  CHECK(r.events.back().line == 3000);
}

TEST_CASE(
    "SambaAudit: failed operations are not accesses and not rejected lines") {
  auto r = read_text(
      "Mar 26 10:00:00 fs smbd_audit[1]: u|ip|openat|fail (Permission "
      "denied)|r|/srv/secret\n"
      "Mar 26 10:00:00 fs smbd_audit[1]: u|ip|unlinkat|fail (No such file or "
      "directory)|/srv/x\n",
      tokyo_options());
  CHECK(r.ok);
  CHECK(r.events.empty());
  CHECK(r.stats.lines_rejected == 0);
}

TEST_CASE("SambaAudit: the older vfs_audit free text is read too") {
  auto r = read_text(
      "Sep 17 12:15:33 www smbd_audit[22662]: connect to service myshare by "
      "user myusername\n"
      "Sep 17 12:15:33 www smbd_audit[22662]: open path/to/myfile (fd 31)\n"
      "Sep 17 12:15:34 www smbd_audit[22662]: open path/to/out (fd 32) for "
      "writing \n"
      "Sep 17 12:15:35 www smbd_audit[22662]: open path/to/none (fd -1) "
      "failed: Permission denied\n"
      "Sep 17 12:15:36 www smbd_audit[22662]: close fd 31\n",
      tokyo_options());
  REQUIRE(r.events.size() == 3);
  CHECK(r.events[0].action == Action::kConnect);
  CHECK(r.events[0].user == "myusername");
  CHECK(r.events[0].path == "myshare");
  CHECK(r.events[1].action == Action::kRead);
  CHECK(r.events[1].path == "path/to/myfile");
  CHECK(r.events[2].action == Action::kWrite);
  CHECK(r.events[2].path == "path/to/out");
  CHECK(r.stats.lines_rejected == 0);
}

TEST_CASE("SambaAudit: syslog lines without a year roll over at New Year") {
  const std::string log =
      "Dec 30 23:59:59 fs smbd_audit[1]: u|ip|openat|ok|r|/a\n"
      "Dec 31 10:00:00 fs smbd_audit[1]: u|ip|openat|ok|r|/b\n"
      "Nov 30 10:00:00 fs smbd_audit[1]: u|ip|openat|ok|r|/late\n"
      "Jan  1 00:00:01 fs smbd_audit[1]: u|ip|openat|ok|r|/c\n"
      "Dec 31 23:59:58 fs smbd_audit[1]: u|ip|openat|ok|r|/straggler\n"
      "Feb  3 08:00:00 fs smbd_audit[1]: u|ip|openat|ok|r|/d\n";
  ReadOptions options;
  SUBCASE("the file was last written in February of the next year") {
    options.reference_time =
        parse_timestamp("2027-02-03T09:00:00Z", Zone::utc());
  }
  SUBCASE("the file's mtime says so") {
    ScratchDir dir;
    const std::string file = dir.write("syslog", log);
    const std::string touch = "touch -d 2027-02-03T09:00:00Z '" + file + "'";
    REQUIRE(std::system(touch.c_str()) == 0);
    auto r = read_spec(file, options);
    REQUIRE(r.events.size() == 6);
    CHECK(time_of(r.events[0]) == "2026-12-30T23:59:59Z");
    CHECK(time_of(r.events[3]) == "2027-01-01T00:00:01Z");
    CHECK(time_of(r.events[5]) == "2027-02-03T08:00:00Z");
    return;
  }
  auto r = read_text(log, options);
  REQUIRE(r.events.size() == 6);
  CHECK(time_of(r.events[0]) == "2026-12-30T23:59:59Z");
  CHECK(time_of(r.events[1]) == "2026-12-31T10:00:00Z");
  CHECK(time_of(r.events[2]) == "2026-11-30T10:00:00Z");
  CHECK(time_of(r.events[3]) == "2027-01-01T00:00:01Z");
  CHECK(time_of(r.events[4]) == "2026-12-31T23:59:58Z");
  CHECK(time_of(r.events[5]) == "2027-02-03T08:00:00Z");
}

TEST_CASE(
    "SambaAudit: a first line in a later month than the file's time is from "
    "the year before") {
  ReadOptions options;
  options.reference_time = parse_timestamp("2026-03-01T00:00:00Z", Zone::utc());
  auto r = read_text("Nov  9 09:56:57 fs smbd_audit[1]: u|ip|openat|ok|r|/a\n",
                     options);
  REQUIRE(r.events.size() == 1);
  CHECK(time_of(r.events[0]) == "2025-11-09T09:56:57Z");
}

TEST_CASE(
    "SambaAudit: local times follow daylight saving time in the given zone") {
  ReadOptions options;
  options.zone = *Zone::find("Europe/Berlin");
  options.reference_time = parse_timestamp("2026-12-01T00:00:00Z", Zone::utc());
  auto r = read_text(
      "Mar 29 01:30:00 fs smbd_audit[1]: u|ip|openat|ok|r|/winter\n"
      "Mar 29 03:30:00 fs smbd_audit[1]: u|ip|openat|ok|r|/summer\n",
      options);
  REQUIRE(r.events.size() == 2);
  CHECK(time_of(r.events[0]) == "2026-03-29T00:30:00Z");
  CHECK(time_of(r.events[1]) == "2026-03-29T01:30:00Z");
}

TEST_CASE(
    "SambaAudit: malformed records and junk lines are rejected with "
    "file:line") {
  ScratchDir dir;
  const std::string file = dir.write(
      "bad.log",
      "Mar 26 10:00:00 fs smbd_audit[1]: u|ip|openat|ok|r|/srv/ok\n"
      "this is not a log line\n"
      "Mar 26 10:00:01 fs smbd_audit[1]: u|ip|openat|ok|x|/srv/bad-mode\n"
      "Mar 26 10:00:02 fs smbd_audit[1]: something else entirely\n"
      "Mar 26 10:00:03 fs cron[2]: (root) CMD (run-parts)\n"
      "Mar 26 10:00:04 fs smbd_audit[1]: u|ip|openat|ok|w|/srv/ok2\n");
  auto r = read_spec("samba:" + file, {});
  CHECK(r.ok);
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[1].line == 6);
  CHECK(r.stats.lines_rejected == 3);
  REQUIRE(r.notices.size() == 3);
  CHECK(r.notices[0].code == "parse_error");
  CHECK(r.notices[0].level == Level::kWarning);
  CHECK(r.notices[0].source == file + ":2");
  CHECK(r.notices[1].source == file + ":3");
  CHECK(r.notices[2].source == file + ":4");
}

TEST_CASE("Recovery: a damaged Samba line costs that line") {
  auto line = [](int i) {
    return fmt::format(
        "Mar 26 16:10:45 fs1a smbd_audit[62673]: tanaka|10.0.100.14|openat|ok|"
        "r|/srv/shares/rd/{}.dwg\n",
        i);
  };
  check_all_read(
      read_text(
          surround("", line,
                   "Mar 26 16:10:45 fs1a smbd_audit[62673]: tanaka|10.0\n"),
          {}, "samba"),
      1);
}
