// csv / jsonl logs with a column mapping: hostile epoch values.
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
