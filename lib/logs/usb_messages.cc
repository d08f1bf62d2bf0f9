// Kernel USB / udisks2 messages to device events.
#include "logs/usb_messages.h"

namespace mamori::logs {

UsbMessages::UsbMessages(ParseContext& ctx) : ctx_(ctx) {}

bool UsbMessages::handle(Timestamp, std::string_view, std::string_view,
                         std::string_view, uint64_t) {
  return false;
}

}  // namespace mamori::logs
