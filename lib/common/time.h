// Time in mamori: every timestamp is UTC with microsecond precision. Logs that
// carry no offset are read in a Zone (--tz, default the machine's zone), with
// DST handled by the IANA database through Howard Hinnant's date library.
#pragma once

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace mamori {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;
using LocalTime = date::local_time<std::chrono::microseconds>;
using Days = date::sys_days;

// An IANA time zone, or UTC.
class Zone {
 public:
  static Zone utc() { return Zone(nullptr); }
  // The machine's zone: $TZ when set, else /etc/localtime, else UTC.
  static Zone machine();
  // nullopt when `name` is not in the zone database.
  static std::optional<Zone> find(std::string_view name);

  // A wall-clock time in this zone as UTC. A time that falls in a DST gap or
  // overlap resolves to the earlier instant.
  Timestamp to_utc(LocalTime local) const;
  LocalTime to_local(Timestamp utc) const;
  std::string name() const;

 private:
  explicit Zone(const date::time_zone* tz) : tz_(tz) {}
  const date::time_zone* tz_;  // nullptr is UTC
};

// RFC 3339 in UTC: "2026-03-27T01:02:03Z", with a fraction only when the
// time has one ("2026-03-27T01:02:03.25Z").
std::string format_rfc3339(Timestamp t);
// "2026-03-31"
std::string format_date(Days d);
// For people: "2026-03-27 15:20:01 +09:00", the wall clock of `zone` with
// its offset at that instant.
std::string format_local(Timestamp t, const Zone& zone);

// ISO 8601 / RFC 3339 date or date-time: "2026-03-27", "2026-03-27T01:02",
// "2026-03-27 01:02:03.123456", with "Z", "+09:00" or "+0900" or no offset
// (then read in `zone`). A date alone is its midnight in `zone`.
std::optional<Timestamp> parse_timestamp(std::string_view text,
                                         const Zone& zone);
// "2026-03-31" only.
std::optional<Days> parse_date(std::string_view text);

// The largest epoch second a log may carry: 9999-12-31T23:59:59Z. Parsers
// reject larger values before any arithmetic, so a hostile epoch never
// overflows a duration (in milliseconds, the bound is this times 1000).
inline constexpr int64_t kMaxEpochSeconds = 253402300799;

// Whole days from the UTC day of `t` to `d` (negative when `d` is earlier).
int days_between(Timestamp t, Days d);

}  // namespace mamori
