// The Windows events mamori reads, whatever carried them (EVTX, XML, the
// JSON of Winlogbeat, NXLog or Azure): one record of provider, channel, id,
// time, computer and named data, and its mapping to normalised events:
//   Security 4663            read / write by AccessMask (not by the localised
//                            AccessList); DELETE alone waits for the 4660
//   Security 4656            only in the Removable Storage subcategory (Task
//                            12812); elsewhere 4663 is the access itself
//   Security 4660            delete, named by the 4663 of the same handle
//   Removable Storage writes copy_removable (the log says where it went)
//   Security 5145            //HOST/SHARE/relative, write / delete / read
//   Security 6416            device_attach (DeviceId, DeviceDescription)
//   Sysmon 11 / 23 / 26      create / delete / delete (time from UtcTime)
//   Partition/Diagnostic 1006  device_attach, or device_detach at Capacity 0
//   DriverFrameworks 2003    device_attach; 2100/2102 with minor code 23
//                            (surprise removal) device_detach
//   Kernel-PnP 400 / 410     device_attach for USB and USBSTOR instances
// Audit failures are skipped unless ReadOptions::include_failed. Other ids
// and providers are counted as skipped records.
#pragma once

#include "common/time.h"
#include "logs/bounded_map.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::logs {

struct WinEvent {
  std::string provider;
  std::string channel;
  uint32_t event_id = 0;
  std::optional<Timestamp> time;  // the record's time (UTC)
  std::string computer;
  std::string user_sid;  // System/Security@UserID
  int task = -1;
  bool failure = false;  // an audit failure
  uint64_t record_id = 0;

  void clear();
  void add(std::string_view name, std::string_view value);
  // The named data value (EventData or UserData), "" when absent.
  std::string_view get(std::string_view name) const;
  bool has(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> data_;
  size_t used_ = 0;  // entries of data_ in use: the rest keep their memory
};

// The event ids of interest, for readers that can skip a record cheaply
// before decoding it.
bool is_windows_event_of_interest(uint32_t event_id);

// "C:\Users\x" -> "C:/Users/x", "\??\C:\" -> "C:/", "\\srv\s\x" ->
// "//srv/s/x", "\Device\Mup\srv\s\x" -> "//srv/s/x".
std::string windows_path(std::string_view path);

class WindowsEventMapper {
 public:
  WindowsEventMapper(ParseContext& ctx, LogFormat format);
  // `line` is the line or record number (`record` for "file#record").
  void map(const WinEvent& e, uint64_t line, bool record);

 private:
  void security(const WinEvent& e, Event&& base, bool record);
  void sysmon(const WinEvent& e, Event&& base, bool record);
  void partition(const WinEvent& e, Event&& base);
  void driver_frameworks(const WinEvent& e, Event&& base);
  void kernel_pnp(const WinEvent& e, Event&& base);
  void emit(Event&& event);
  void skew_notice(const WinEvent& e, Timestamp in_event, uint64_t line,
                   bool record);

  ParseContext& ctx_;
  LogFormat format_;
  // 4663 DELETE by (ProcessId, HandleId), waiting for its 4660.
  BoundedMap<std::string, std::string> pending_deletes_;
  BoundedSet<std::string> lifetimes_attached_, lifetimes_detached_;
  BoundedMap<std::string, Timestamp> pnp_seen_;
  bool skew_reported_ = false;
};

}  // namespace mamori::logs
