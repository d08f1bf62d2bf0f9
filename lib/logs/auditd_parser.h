// Linux audit logs: RAW, ENRICHED (0x1D then resolved
// names) and `ausearch [-i]` output. Records are grouped into events by
// node and msg=audit(TIME:SERIAL), whatever their order or interleaving; a
// group ends at its EOE record, when 64 lines pass without a record of it,
// or at the end of the log. Only syscall groups that touch files become
// events:
//   open/openat/openat2  read, or write with O_WRONLY/O_RDWR/O_TRUNC, or
//                        create when a PATH item is nametype=CREATE
//   creat, mkdir[at]     create          truncate/ftruncate   write
//   unlink[at], rmdir    delete          rename[at][2]        rename
// The path is the PATH item the call acted on (CREATE/NORMAL/DELETE, not
// PARENT), hex-decoded, joined with CWD when relative. The user is the
// login uid (auid; the resolved name from ENRICHED or -i when present),
// else uid when auid is unset. Failed calls (success=no) are skipped unless
// ReadOptions::include_failed.
//
// Resynchronisation: every record is one line, so a line that is not
// "type=... msg=audit(TIME:SERIAL): ..." (cut, garbled) is one rejected
// line and the next line is read afresh; the groups it does not belong to
// are unharmed, and a group cut short is flushed by the 64-line rule.
#pragma once

#include "logs/format_detect.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"

#include <memory>

namespace mamori::logs {

inline constexpr LogFormat kAuditdFormat{"auditd"};

std::unique_ptr<LineParser> make_auditd_parser(ParseContext& ctx);

// A "type=... msg=audit(" record, or ausearch's "time->" line.
Sniff sniff_auditd(const LogHead& head);

}  // namespace mamori::logs
