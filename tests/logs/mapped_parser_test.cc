// Tests of lib/logs/mapped_parser.cc: csv and jsonl logs read through a
// column mapping, detection, rows without a mapping, hostile epoch values.
#include "logs/mapped_parser.h"

#include "log_test_util.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

TEST_CASE(
    "Mapped csv: an epoch column past year 9999 is a rejected row, never a "
    "wrapped time") {
  ReadOptions options;
  options.columns.time = "When";
  options.columns.user = "Who";
  options.columns.path = "File";
  auto r = read_text(
      "When,Who,File\n"
      "1772442900,sato,/srv/rd/a.txt\n"
      "99999999999999999,kim,/srv/rd/b.txt\n"     // milliseconds, overflows
      "9999999999999,kim,/srv/rd/c.txt\n"         // 13 digits: 2286, fine
      "999999999999,kim,/srv/rd/d.txt\n"          // seconds past 9999
      "9223372036854775807,kim,/srv/rd/e.txt\n",  // int64 max
      options, "csv");
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 3);
  REQUIRE(r.events.size() == 2);
  CHECK(time_of(r.events[0]) == "2026-03-02T09:15:00Z");
  CHECK(time_of(r.events[1]) == "2286-11-20T17:46:39.999Z");
}

TEST_CASE(
    "Mapped csv: columns by name, actions through the table, epoch and local "
    "times") {
  ReadOptions options;
  options.zone = *Zone::find("Asia/Tokyo");
  options.columns.time = "When";
  options.columns.user = "Who";
  options.columns.action = "What";
  options.columns.path = "File";
  options.columns.bytes = "Size";
  options.columns.serial = "Serial";
  options.columns.actions["Copied to USB"] = "copy_removable";
  auto r = read_text(
      "When,Who,What,File,Size,Serial\n"
      "2026-03-02 18:15:00,tanaka,Copied to USB,\"E:\\gear, "
      "v2.dwg\",1024,AA11\n"
      "1772442900,sato,read,/srv/rd/a.txt,,\n"
      "1772442900123,sato,unknown thing,/srv/rd/b.txt,x,\n"
      "yesterday,kim,read,/srv/rd/c.txt,,\n",
      options, "csv");
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 1);
  REQUIRE(r.events.size() == 3);
  CHECK(r.events[0].format == "csv");
  CHECK(time_of(r.events[0]) == "2026-03-02T09:15:00Z");
  CHECK(r.events[0].action == Action::kCopyRemovable);
  CHECK(r.events[0].path == "E:/gear, v2.dwg");
  CHECK(*r.events[0].bytes == 1024);
  CHECK(r.events[0].device.serial == "AA11");
  CHECK(time_of(r.events[1]) == "2026-03-02T09:15:00Z");
  CHECK(r.events[1].action == Action::kRead);
  CHECK(time_of(r.events[2]) == "2026-03-02T09:15:00.123Z");
  CHECK(r.events[2].action == Action::kOther);
  CHECK_FALSE(r.events[2].bytes);
}

TEST_CASE(
    "Mapped jsonl: dotted keys reach nested objects; detected when a mapping "
    "exists") {
  ReadOptions options;
  options.columns.time = "ts";
  options.columns.user = "actor.name";
  options.columns.action = "op";
  options.columns.path = "file.path";
  auto r = read_text(
      R"({"ts":"2026-03-02T09:15:00Z","actor":{"name":"tanaka"},"op":"download","file":{"path":"/share/x.pdf"}})"
      "\n"
      R"({"actor":{"name":"tanaka"}})"
      "\n",
      options);
  REQUIRE(r.ok);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].format == "jsonl");
  CHECK(r.events[0].user == "tanaka");
  CHECK(r.events[0].action == Action::kDownload);
  CHECK(r.events[0].path == "/share/x.pdf");
  CHECK(r.stats.lines_rejected == 1);
}

TEST_CASE(
    "Mapped csv: without a mapping in the config every row is rejected, with a "
    "reason") {
  auto r = read_text("a,b\n1,2\n", {}, "csv");
  CHECK(r.events.empty());
  CHECK(r.stats.lines_rejected == 2);
}
