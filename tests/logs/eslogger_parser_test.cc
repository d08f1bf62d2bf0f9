// eslogger (macOS Endpoint Security JSON Lines): recognised from content,
// each event kind mapped, a USB stick's mount tying writes to removable media.
#include "logs/eslogger_parser.h"

#include "log_test_util.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

namespace {

// One es_message_t line with only the fields the parser reads.
std::string es_line(std::string_view kind, std::string_view body,
                    std::string_view token = R"("auid":501,"euid":501)") {
  return fmt::format(
      R"({{"schema_version":1,"event_type":0,)"
      R"("time":"2026-03-27T06:21:04.518872051Z",)"
      R"("process":{{"audit_token":{{{}}},"executable":{{"path":"/bin/cp"}}}},)"
      R"("event":{{"{}":{}}}}})",
      token, kind, body);
}

}  // namespace

TEST_CASE("EsloggerParser: a USB copy session, format detected") {
  auto r = read_spec(MAMORI_TEST_DATA "/logs/eslogger/usb_copy.jsonl");
  REQUIRE(r.ok);
  CHECK(r.notices.empty());
  CHECK(r.stats.lines_rejected == 0);
  // An unmodified close, two write-only opens, a system mount.
  CHECK(r.stats.records_skipped == 4);
  REQUIRE(r.events.size() == 9);
  CHECK(r.stats.events_by_format.at("eslogger") == 9);

  const Event& read = r.events[0];
  CHECK(read.format == kEsloggerFormat);
  CHECK(read.action == Action::kRead);
  CHECK(read.path == "/Users/ysato/Projects/ltcc/stackup/K000_layers.xlsx");
  CHECK(read.user == "501");
  CHECK(read.process ==
        "/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder");
  CHECK(read.source().ends_with("usb_copy.jsonl:1"));
  CHECK(time_of(read) == "2026-03-27T06:20:14.102938Z");

  CHECK(r.events[1].action == Action::kRead);
  CHECK(r.events[2].action == Action::kCreate);
  CHECK(r.events[2].path == "/Users/ysato/Desktop/q1.zip");
  CHECK(r.events[3].action == Action::kWrite);  // closed modified
  CHECK(r.events[3].path == "/Users/ysato/Desktop/q1.zip");

  const Event& mount = r.events[4];
  CHECK(mount.action == Action::kMount);
  CHECK(mount.mount == "/Volumes/KINGSTON");
  CHECK(mount.path == "/dev/disk4s1");
  CHECK(mount.device.label == "KINGSTON");
  CHECK(mount.user == "0");  // diskarbitrationd: no login user, euid 0

  // "dir" ending in a slash is joined without doubling it.
  CHECK(r.events[5].action == Action::kCreate);
  CHECK(r.events[5].path == "/Volumes/KINGSTON/q1.zip");
  CHECK(r.events[6].action == Action::kWrite);
  CHECK(r.events[6].path == "/Volumes/KINGSTON/q1.zip");
  CHECK(r.events[7].action == Action::kRename);
  CHECK(r.events[7].path == "/Volumes/KINGSTON/q1.zip");
  CHECK(r.events[7].target == "/Volumes/KINGSTON/backup.zip");
  CHECK(r.events[8].action == Action::kDelete);
  CHECK(r.events[8].path == "/Users/ysato/Desktop/q1.zip");
}

TEST_CASE("EsloggerParser: user, destinations and what is not an event") {
  const std::string log =
      // auid unset: the effective user.
      es_line("open", R"({"fflag":3,"file":{"path":"/etc/hosts"}})",
              R"("auid":4294967295,"euid":502)") +
      "\n" +
      // An existing file as the destination of a rename.
      es_line("rename", R"({"source":{"path":"/a/x"},"destination_type":0,)"
                        R"("destination":{"existing_file":{"path":"/a/y"}}})") +
      "\n" +
      // A mount point that is /Volumes itself is no volume.
      es_line("mount", R"({"statfs":{"f_mntonname":"/Volumes/"}})") + "\n" +
      es_line("exec", R"({"target":{}})") + "\n" +
      es_line("close", R"({"modified":false,"target":{"path":"/a/y"}})") +
      "\n" +
      // Not a record: no time.
      R"({"event_type":10,"process":{"audit_token":{"euid":1}},"event":{}})" +
      "\n";
  auto r = read_text(log, {}, "eslogger");
  REQUIRE(r.ok);
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0].user == "502");
  CHECK(r.events[0].action == Action::kRead);
  CHECK(r.events[1].path == "/a/x");
  CHECK(r.events[1].target == "/a/y");
  CHECK(r.stats.records_skipped == 3);
  CHECK(r.stats.lines_rejected == 1);
  REQUIRE(r.notices.size() == 1);
  CHECK(r.notices[0].source.ends_with(":6"));
}

TEST_CASE("EsloggerParser: recognised only by es_message_t's own keys") {
  const ReadOptions none;
  CHECK(detect_format(es_line("open", R"({"fflag":1,"file":{"path":"/x"}})"),
                      none) == kEsloggerFormat);
  // Another JSON log that merely has an "event" key is not eslogger.
  CHECK(detect_format(R"({"event":{"open":1},"time":"x"})", none).empty());
}
