// LocalClock: local times to UTC across DST, and the year of yearless
// syslog lines from the file's time, across New Year and out of order.
#include "logs/local_clock.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::logs;

namespace {

Timestamp utc(std::string_view text) {
  return *parse_timestamp(text, Zone::utc());
}

int64_t micros(int h, int m, int s) {
  return ((h * 60LL + m) * 60 + s) * 1000000;
}

}  // namespace

TEST_CASE("LocalClock: local wall time to UTC, DST included") {
  LocalClock tokyo(*Zone::find("Asia/Tokyo"), utc("2026-04-01T00:00:00Z"));
  CHECK(format_rfc3339(*tokyo.from_local(2026, 4, 1, micros(9, 12, 2))) ==
        "2026-04-01T00:12:02Z");
  LocalClock berlin(*Zone::find("Europe/Berlin"), utc("2026-07-01T00:00:00Z"));
  CHECK(format_rfc3339(*berlin.from_local(2026, 1, 15, micros(12, 0, 0))) ==
        "2026-01-15T11:00:00Z");
  CHECK(format_rfc3339(*berlin.from_local(2026, 7, 15, micros(12, 0, 0))) ==
        "2026-07-15T10:00:00Z");
  // The cached hour offset is not reused across the zone change.
  CHECK(format_rfc3339(*berlin.from_local(2026, 1, 15, micros(12, 30, 0))) ==
        "2026-01-15T11:30:00Z");
  CHECK(!berlin.from_local(2026, 2, 30, 0));  // no such day
}

TEST_CASE("LocalClock: the year of yearless lines") {
  // Written in March 2026: a first line in November is from 2025.
  LocalClock clock(Zone::utc(), utc("2026-03-10T00:00:00Z"));
  CHECK(format_rfc3339(*clock.from_yearless(11, 9, 0)) ==
        "2025-11-09T00:00:00Z");
  CHECK(format_rfc3339(*clock.from_yearless(12, 31, 0)) ==
        "2025-12-31T00:00:00Z");
  // Back to January: New Year passed.
  CHECK(format_rfc3339(*clock.from_yearless(1, 2, 0)) ==
        "2026-01-02T00:00:00Z");
  // One stray December line after that is out of order, from 2025, and
  // does not move the clock back.
  CHECK(format_rfc3339(*clock.from_yearless(12, 30, 0)) ==
        "2025-12-30T00:00:00Z");
  CHECK(format_rfc3339(*clock.from_yearless(3, 1, 0)) ==
        "2026-03-01T00:00:00Z");
}

TEST_CASE("LocalClock: a first line in the file's month is of its year") {
  LocalClock clock(Zone::utc(), utc("2026-03-10T00:00:00Z"));
  CHECK(format_rfc3339(*clock.from_yearless(3, 9, micros(23, 0, 0))) ==
        "2026-03-09T23:00:00Z");
}
