// Tests of lib/logs/csv_records.cc: a stray quote in a path is read, and an
// unbalanced row costs that row only, not the rest of the file.
#include "logs/csv_records.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

TEST_CASE("Recovery: a CSV path with a stray quote is read, not a lost tail") {
  auto row = [](int i) {
    return fmt::format("1772442900,sato,/srv/rd/{}.txt\n", i);
  };
  // A quote inside an unquoted field is literal: the row is good too.
  auto r = read_text(surround("When,Who,File\n", row,
                              "1772442900,kim,/srv/x/5\" floppy.txt\n"),
                     mapped(), "csv");
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == kGood + 1);
  CHECK(r.events[kGood / 2].path == "/srv/x/5\" floppy.txt");
}

TEST_CASE("Recovery: an unbalanced CSV row costs that row only") {
  auto row = [](int i) {
    return fmt::format("1772442900,\"sato\",\"/srv/rd/{}, \"\"a\"\".txt\"\n",
                       i);
  };
  check_all_read(read_text(surround("When,Who,File\n", row,
                                    "1772442900,kim,\"/srv/rd/open.txt\n"),
                           mapped(), "csv"),
                 1);
  // A quoted field legitimately spanning lines is still one record.
  auto r = read_text(
      "When,Who,File\n1772442900,kim,\"/srv/rd/two\nlines.txt\"\n"
      "1772442900,kim,/srv/rd/b.txt\n",
      mapped(), "csv");
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0].path == "/srv/rd/two\nlines.txt");
}
