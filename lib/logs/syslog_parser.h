// Text logs in syslog framing (syslog_header.h) and smbd's own debug log:
// one parser for both the `samba` and the `syslog` formats, since one
// /var/log/syslog may hold Samba audit records, kernel USB messages and
// udisks2 mounts side by side. Each message goes to the handler that knows
// it; other programs' lines are not ours and are passed over silently.
#pragma once

#include "logs/log_format.h"
#include "logs/parse_context.h"

#include <memory>

namespace mamori::logs {

inline constexpr LogFormat kSyslogFormat{"syslog"};

std::unique_ptr<LineParser> make_syslog_parser(ParseContext& ctx);

}  // namespace mamori::logs
