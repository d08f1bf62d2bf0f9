// Rotation series: the files of one log read together, oldest first, so an
// auditd event whose records straddle the rotation is joined, and nothing
// is dropped unseen when only one of the files is given.
#include "log_test_util.h"

#include "logs/log_reader.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

namespace {

using Series = std::vector<std::vector<std::string>>;

// The end of audit.log.1: a cp to the stick, cut off after its CWD record.
constexpr const char* kOlder =
    "type=SYSCALL msg=audit(1774592500.001:4410): arch=c000003e syscall=257 "
    "success=yes exit=3 a0=ffffff9c a1=7ffd a2=0 a3=0 items=1 ppid=1 pid=2 "
    "auid=1002 uid=1002 gid=1002 euid=1002 suid=1002 fsuid=1002 egid=1002 "
    "sgid=1002 fsgid=1002 tty=pts1 ses=4 comm=\"cat\" exe=\"/usr/bin/cat\" "
    "key=\"rd\"\n"
    "type=PATH msg=audit(1774592500.001:4410): item=0 "
    "name=\"/srv/rd/a.txt\" inode=7 dev=08:11 mode=0100644 ouid=0 ogid=0 "
    "rdev=00:00 nametype=NORMAL\n"
    "type=EOE msg=audit(1774592500.001:4410): \n"
    "type=SYSCALL msg=audit(1774592525.118:4411): arch=c000003e syscall=257 "
    "success=yes exit=4 a0=ffffff9c a1=7ffd a2=241 a3=1b6 items=2 ppid=1 "
    "pid=3 auid=1002 uid=1002 gid=1002 euid=1002 suid=1002 fsuid=1002 "
    "egid=1002 sgid=1002 fsgid=1002 tty=pts1 ses=4 comm=\"cp\" "
    "exe=\"/usr/bin/cp\" key=\"removable\"\n"
    "type=CWD msg=audit(1774592525.118:4411): cwd=\"/home/ysato\"\n";

// The start of audit.log: the rest of that event.
constexpr const char* kNewer =
    "type=PATH msg=audit(1774592525.118:4411): item=0 "
    "name=\"/media/ysato/KINGSTON/\" inode=1 dev=08:11 mode=040755 "
    "ouid=1002 ogid=1002 rdev=00:00 nametype=PARENT\n"
    "type=PATH msg=audit(1774592525.118:4411): item=1 "
    "name=\"/media/ysato/KINGSTON/q1.zip\" inode=4411 dev=08:11 "
    "mode=0100644 ouid=1002 ogid=1002 rdev=00:00 nametype=CREATE\n"
    "type=EOE msg=audit(1774592525.118:4411): \n";

}  // namespace

TEST_CASE("rotation_series: one series per log, oldest file first") {
  CHECK(rotation_series(
            {"/var/log/audit/audit.log", "/var/log/audit/audit.log.2.gz",
             "/var/log/samba/audit.log", "/var/log/audit/audit.log.1"}) ==
        Series{{"/var/log/audit/audit.log.2.gz", "/var/log/audit/audit.log.1",
                "/var/log/audit/audit.log"},
               {"/var/log/samba/audit.log"}});
  // Dated rotation (logrotate dateext): older as the date falls.
  CHECK(rotation_series(
            {"messages", "messages-20260315.gz", "messages-20260308"}) ==
        Series{{"messages-20260308", "messages-20260315.gz", "messages"}});
  // A forced format must agree; standard input is never part of a series;
  // a number in a folder's name is not a rotation; a file whose series has
  // no other file given is read alone.
  CHECK(rotation_series({"auditd:a.log.1", "a.log", "-", "-", "logs.1/x",
                         "app-1.2"}) == Series{{"auditd:a.log.1"},
                                               {"a.log"},
                                               {"-"},
                                               {"-"},
                                               {"logs.1/x"},
                                               {"app-1.2"}});
}

TEST_CASE(
    "read_log_series: an auditd event straddling the rotation is joined") {
  ScratchDir dir;
  const std::string older = dir.write("audit.log.1", kOlder);
  const std::string newer = dir.write("audit.log", kNewer);
  std::vector<Event> events;
  ReadStats stats;
  Diagnostics diag;
  CHECK(read_log_series({"auditd:" + older, "auditd:" + newer}, {}, diag, stats,
                        [&](Event&& e) { events.push_back(e); }));
  REQUIRE(events.size() == 2);
  CHECK(events[0].path == "/srv/rd/a.txt");
  CHECK(events[1].path == "/media/ysato/KINGSTON/q1.zip");
  CHECK(events[1].action == Action::kCreate);
  CHECK(events[1].user == "1002");
  // The source is where the event's SYSCALL record is.
  CHECK(events[1].source() == older + ":4");
  CHECK(stats.lines_rejected == 0);
  CHECK(stats.events == 2);
  CHECK(diag.sorted().empty());
}

TEST_CASE(
    "read_log: either half of a straddling event alone is reported, not "
    "dropped") {
  ScratchDir dir;
  const auto older = read_spec("auditd:" + dir.write("audit.log.1", kOlder));
  REQUIRE(older.events.size() == 1);
  CHECK(older.stats.lines_rejected == 2);  // SYSCALL + CWD of the cut event
  REQUIRE(older.notices.size() == 1);
  CHECK(older.notices[0].source == dir.path("audit.log.1") + ":4");
  CHECK(older.notices[0].message.find("cut off by the end of the log") !=
        std::string::npos);

  const auto newer = read_spec("auditd:" + dir.write("audit.log", kNewer));
  CHECK(newer.events.empty());
  CHECK(newer.stats.lines_rejected == 3);
  REQUIRE(newer.notices.size() == 1);
  CHECK(newer.notices[0].source == dir.path("audit.log") + ":1");
  CHECK(newer.notices[0].message.find("without its SYSCALL record") !=
        std::string::npos);
}
