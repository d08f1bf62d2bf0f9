// The framing of syslog lines, whatever wrote them: RFC 3164 ("Nov  9
// 09:56:57 host tag[pid]: msg", local time, no year), RFC 5424 ("<13>1
// 2026-10-05T10:15:32.1-06:00 host app pid msgid [sd] msg"), rsyslog's
// high-precision ISO stamp and `journalctl -o short-iso[-precise]`
// ("2019-08-31T12:34:56+0300 host tag: msg"), each with an optional <PRI>.
#pragma once

#include "common/time.h"
#include "logs/local_clock.h"

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

// Parses the header of `line`; false when it has none of the styles above.
bool parse_syslog_line(std::string_view line, LocalClock& clock,
                       SyslogLine* out);

// Helpers shared with the other text parsers.
int parse_month_abbrev(std::string_view name);  // "Jan" -> 1; 0 if none

}  // namespace mamori::logs
