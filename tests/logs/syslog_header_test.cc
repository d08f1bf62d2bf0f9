// Tests of lib/logs/syslog_header.cc: the RFC 3164, RFC 5424 and ISO header
// styles with and without <PRI>, host and tag split from the message, and
// lines that have no header.
#include "logs/syslog_header.h"

#include <doctest/doctest.h>

#include <string>

using namespace mamori;
using namespace mamori::logs;

namespace {

LocalClock tokyo_clock() {
  return LocalClock(*Zone::find("Asia/Tokyo"),
                    *parse_timestamp("2026-12-01T00:00:00Z", Zone::utc()));
}

Timestamp utc(std::string_view text) {
  return *parse_timestamp(text, Zone::utc());
}

}  // namespace

TEST_CASE("parse_syslog_line: RFC 3164 in local time, host and tag[pid]") {
  LocalClock clock = tokyo_clock();
  SyslogLine line;
  REQUIRE(parse_syslog_line(
      "<13>Nov  9 09:56:57 fs1 smbd_audit[62673]: tanaka|10.0.0.5|openat",
      clock, &line));
  CHECK(line.time == utc("2026-11-09T00:56:57Z"));
  CHECK(line.host == "fs1");
  CHECK(line.tag == "smbd_audit");
  CHECK(line.message == "tanaka|10.0.0.5|openat");

  // No host: the first word is the tag. A two-digit day without padding.
  REQUIRE(parse_syslog_line("Nov 19 09:56:57 kernel: usb 1-1: new device",
                            clock, &line));
  CHECK(line.time == utc("2026-11-19T00:56:57Z"));
  CHECK(line.host.empty());
  CHECK(line.tag == "kernel");
  CHECK(line.message == "usb 1-1: new device");
}

TEST_CASE("parse_syslog_line: RFC 5424 with structured data and a BOM") {
  LocalClock clock = tokyo_clock();
  SyslogLine line;
  REQUIRE(parse_syslog_line(
      "<165>1 2026-10-05T10:15:32.1-06:00 fs1 smbd 42 ID47 "
      "[exampleSDID@32473 iut=\"3\" note=\"a\\]b\"] \xEF\xBB\xBFmsg here",
      clock, &line));
  CHECK(line.time == utc("2026-10-05T16:15:32.1Z"));
  CHECK(line.host == "fs1");
  CHECK(line.tag == "smbd");
  CHECK(line.message == "msg here");

  REQUIRE(parse_syslog_line("1 2026-10-05T10:15:32Z - - - - - plain", clock,
                            &line));
  CHECK(line.host.empty());
  CHECK(line.tag.empty());
  CHECK(line.message == "plain");
}

TEST_CASE("parse_syslog_line: ISO stamps as rsyslog and journalctl write") {
  LocalClock clock = tokyo_clock();
  SyslogLine line;
  REQUIRE(parse_syslog_line("2026-10-05T10:15:32+09:00 fs1 udisksd[7]: Mounted",
                            clock, &line));
  CHECK(line.time == utc("2026-10-05T01:15:32Z"));
  CHECK(line.host == "fs1");
  CHECK(line.tag == "udisksd");
  CHECK(line.message == "Mounted");
}

TEST_CASE("parse_syslog_line: lines without a header are refused") {
  LocalClock clock = tokyo_clock();
  SyslogLine line;
  for (std::string_view bad :
       {"", "<13>", "<13x>Nov  9 09:56:57 h t: m", "<>Nov  9 09:56:57 h t: m",
        "Foo  9 09:56:57 h t: m", "Nov  9 9:56 h t: m", "hello world",
        "Nov  9 09:56:57x h t: m", "2 2026-10-05 x"}) {
    CAPTURE(std::string(bad));
    CHECK_FALSE(parse_syslog_line(bad, clock, &line));
  }
}

TEST_CASE("parse_month_abbrev: three letters, any case") {
  CHECK(parse_month_abbrev("Jan") == 1);
  CHECK(parse_month_abbrev("dec") == 12);
  CHECK(parse_month_abbrev("NOV") == 11);
  CHECK(parse_month_abbrev("Nove") == 0);
  CHECK(parse_month_abbrev("Xyz") == 0);
  CHECK(parse_month_abbrev("") == 0);
}
