// Windows event records to normalised events.
#include "logs/windows_events.h"

#include "common/i18n.h"
#include "common/lexer.h"
#include "common/text.h"
#include "logs/device_instance_id.h"
#include "logs/log_text.h"

namespace mamori::logs {

namespace {

constexpr auto kPnpRepeat = std::chrono::minutes(10);

constexpr uint32_t kReadData = 0x1, kWriteData = 0x2, kAppendData = 0x4,
                   kDelete = 0x10000, kGenericWrite = 0x40000000,
                   kGenericRead = 0x80000000, kGenericAll = 0x10000000;
constexpr int kTaskRemovableStorage = 12812;

// An AccessMask as Windows writes it ("0x10000", padded with spaces in
// some exports); the low 32 bits.
std::optional<uint32_t> hex_mask(std::string_view s) {
  const auto value = hex_number(trim(s));
  if (!value)
    return std::nullopt;
  return static_cast<uint32_t>(*value);
}

bool is_blank(std::string_view s) {
  return s.empty() || s == "-";
}

std::string subject_user(const WinEvent& e) {
  const std::string_view name = e.get("SubjectUserName");
  const std::string_view domain = e.get("SubjectDomainName");
  if (is_blank(name)) {
    std::string_view sid = e.get("SubjectUserSid");
    return std::string(is_blank(sid) ? std::string_view{} : sid);
  }
  if (is_blank(domain))
    return std::string(name);
  return std::string(domain) + "\\" + std::string(name);
}

bool provider_is(const WinEvent& e, std::string_view provider,
                 std::string_view channel) {
  return iequals(e.provider, provider) || iequals(e.channel, channel);
}

// Windows' STORAGE_BUS_TYPE, as Partition/Diagnostic 1006 gives it in
// BusType, by name ("" for a code without one here).
std::string_view storage_bus_name(std::string_view code) {
  static constexpr std::pair<std::string_view, std::string_view> kBuses[] = {
      {"1", "scsi"},     {"2", "atapi"}, {"3", "ata"},     {"4", "1394"},
      {"6", "fibre"},    {"7", "usb"},   {"8", "raid"},    {"9", "iscsi"},
      {"10", "sas"},     {"11", "sata"}, {"12", "sd"},     {"13", "mmc"},
      {"14", "virtual"}, {"15", "vhd"},  {"16", "spaces"}, {"17", "nvme"},
      {"18", "scm"},     {"19", "ufs"}};
  for (const auto& [number, name] : kBuses) {
    if (code == number)
      return name;
  }
  return {};
}

// Buses whose disks a person plugs in and carries away: USB, SD, MMC and
// FireWire (1394).
bool is_removable_bus(std::string_view code) {
  return code == "7" || code == "12" || code == "13" || code == "4";
}

// A 6416 device by its setup class: disks, volumes, optical and floppy
// drives and portable devices (MTP phones, cameras) that came in on USB or
// SD are removable storage, and so is the USB device of a flash drive
// ("USB Mass Storage Device"); the same classes on another bus are
// internal; any other class (keyboard, mouse, monitor, display adapter,
// printer, composite USB parent, network adapter) is no storage at all.
Storage storage_of_class(std::string_view class_name, const Device& d) {
  static constexpr std::string_view kStorageClasses[] = {
      "DiskDrive", "Volume", "CDROM", "FloppyDisk", "WPD"};
  if (d.storage == Storage::kRemovable)
    return Storage::kRemovable;  // a USBSTOR id says so
  if (class_name.empty())
    return Storage::kUnknown;
  if (iequals(class_name, "USB")) {
    return to_lower(d.label).find("mass storage") != std::string::npos
               ? Storage::kRemovable
               : Storage::kNone;
  }
  const bool storage =
      std::any_of(std::begin(kStorageClasses), std::end(kStorageClasses),
                  [&](std::string_view c) { return iequals(class_name, c); });
  if (!storage)
    return Storage::kNone;
  return d.bus == "usb" || d.bus == "sd" || d.bus == "swd" ||
                 iequals(class_name, "WPD")
             ? Storage::kRemovable
             : Storage::kFixed;
}

// A device instance id (device_instance_id.h) to device fields.
void device_from_instance(std::string_view id, Device* d) {
  const auto parsed = parse_device_instance_id(id);
  if (!parsed)
    return;
  d->bus = parsed->is_usb() ? "usb" : to_lower(parsed->bus);
  if (parsed->is_storage())
    d->storage = Storage::kRemovable;
  d->vendor_id = parsed->vendor_id();
  d->product_id = parsed->product_id();
  d->serial = std::string(parsed->serial());
}

}  // namespace

void WinEvent::clear() {
  provider.clear();
  channel.clear();
  event_id = 0;
  time.reset();
  computer.clear();
  user_sid.clear();
  task = -1;
  failure = false;
  record_id = 0;
  used_ = 0;
}

void WinEvent::add(std::string_view name, std::string_view value) {
  if (used_ == data_.size())
    data_.emplace_back();
  data_[used_].first.assign(name);
  data_[used_].second.assign(value);
  ++used_;
}

std::string_view WinEvent::get(std::string_view name) const {
  for (size_t i = 0; i < used_; ++i) {
    if (data_[i].first == name)
      return data_[i].second;
  }
  return {};
}

bool WinEvent::has(std::string_view name) const {
  for (size_t i = 0; i < used_; ++i) {
    if (data_[i].first == name)
      return true;
  }
  return false;
}

bool is_windows_event_of_interest(uint32_t id) {
  switch (id) {
    case 4656:
    case 4663:
    case 4660:
    case 5145:
    case 6416:
    case 11:
    case 23:
    case 26:
    case 1006:
    case 2003:
    case 2100:
    case 2102:
    case 400:
    case 410:
      return true;
    default:
      return false;
  }
}

std::string windows_path(std::string_view p) {
  p = trim(p);
  if (p.substr(0, 4) == "\\??\\" || p.substr(0, 4) == "\\\\?\\")
    p.remove_prefix(4);
  std::string out;
  if (iequals(p.substr(0, 12), "\\Device\\Mup\\")) {
    out = "//";
    p.remove_prefix(12);
  } else if (iequals(p.substr(0, 4), "UNC\\")) {
    out = "//";
    p.remove_prefix(4);
  }
  out.reserve(out.size() + p.size());
  for (char c : p)
    out += c == '\\' ? '/' : c;
  return out;
}

WindowsEventMapper::WindowsEventMapper(ParseContext& ctx, LogFormat format)
    : ctx_(ctx), format_(format) {}

void WindowsEventMapper::emit(Event&& event) {
  ctx_.emit(std::move(event));
}

void WindowsEventMapper::map(const WinEvent& e, uint64_t line, bool record) {
  if (!is_windows_event_of_interest(e.event_id)) {
    ctx_.skip();
    return;
  }
  if (!e.time) {
    ctx_.reject(line,
                trf("event {id} without a time", fmt::arg("id", e.event_id)),
                record);
    return;
  }
  if (e.failure && !ctx_.options().include_failed) {
    ctx_.skip();
    return;
  }
  Event base = ctx_.make_event(format_, line);
  base.record = record;
  base.time = *e.time;
  base.host = e.computer;
  base.failed = e.failure;
  if (provider_is(e, "Microsoft-Windows-Security-Auditing", "Security")) {
    security(e, std::move(base), record);
  } else if (provider_is(e, "Microsoft-Windows-Sysmon",
                         "Microsoft-Windows-Sysmon/Operational")) {
    sysmon(e, std::move(base), record);
  } else if (e.event_id == 1006 &&
             provider_is(e, "Microsoft-Windows-Partition",
                         "Microsoft-Windows-Partition/Diagnostic")) {
    partition(e, std::move(base));
  } else if ((e.event_id == 2003 || e.event_id == 2100 || e.event_id == 2102) &&
             provider_is(
                 e, "Microsoft-Windows-DriverFrameworks-UserMode",
                 "Microsoft-Windows-DriverFrameworks-UserMode/Operational")) {
    driver_frameworks(e, std::move(base));
  } else if ((e.event_id == 400 || e.event_id == 410) &&
             provider_is(e, "Microsoft-Windows-Kernel-PnP",
                         "Microsoft-Windows-Kernel-PnP/Configuration")) {
    kernel_pnp(e, std::move(base));
  } else {
    ctx_.skip();
  }
}

void WindowsEventMapper::security(const WinEvent& e, Event&& ev, bool record) {
  ev.user = subject_user(e);
  switch (e.event_id) {
    case 4656:
    case 4663: {
      const bool removable = e.task == kTaskRemovableStorage;
      if (e.event_id == 4656 && !removable)
        return ctx_.skip();
      if (e.get("ObjectType") != "File")
        return ctx_.skip();
      const auto mask = hex_mask(e.get("AccessMask"));
      if (!mask) {
        return ctx_.reject(ev.line,
                           trf("event {id} without a readable AccessMask",
                               fmt::arg("id", e.event_id)),
                           record);
      }
      ev.path = windows_path(e.get("ObjectName"));
      ev.process = windows_path(e.get("ProcessName"));
      if (*mask & (kWriteData | kAppendData | kGenericWrite | kGenericAll)) {
        ev.action = removable ? Action::kCopyRemovable : Action::kWrite;
      } else if (*mask & (kReadData | kGenericRead)) {
        ev.action = Action::kRead;
      } else {
        if ((*mask & kDelete) && e.event_id == 4663) {
          pending_deletes_[std::string(e.get("ProcessId")) + "|" +
                           std::string(e.get("HandleId"))] = ev.path;
        }
        return ctx_.skip();
      }
      return emit(std::move(ev));
    }
    case 4660: {
      const auto it =
          pending_deletes_.find(std::string(e.get("ProcessId")) + "|" +
                                std::string(e.get("HandleId")));
      if (it == pending_deletes_.end())
        return ctx_.skip();  // not a file we saw
      ev.action = Action::kDelete;
      ev.path = std::move(it->second);
      pending_deletes_.erase(it);
      ev.process = windows_path(e.get("ProcessName"));
      return emit(std::move(ev));
    }
    case 5145: {
      const auto mask = hex_mask(e.get("AccessMask"));
      if (!mask) {
        return ctx_.reject(ev.line, "event 5145 without a readable AccessMask",
                           record);
      }
      std::string_view share = e.get("ShareName");
      if (const size_t slash = share.find_last_of('\\');
          slash != std::string_view::npos) {
        share = share.substr(slash + 1);
      }
      std::string_view relative = trim(e.get("RelativeTargetName"));
      while (!relative.empty() && relative.front() == '\\')
        relative.remove_prefix(1);
      ev.path = "//" + e.computer + "/" + std::string(share);
      if (!relative.empty())
        ev.path += "/" + windows_path(relative);
      if (*mask & (kWriteData | kAppendData | kGenericWrite | kGenericAll)) {
        ev.action = Action::kWrite;
      } else if ((*mask & kDelete) && !(*mask & kReadData)) {
        ev.action = Action::kDelete;
      } else {
        ev.action = Action::kRead;  // an access check on the share object
      }
      return emit(std::move(ev));
    }
    case 6416: {
      ev.action = Action::kDeviceAttach;
      device_from_instance(e.get("DeviceId"), &ev.device);
      ev.device.label = std::string(trim(e.get("DeviceDescription")));
      if (ev.device.label.empty())
        ev.device.label = std::string(e.get("ClassName"));
      ev.device.storage = storage_of_class(trim(e.get("ClassName")), ev.device);
      return emit(std::move(ev));
    }
    default:
      return ctx_.skip();
  }
}

void WindowsEventMapper::skew_notice(const WinEvent& e, Timestamp in_event,
                                     uint64_t line, bool record) {
  if (skew_reported_ || !e.time)
    return;
  const auto diff =
      *e.time > in_event ? *e.time - in_event : in_event - *e.time;
  if (diff < std::chrono::hours(1))
    return;
  skew_reported_ = true;
  ctx_.diagnostics().warn_at(
      "clock_skew",
      fmt::format("{}{}{}", *ctx_.file(), record ? '#' : ':', line),
      "the record time {} and Sysmon's UtcTime {} disagree; UtcTime is used",
      format_rfc3339(*e.time), format_rfc3339(in_event));
}

void WindowsEventMapper::sysmon(const WinEvent& e, Event&& ev, bool record) {
  if (e.event_id != 11 && e.event_id != 23 && e.event_id != 26) {
    return ctx_.skip();
  }
  // UtcTime is the event's own UTC time; a collector's record time may be
  // off (NXLog's EventTime is the collector's local time, with no zone).
  if (auto utc = parse_timestamp(e.get("UtcTime"), Zone::utc())) {
    skew_notice(e, *utc, ev.line, record);
    ev.time = *utc;
  }
  ev.action = e.event_id == 11 ? Action::kCreate : Action::kDelete;
  ev.path = windows_path(e.get("TargetFilename"));
  if (ev.path.empty()) {
    return ctx_.reject(
        ev.line,
        trf("Sysmon {id} without TargetFilename", fmt::arg("id", e.event_id)),
        record);
  }
  ev.process = windows_path(e.get("Image"));
  const std::string_view user = e.get("User");
  ev.user = is_blank(user) ? std::string{} : std::string(user);
  emit(std::move(ev));
}

void WindowsEventMapper::partition(const WinEvent& e, Event&& ev) {
  const std::string_view capacity = trim(e.get("Capacity"));
  ev.action = capacity == "0" ? Action::kDeviceDetach : Action::kDeviceAttach;
  const std::string_view parent = e.get("ParentId");
  device_from_instance(parent, &ev.device);
  // The storage-reported serial when the USB parent gives none.
  const std::string_view serial = trim(e.get("SerialNumber"));
  if (ev.device.serial.empty() && !is_blank(serial)) {
    ev.device.serial = std::string(serial);
  }
  const std::string_view bus = trim(e.get("BusType"));
  if (const std::string_view name = storage_bus_name(bus); !name.empty()) {
    ev.device.bus = std::string(name);
  } else if (ev.device.bus.empty() && !bus.empty()) {
    ev.device.bus = fmt::format("bustype-{}", bus);
  }
  // A disk the user may remove is removable whatever its bus: a Thunderbolt
  // or USB4 enclosure shows as NVMe. FILE_REMOVABLE_MEDIA is bit 0 of
  // Characteristics.
  const std::optional<uint64_t> characteristics =
      decimal_number(trim(e.get("Characteristics")));
  const bool user_removable =
      iequals(trim(e.get("UserRemovalPolicy")), "true") ||
      (characteristics && (*characteristics & 1) != 0);
  ev.device.storage = user_removable || is_removable_bus(bus)
                          ? Storage::kRemovable
                          : Storage::kFixed;
  std::string_view manufacturer = trim(e.get("Manufacturer"));
  if (manufacturer == "NULL")
    manufacturer = {};
  std::string label(manufacturer);
  const std::string_view model = trim(e.get("Model"));
  append_word(label, model);
  ev.device.label = label;
  ev.user.clear();
  emit(std::move(ev));
}

void WindowsEventMapper::driver_frameworks(const WinEvent& e, Event&& ev) {
  const std::string lifetime(e.get("LifetimeId"));
  device_from_instance(e.get("InstanceId"), &ev.device);
  if (e.event_id == 2003) {
    if (!lifetime.empty() && !lifetimes_attached_.insert(lifetime)) {
      return ctx_.skip();
    }
    ev.action = Action::kDeviceAttach;
  } else {
    if (trim(e.get("RequestMinorCode")) != "23")
      return ctx_.skip();
    if (!lifetime.empty() && !lifetimes_detached_.insert(lifetime)) {
      return ctx_.skip();
    }
    ev.action = Action::kDeviceDetach;
  }
  emit(std::move(ev));
}

void WindowsEventMapper::kernel_pnp(const WinEvent& e, Event&& ev) {
  const std::string_view id = e.get("DeviceInstanceId");
  if (const auto parsed = parse_device_instance_id(id);
      !parsed || !parsed->is_usb()) {
    return ctx_.skip();
  }
  // 400 (configured) and 410 (started) come together at each plug.
  const std::string key = to_lower(id);
  auto it = pnp_seen_.find(key);
  if (it != pnp_seen_.end() && ev.time >= it->second &&
      ev.time - it->second < kPnpRepeat) {
    return ctx_.skip();
  }
  pnp_seen_[key] = ev.time;
  ev.action = Action::kDeviceAttach;
  device_from_instance(id, &ev.device);
  emit(std::move(ev));
}

}  // namespace mamori::logs
