// The framing of syslog lines, whatever wrote them: RFC 3164 ("Nov  9
// 09:56:57 host tag[pid]: msg", local time, no year), RFC 5424 ("<13>1
// 2026-10-05T10:15:32.1-06:00 host app pid msgid [sd] msg"), rsyslog's
// high-precision ISO stamp and `journalctl -o short-iso[-precise]`
// ("2019-08-31T12:34:56+0300 host tag: msg"), each with an optional <PRI>.
#pragma once

#include "common/time.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace mamori::logs {

struct SyslogLine {
  Timestamp time{};
  std::string_view host;
  std::string_view tag;  // "smbd_audit", "kernel", "udisksd"; may be empty
  std::string_view message;
};

// Turns local wall-clock times into UTC, and gives RFC 3164 lines a year.
// The year starts from the log's modification time (a first line in a
// later month than that time is from the year before) and advances when
// the month goes back by more than half a year (December, then January),
// so a log that crosses New Year gets consecutive years. A single line
// more than half a year later than the one before is an out-of-order line
// of the year before and does not move the clock.
class LocalClock {
 public:
  LocalClock(const Zone& zone, Timestamp file_time);
  std::optional<Timestamp> from_yearless(int month, int day,
                                         int64_t micros_of_day);
  std::optional<Timestamp> from_local(int year, int month, int day,
                                      int64_t micros_of_day);
  const Zone& zone() const { return zone_; }

 private:
  Timestamp to_utc(LocalTime local);

  Zone zone_;
  int file_year_;
  int file_month_;
  int year_ = 0;
  int last_month_ = 0;
  // The UTC offset of the last local hour converted: the zone database
  // lookup is far slower than the rest of a line.
  int64_t cached_hour_ = INT64_MIN;
  std::chrono::microseconds cached_offset_{0};
};

// Parses the header of `line`; false when it has none of the styles above.
bool parse_syslog_line(std::string_view line, LocalClock& clock,
                       SyslogLine* out);

// Helpers shared with the other text parsers.
int parse_month_abbrev(std::string_view name);  // "Jan" -> 1; 0 if none
// "HH:MM:SS[.ffffff]" at the start of `s`: microseconds of the day and
// the length read, or nullopt.
std::optional<std::pair<int64_t, size_t>> parse_clock_time(std::string_view s);

}  // namespace mamori::logs
