// The normalised event every log parser yields, and the
// JSON form `mamori events` prints.
#pragma once

#include "common/time.h"
#include "logs/log_format.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace mamori::logs {

enum class Action : uint8_t {
  kRead,
  kWrite,
  kCreate,
  kRename,
  kDelete,
  kConnect,
  kDownload,
  kUpload,
  kCopyRemovable,
  kArchive,
  kPrint,
  kDeviceAttach,
  kDeviceDetach,
  kMount,
  kUnmount,
  kOther
};
std::string_view to_string(Action a);

// What a device event says the device is, where the log says it.
enum class Storage : uint8_t {
  kUnknown,    // the log does not say (a kernel "new USB device" line)
  kRemovable,  // storage a person can carry away: USB, SD/MMC, MTP, 1394,
               // or a disk the system lets the user remove (a Thunderbolt
               // or USB4 enclosure)
  kFixed,      // an internal disk: SATA, NVMe, SCSI, RAID, virtual
  kNone,       // not storage: keyboard, monitor, printer, display adapter
};
std::string_view to_string(Storage s);

struct Device {
  std::string vendor_id;   // hex, "0781"
  std::string product_id;  // hex, "5581"
  std::string serial;
  std::string label;
  std::string bus;  // "usb", ...
  Storage storage = Storage::kUnknown;
  bool empty() const {
    return vendor_id.empty() && product_id.empty() && serial.empty() &&
           label.empty() && bus.empty() && storage == Storage::kUnknown;
  }
  bool operator==(const Device&) const = default;
};

struct Event {
  Timestamp time{};
  LogFormat format;                         // kSambaFormat, ...
  std::shared_ptr<const std::string> file;  // the log as given
  uint64_t line = 0;                        // line, or record number
  bool record = false;                      // "file#record" (EVTX)
  std::string host;
  std::string user;  // as logged
  Action action = Action::kOther;
  // '/' separators, case kept: "/srv/x", "C:/Users/x", a share seen by
  // the server "//HOST/SHARE/x"
  std::string path;
  std::string target;  // rename destination
  std::optional<uint64_t> bytes;
  std::string process;
  Device device;
  std::string mount;  // mount point or drive letter the device produced
  // The log says the access was refused (auditd success=no, Samba "fail
  // (...)"). Such events are only read with ReadOptions::include_failed.
  bool failed = false;

  // "file:line" or "file#record".
  std::string source() const;
};

using EventSink = std::function<void(Event&&)>;

// One JSON object, no trailing newline.
void append_event_json(std::string& out, const Event& event);

}  // namespace mamori::logs
