// Text logs in syslog framing (syslog_header.h) and smbd's own debug log:
// one parser for both the `samba` and the `syslog` formats, since one
// /var/log/syslog may hold Samba audit records, kernel USB messages and
// udisks2 mounts side by side. Each message goes to the handler that knows
// it; other programs' lines are not ours and are passed over silently.
//
// Resynchronisation: every message is one line, so the next line is the
// next message; a line with no syslog or smbd timestamp, or an smbd_audit
// message in no known layout, is one rejected line.
#pragma once

#include "logs/format_detect.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"

#include <memory>

namespace mamori::logs {

inline constexpr LogFormat kSyslogFormat{"syslog"};

std::unique_ptr<LineParser> make_syslog_parser(ParseContext& ctx);

// `samba`: an smbd debug log header, an smbd_audit syslog message or a bare
// vfs_full_audit record, on any line. `syslog`: syslog framing on any line,
// as a last resort (kWeak).
Sniff sniff_samba(const LogHead& head);
Sniff sniff_syslog(const LogHead& head);

}  // namespace mamori::logs
