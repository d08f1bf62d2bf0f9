// Kernel USB / udisks2 messages to device events.
#include "logs/usb_messages.h"

#include "common/text.h"

namespace mamori::logs {

namespace {

constexpr uint64_t kStringsWindow = 64;

std::string key_of(std::string_view host, std::string_view id) {
  std::string key(host);
  key += '|';
  key.append(id);
  return key;
}

// "[ 2556.806748] " printk stamp, absent on some systems.
std::string_view without_printk_stamp(std::string_view m) {
  if (!m.empty() && m[0] == '[') {
    const size_t close = m.find("] ");
    if (close != std::string_view::npos && close < 20)
      m.remove_prefix(close + 2);
  }
  return m;
}

// "key=value" up to ',' or the end, trimmed ("bcdDevice= 1.00").
std::string_view value_after(std::string_view m, std::string_view key) {
  const size_t at = m.find(key);
  if (at == std::string_view::npos)
    return {};
  std::string_view v = m.substr(at + key.size());
  v = v.substr(0, v.find(','));
  return trim(v);
}

// "sdc1" -> "sdc"; "mmcblk0p1" is not USB storage and stays as is.
std::string_view disk_of_partition(std::string_view dev) {
  if (dev.substr(0, 5) == "/dev/")
    dev.remove_prefix(5);
  if (dev.substr(0, 2) != "sd")
    return dev;
  while (!dev.empty() && is_digit(dev.back()))
    dev.remove_suffix(1);
  return dev;
}

}  // namespace

UsbMessages::UsbMessages(ParseContext& ctx, LogFormat format)
    : ctx_(ctx), format_(format) {}

bool UsbMessages::handle(Timestamp time, std::string_view host,
                         std::string_view tag, std::string_view message,
                         uint64_t line) {
  flush_idle(line);
  if (tag == "kernel" || tag.empty()) {
    return handle_kernel(time, host, without_printk_stamp(message), line);
  }
  if (tag == "udisksd" || tag == "udisks-daemon" || tag == "udisks2") {
    return handle_udisks(time, host, message, line);
  }
  return false;
}

Event UsbMessages::make(Action action, Timestamp time, std::string_view host,
                        uint64_t line, const Port* port) {
  Event e = ctx_.make_event(format_, line);
  e.time = time;
  e.host = host;
  e.action = action;
  if (port != nullptr)
    e.device = port->device;
  return e;
}

void UsbMessages::emit_attach(Port& port) {
  if (!port.pending)
    return;
  port.pending = false;
  std::string label = port.manufacturer;
  if (!port.product.empty()) {
    if (!label.empty())
      label += ' ';
    label += port.product;
  }
  port.device.label = label;
  ctx_.emit(
      make(Action::kDeviceAttach, port.time, port.host, port.line, &port));
}

void UsbMessages::flush_idle(uint64_t line) {
  // Oldest first; a port still receiving strings holds back the ones
  // behind it for a few lines at most.
  while (!waiting_.empty()) {
    auto it = ports_.find(waiting_.front());
    if (it != ports_.end() && it->second.pending) {
      if (it->second.last_line + kStringsWindow >= line)
        return;
      emit_attach(it->second);
    }
    waiting_.pop_front();
  }
}

void UsbMessages::finish() {
  for (auto& [key, port] : ports_)
    emit_attach(port);
  waiting_.clear();
}

UsbMessages::Port* UsbMessages::port_of_disk(std::string_view host,
                                             std::string_view disk) {
  const auto d = disks_.find(key_of(host, disk));
  if (d == disks_.end())
    return nullptr;
  const auto p = ports_.find(d->second);
  return p == ports_.end() ? nullptr : &p->second;
}

bool UsbMessages::handle_kernel(Timestamp time, std::string_view host,
                                std::string_view m, uint64_t line) {
  if (m.substr(0, 4) == "usb ") {
    const size_t colon = m.find(": ", 4);
    if (colon == std::string_view::npos)
      return false;
    const std::string_view port_id = m.substr(4, colon - 4);
    const std::string_view text = m.substr(colon + 2);
    if (port_id.substr(0, 3) == "usb")
      return true;  // a root hub
    const std::string key = key_of(host, port_id);
    if (text.substr(0, 4) == "new " &&
        text.find("USB device number") != std::string_view::npos) {
      auto it = ports_.find(key);
      if (it != ports_.end())
        emit_attach(it->second);
      return true;
    }
    if (text.substr(0, 21) == "New USB device found,") {
      if (ports_.clears_for(key))
        finish();  // what is pending is flushed before it is forgotten
      Port& port = ports_[key];
      emit_attach(port);  // a previous device on the port, not yet out
      port = Port{};
      port.device.vendor_id = to_lower(value_after(text, "idVendor="));
      port.device.product_id = to_lower(value_after(text, "idProduct="));
      port.device.bus = "usb";
      port.time = time;
      port.line = port.last_line = line;
      port.pending = true;
      waiting_.push_back(key);
      port.host = host;
      last_new_port_ = key;
      return true;
    }
    auto it = ports_.find(key);
    if (text.substr(0, 15) == "USB disconnect,") {
      Port* port = it == ports_.end() ? nullptr : &it->second;
      if (port != nullptr)
        emit_attach(*port);
      ctx_.emit(make(Action::kDeviceDetach, time, host, line, port));
      if (it != ports_.end()) {
        emit_attach(it->second);
        ports_.erase(it);
      }
      return true;
    }
    if (it == ports_.end())
      return true;
    Port& port = it->second;
    if (text.substr(0, 9) == "Product: ") {
      port.product = text.substr(9);
    } else if (text.substr(0, 14) == "Manufacturer: ") {
      port.manufacturer = text.substr(14);
    } else if (text.substr(0, 14) == "SerialNumber: ") {
      port.device.serial = text.substr(14);
    } else if (text.substr(0, 23) != "New USB device strings:") {
      emit_attach(port);
    }
    port.last_line = line;
    return true;
  }
  if (m.substr(0, 12) == "usb-storage ") {
    // "usb-storage 2-1:1.0: USB Mass Storage device detected"
    const std::string_view id = m.substr(12, m.find(':', 12) - 12);
    auto it = ports_.find(key_of(host, id));
    if (it != ports_.end()) {
      it->second.device.storage = Storage::kRemovable;
      emit_attach(it->second);
    }
    return true;
  }
  if (m.substr(0, 9) == "scsi host") {
    // "scsi host3: usb-storage 2-1:1.0" or "scsi host4: uas"
    const size_t colon = m.find(": ");
    if (colon == std::string_view::npos)
      return false;
    const std::string_view scsi_host = m.substr(9, colon - 9);
    const std::string_view driver = m.substr(colon + 2);
    std::string port_key;
    if (driver.substr(0, 12) == "usb-storage ") {
      const std::string_view id = driver.substr(12, driver.find(':', 12) - 12);
      port_key = key_of(host, id);
    } else if (driver == "uas") {
      port_key = last_new_port_;
    } else {
      return false;
    }
    auto it = ports_.find(port_key);
    if (it == ports_.end())
      return true;
    emit_attach(it->second);
    hosts_[key_of(host, scsi_host)] = port_key;
    return true;
  }
  if (m.substr(0, 3) == "sd " &&
      m.find("] Attached SCSI") != std::string_view::npos) {
    // "sd 3:0:0:0: [sdc] Attached SCSI removable disk"
    const std::string_view scsi_host = m.substr(3, m.find(':', 3) - 3);
    const size_t open = m.find('[');
    const size_t close = m.find(']', open);
    if (open == std::string_view::npos || close == std::string_view::npos) {
      return false;
    }
    const auto h = hosts_.find(key_of(host, scsi_host));
    if (h == hosts_.end())
      return true;
    disks_[key_of(host, m.substr(open + 1, close - open - 1))] = h->second;
    return true;
  }
  return false;
}

bool UsbMessages::handle_udisks(Timestamp time, std::string_view host,
                                std::string_view m, uint64_t line) {
  // "Mounted /dev/sdc1 at /media/laura/IPOD on behalf of uid 1000"
  // (older udisks: "Mounted /dev/sdc1 on /media/...").
  const bool mounted = m.substr(0, 8) == "Mounted ";
  const bool unmounted = m.substr(0, 10) == "Unmounted ";
  if (!mounted && !unmounted)
    return false;
  std::string_view rest = m.substr(mounted ? 8 : 10);
  const size_t space = rest.find(' ');
  const std::string_view dev = rest.substr(0, space);
  rest = space == std::string_view::npos ? std::string_view{}
                                         : rest.substr(space + 1);
  std::string_view uid;
  if (const size_t behalf = rest.find(" on behalf of uid ");
      behalf != std::string_view::npos) {
    uid = trim(rest.substr(behalf + 18));
    rest = rest.substr(0, behalf);
  } else if (rest.substr(0, 19) == "on behalf of uid ") {
    uid = trim(rest.substr(17));
    rest = {};
  }
  if (rest.ends_with("."))
    rest.remove_suffix(1);
  Port* port = port_of_disk(host, disk_of_partition(dev));
  Event e =
      make(mounted ? Action::kMount : Action::kUnmount, time, host, line, port);
  e.path = dev;
  e.user = uid;
  const std::string key = key_of(host, dev);
  if (mounted) {
    if (rest.substr(0, 3) == "at " || rest.substr(0, 3) == "on ") {
      rest.remove_prefix(3);
    }
    e.mount = rest;
    mounts_[key] = std::string(rest);
  } else if (auto it = mounts_.find(key); it != mounts_.end()) {
    e.mount = it->second;
    mounts_.erase(it);
  }
  ctx_.emit(std::move(e));
  return true;
}

}  // namespace mamori::logs
