// Linux kernel USB, SCSI disk and udisks2 messages (log-formats.md §6):
// device attach with vendor, product and serial, the disk it became, the
// mount point udisks2 gave it, and the detach. Lines of devices plugged
// together interleave, so state is kept per USB port ("2-1", "1-1.4") and
// per SCSI host, never by adjacency.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/time.h"
#include "logs/parse_context.h"

namespace mamori::logs {

class UsbMessages {
 public:
  explicit UsbMessages(ParseContext& ctx);
  // False when the message is not one of ours.
  bool handle(Timestamp time, std::string_view host, std::string_view tag,
              std::string_view message, uint64_t line);

 private:
  ParseContext& ctx_;
};

}  // namespace mamori::logs
