// The normalised event: its action names, its "file:line" source and the
// JSON object `mamori events` prints (the fields of Event).
#include "logs/event.h"

#include "common/json_writer.h"

#include <fmt/format.h>

#include <charconv>

namespace mamori::logs {

std::string_view to_string(Storage s) {
  switch (s) {
    case Storage::kUnknown:
      return "unknown";
    case Storage::kRemovable:
      return "removable";
    case Storage::kFixed:
      return "fixed";
    case Storage::kNone:
      return "none";
  }
  return "unknown";
}

std::string_view to_string(Action a) {
  switch (a) {
    case Action::kRead:
      return "read";
    case Action::kWrite:
      return "write";
    case Action::kCreate:
      return "create";
    case Action::kRename:
      return "rename";
    case Action::kDelete:
      return "delete";
    case Action::kConnect:
      return "connect";
    case Action::kDownload:
      return "download";
    case Action::kUpload:
      return "upload";
    case Action::kCopyRemovable:
      return "copy_removable";
    case Action::kArchive:
      return "archive";
    case Action::kPrint:
      return "print";
    case Action::kDeviceAttach:
      return "device_attach";
    case Action::kDeviceDetach:
      return "device_detach";
    case Action::kMount:
      return "mount";
    case Action::kUnmount:
      return "unmount";
    case Action::kOther:
      return "other";
  }
  return "other";
}

std::string Event::source() const {
  std::string out = file ? *file : std::string("-");
  out += record ? '#' : ':';
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, line).ptr);
  return out;
}

void append_event_json(std::string& out, const Event& event) {
  JsonWriter w(out);
  w.begin_object();
  w.field("time", format_rfc3339(event.time));
  w.field("format", event.format.name());
  w.field("source", event.source());
  w.field_if("host", event.host);
  w.field_if("user", event.user);
  w.field("action", to_string(event.action));
  w.field_if("path", event.path);
  w.field_if("target", event.target);
  if (event.bytes)
    w.field("bytes", *event.bytes);
  w.field_if("process", event.process);
  if (!event.device.empty()) {
    w.key("device").begin_object();
    w.field_if("vendor_id", event.device.vendor_id);
    w.field_if("product_id", event.device.product_id);
    w.field_if("serial", event.device.serial);
    w.field_if("label", event.device.label);
    w.field_if("bus", event.device.bus);
    if (event.device.storage != Storage::kUnknown)
      w.field("storage", to_string(event.device.storage));
    w.end_object();
  }
  w.field_if("mount", event.mount);
  if (event.failed)
    w.field("failed", true);
  w.end_object();
}

}  // namespace mamori::logs
