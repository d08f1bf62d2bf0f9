// `journalctl -o json` (and json-pretty) records: the same kernel USB,
// udisks2 and Samba audit messages as in syslog, with the time from
// __REALTIME_TIMESTAMP (microseconds since the epoch, as a string). A
// MESSAGE that is not valid UTF-8 arrives as an array of byte values.
//
// Resynchronisation: the JSON record splitter's (json_records.h): a line
// that begins with "{" no deeper than an open object's "{" starts the
// next record; the cut one is rejected once, at its first line.
#pragma once

#include "logs/format_detect.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"

#include <memory>

namespace mamori::logs {

inline constexpr LogFormat kJournalFormat{"journal"};

std::unique_ptr<LineParser> make_journal_parser(ParseContext& ctx);

// JSON with journald's __REALTIME_TIMESTAMP or __CURSOR.
Sniff sniff_journal(const LogHead& head);

}  // namespace mamori::logs
