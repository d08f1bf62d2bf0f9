// Tests of lib/common/time.cc: timestamp offsets and fractions, DST in local
// zones, and calendar days between two times.
#include "common/time.h"

#include <doctest/doctest.h>

using namespace mamori;

TEST_CASE("parse_timestamp: offsets, fractions and zones") {
  const Zone utc = Zone::utc();
  CHECK(format_rfc3339(*parse_timestamp("2026-03-27T01:02:03Z", utc)) ==
        "2026-03-27T01:02:03Z");
  CHECK(format_rfc3339(*parse_timestamp("2026-03-27T10:02:03+09:00", utc)) ==
        "2026-03-27T01:02:03Z");
  CHECK(format_rfc3339(*parse_timestamp("2026-03-27T10:02:03+0900", utc)) ==
        "2026-03-27T01:02:03Z");
  CHECK(format_rfc3339(*parse_timestamp("2019-08-31 12:34:56.1234567-03:00",
                                        utc)) == "2019-08-31T15:34:56.123456Z");
  CHECK(format_rfc3339(*parse_timestamp("2026-03-27", utc)) ==
        "2026-03-27T00:00:00Z");
  CHECK_FALSE(parse_timestamp("2026-02-30", utc));
  CHECK_FALSE(parse_timestamp("2026-03-27T25:00", utc));
  CHECK_FALSE(parse_timestamp("2026-03-27T01:02:03Zjunk", utc));
  CHECK_FALSE(parse_timestamp("27/03/2026", utc));
}

TEST_CASE("Zone: local times are converted with daylight saving time") {
  auto tokyo = Zone::find("Asia/Tokyo");
  REQUIRE(tokyo);
  CHECK(format_rfc3339(*parse_timestamp("2026-03-27T09:00:00", *tokyo)) ==
        "2026-03-27T00:00:00Z");
  auto berlin = Zone::find("Europe/Berlin");
  REQUIRE(berlin);
  // Winter: UTC+1, summer: UTC+2; 02:30 on 2026-03-29 does not exist and
  // resolves to the transition instant.
  CHECK(format_rfc3339(*parse_timestamp("2026-01-10T12:00", *berlin)) ==
        "2026-01-10T11:00:00Z");
  CHECK(format_rfc3339(*parse_timestamp("2026-07-10T12:00", *berlin)) ==
        "2026-07-10T10:00:00Z");
  CHECK(format_rfc3339(*parse_timestamp("2026-03-29T02:30", *berlin)) ==
        "2026-03-29T01:00:00Z");
  CHECK_FALSE(Zone::find("Mars/Olympus_Mons"));
}

TEST_CASE("days_between: counts calendar days in UTC") {
  const auto t = *parse_timestamp("2026-03-27T23:59:59Z", Zone::utc());
  CHECK(days_between(t, *parse_date("2026-03-31")) == 4);
  CHECK(days_between(t, *parse_date("2026-03-27")) == 0);
  CHECK(days_between(t, *parse_date("2026-03-20")) == -7);
}

TEST_CASE("format_local: the wall clock of the zone with its offset") {
  const Timestamp t = *parse_timestamp("2026-03-27T05:10:02.5Z", Zone::utc());
  CHECK(format_local(t, *Zone::find("Asia/Tokyo")) ==
        "2026-03-27 14:10:02 +09:00");
  CHECK(format_local(t, Zone::utc()) == "2026-03-27 05:10:02 +00:00");
  // New York in March 2026 is on daylight saving time, UTC-4.
  CHECK(format_local(t, *Zone::find("America/New_York")) ==
        "2026-03-27 01:10:02 -04:00");
  // India: a half-hour offset.
  CHECK(format_local(t, *Zone::find("Asia/Kolkata")) ==
        "2026-03-27 10:40:02 +05:30");
}
