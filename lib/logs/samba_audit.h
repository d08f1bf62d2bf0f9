// Samba vfs_full_audit records ("PREFIX|OP|ok|ARGS"),
// whatever carried them: syslog, journald or smbd's own debug log. Also the
// free-text lines of the older vfs_audit module ("open PATH (fd N)").
//
// Which operations become events, so one file read is one event:
//   openat/open r|w              read / write
//   create_file                  create when the disposition makes a new
//                                file or folder (create, supersede,
//                                overwrite_if); otherwise read or write by
//                                the access mask, and nothing for a
//                                metadata-only open or a folder listing
//   pread*/pwrite*               read / write
//   renameat/rename              rename (path, target)
//   unlinkat/unlink              delete
//   mkdirat/mkdir                create
//   connect                      connect (path = share name)
//   close                        no event: ends the open span
// Within one user's open span of a path (until its close, or 60 s without
// a record) the same action is reported once: create_file + openat +
// pread_send×50 + close is one read. Failed operations ("fail (...)") are
// not accesses: they yield no event (unless ReadOptions::include_failed,
// then an event with `failed` set) and are not counted as rejected.
//
// Resynchronisation: every record is one line (syslog_parser.h), so the
// next line is the next record; a line in no known layout, or an operation
// without its arguments, is one rejected line.
#pragma once

#include "common/time.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::logs {

inline constexpr LogFormat kSambaFormat{"samba"};

// A parsed "%u|%I|%m|%S"-style template (smb.conf full_audit:prefix).
class SambaPrefix {
 public:
  explicit SambaPrefix(std::string_view templ);
  bool empty() const { return parts_.empty(); }
  // The user the prefix names (%D\%u or %u or %U), or false when the
  // prefix does not follow the template.
  bool user_of(std::string_view prefix, std::string* user) const;

 private:
  struct Part {
    char variable = 0;  // 'u', 'I', ... or 0 for a literal
    std::string literal;
  };
  std::vector<Part> parts_;
};

class SambaAudit {
 public:
  explicit SambaAudit(ParseContext& ctx);

  // Handles one vfs_full_audit message. False when it is not one (the
  // caller decides whether that is a rejected line). A recognised record
  // that is malformed is rejected here.
  bool handle(Timestamp time, std::string_view host, std::string_view message,
              uint64_t line);
  // The older vfs_audit module's free text, which only reaches syslog
  // (tag smbd_audit): "open PATH (fd N) [for writing ]", "connect to
  // service S by user U", "rename A -> B", "unlink PATH", "mkdir PATH".
  // False when the text is none of these.
  bool handle_legacy(Timestamp time, std::string_view host,
                     std::string_view message, uint64_t line);

 private:
  // Open spans in an open-addressing table keyed by a 64-bit hash of user
  // and path: no allocation per record, and bounded. It starts small (a
  // short log never clears a large table) and doubles while half full up
  // to kMaxSpanSlots, where it is cleared instead. A collision of two
  // spans could only merge their duplicate suppression.
  struct Span {
    uint64_t key = 0;  // 0: empty slot
    Timestamp last{};
    unsigned actions = 0;
  };
  static constexpr size_t kMinSpanSlots = 256;
  static constexpr size_t kMaxSpanSlots = size_t{1} << 16;
  Span* find_span(std::string_view user, std::string_view path, bool create);
  std::string user_of(std::string_view prefix) const;
  void emit(Timestamp time, std::string_view host, std::string_view user,
            Action action, std::string_view path, std::string_view target,
            uint64_t line, bool deduplicate);
  void end_span(std::string_view user, std::string_view path);
  Span& insert_span(uint64_t key);

  ParseContext& ctx_;
  SambaPrefix prefix_;
  std::vector<Span> spans_;
  size_t spans_used_ = 0;
  bool failing_ = false;  // the record at hand is a refused access
};

// True when `message` holds a vfs_full_audit record (used to recognise the
// format from the first lines).
bool looks_like_samba_record(std::string_view message);

}  // namespace mamori::logs
