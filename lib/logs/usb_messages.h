// Linux kernel USB, SCSI disk and udisks2 messages.
// Lines of devices plugged together interleave, so state is kept per host
// and USB port ("2-1", "1-1.4"), per SCSI host and per disk, never by
// adjacency:
//   usb 2-1: New USB device found, idVendor=..., idProduct=...  a device
//   usb 2-1: Product: / Manufacturer: / SerialNumber:           its strings
//   usb-storage 2-1:1.0: ..., scsi host3: usb-storage 2-1:1.0  its SCSI host
//   scsi host4: uas                                             (UAS sticks)
//   sd 3:0:0:0: [sdc] Attached SCSI removable disk              its disk
//   udisksd: Mounted /dev/sdc1 at /media/u/LABEL on behalf of uid 1000
//   udisksd: Unmounted /dev/sdc1 on behalf of uid 1000
//   usb 2-1: USB disconnect, device number 5
// Events: device_attach for every USB device except root hubs, once its
// strings are known (at its next other message, its disconnect, 64 lines
// later, or the end of the log), with the time and line of its "New USB
// device found"; mount and unmount with the device, the mount point, the
// device node as path and the uid as user; device_detach at the disconnect.
#pragma once

#include "common/time.h"
#include "logs/bounded_map.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"
#include "logs/syslog_parser.h"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace mamori::logs {

class UsbMessages {
 public:
  explicit UsbMessages(ParseContext& ctx, LogFormat format = kSyslogFormat);
  // False when the message is not one of ours.
  bool handle(Timestamp time, std::string_view host, std::string_view tag,
              std::string_view message, uint64_t line);
  // Emits the attach events still waiting for their strings.
  void finish();

 private:
  struct Port {
    Device device;
    std::string manufacturer, product;
    Timestamp time{};
    uint64_t line = 0;
    uint64_t last_line = 0;
    bool pending = false;  // attach not emitted yet
    std::string host;
  };
  bool handle_kernel(Timestamp time, std::string_view host,
                     std::string_view message, uint64_t line);
  bool handle_udisks(Timestamp time, std::string_view host,
                     std::string_view message, uint64_t line);
  void emit_attach(Port& port);
  Port* port_of_disk(std::string_view host, std::string_view disk);
  void flush_idle(uint64_t line);
  Event make(Action action, Timestamp time, std::string_view host,
             uint64_t line, const Port* port);

  ParseContext& ctx_;
  LogFormat format_;
  BoundedMap<std::string, Port> ports_;          // host '|' port
  BoundedMap<std::string, std::string> hosts_;   // host '|' scsi host -> port
  BoundedMap<std::string, std::string> disks_;   // host '|' sdX -> port key
  BoundedMap<std::string, std::string> mounts_;  // host '|' /dev/sdX1 -> mount
  std::string last_new_port_;                    // for "scsi hostN: uas"
  std::deque<std::string> waiting_;              // ports with a pending attach
};

}  // namespace mamori::logs
