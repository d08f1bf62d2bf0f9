// LocalClock: local wall-clock times of a log (no offset written) to UTC,
// with the year of syslog's RFC 3164 lines, which carry none. Used by every
// parser of such logs: syslog, smbd, auditd's `ausearch -i`, setupapi.dev.log
// and the M365 CSV export's locale dates.
#pragma once

#include "common/time.h"

#include <chrono>
#include <cstdint>
#include <optional>

namespace mamori::logs {

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

}  // namespace mamori::logs
