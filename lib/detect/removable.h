// Which file writes land on removable media: a path under a mount point or
// drive letter that a device event in the same run tied to USB storage, a
// path under a configured removable root, or an event that says so itself
// (M365 FileCopiedToRemovableMedia). Shared by removable_copy,
// unapproved_device and exfil_sequence.
#pragma once

#include "common/glob.h"
#include "detect/event_store.h"
#include "detect/settings.h"

#include <optional>
#include <string>
#include <vector>

namespace mamori::detect {

struct RemovableTarget {
  std::optional<logs::Device> device;  // when a device event names it
  std::string root;                    // mount point, drive or root glob
};

class RemovableMedia {
 public:
  RemovableMedia(const EventStore& events, const Settings& settings);

  // The removable target of a write or copy, if it has one.
  std::optional<RemovableTarget> target_of(const FileAccess& access) const;

 private:
  struct Mount {
    std::string point;  // "/media/usb0", "E:"
    std::string host;
    Timestamp time{};
    logs::Device device;
  };
  const EventStore& events_;
  std::vector<Mount> mounts_;  // sorted by time
  std::vector<PathGlob> roots_;
};

bool is_write(logs::Action a);

// Whether a device event is about storage a person can carry away: what the
// log says of the device (logs::Storage: USB, SD, MTP or a disk the user
// may remove, never SATA, NVMe, virtual disks, keyboards or monitors);
// when it does not say, a mount, or a device named by a storage log (not a
// kernel "new USB device" line alone, which may be a keyboard).
bool is_removable_storage(const logs::Event& e);

// "0951:1666 \"Kingston DataTraveler\" serial 60A4..." as far as known.
std::string device_label(const logs::Device& d);

}  // namespace mamori::detect
