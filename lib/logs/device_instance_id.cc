// Splitting device instance ids and reading their USB fields.
#include "logs/device_instance_id.h"

#include "common/text.h"

namespace mamori::logs {

namespace {

// Finds `what` in `s` ignoring ASCII case; npos if absent.
size_t ifind(std::string_view s, std::string_view what, size_t from = 0) {
  for (size_t i = from; i + what.size() <= s.size(); ++i) {
    if (iequals(s.substr(i, what.size()), what))
      return i;
  }
  return std::string_view::npos;
}

// The value of the "&"-separated field starting with `prefix` ("Ven_").
std::string_view field(std::string_view hw, std::string_view prefix) {
  for (size_t i = ifind(hw, prefix); i != std::string_view::npos;
       i = ifind(hw, prefix, i + 1)) {
    if (i == 0 || hw[i - 1] == '&') {
      const std::string_view v = hw.substr(i + prefix.size());
      return v.substr(0, v.find('&'));
    }
  }
  return {};
}

std::string hex_id(std::string_view hw, std::string_view prefix) {
  const size_t at = ifind(hw, prefix);
  return at == std::string_view::npos
             ? std::string()
             : to_lower(hw.substr(at + prefix.size(), 4));
}

std::string spaced(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '_')
      c = ' ';
  }
  return std::string(trim(out));
}

DeviceInstanceId split(std::string_view id, char sep) {
  DeviceInstanceId d;
  const size_t first = id.find(sep);
  d.bus = id.substr(0, first);
  std::string_view rest = id.substr(first + 1);
  const size_t second = rest.find(sep);
  d.hardware = rest.substr(0, second);
  if (second != std::string_view::npos) {
    rest = rest.substr(second + 1);
    d.instance = rest.substr(0, rest.find(sep));
  }
  // "SERIAL&0": the trailing LUN is not part of the serial.
  if (d.is_storage()) {
    const size_t amp = d.instance.rfind('&');
    if (amp != std::string_view::npos && amp + 2 == d.instance.size() &&
        is_digit(d.instance.back())) {
      d.instance = d.instance.substr(0, amp);
    }
  }
  return d;
}

}  // namespace

bool DeviceInstanceId::is_usb() const {
  return iequals(bus, "USB") || is_storage();
}

bool DeviceInstanceId::is_storage() const {
  return iequals(bus, "USBSTOR");
}

std::string DeviceInstanceId::vendor_id() const {
  return iequals(bus, "USB") ? hex_id(hardware, "VID_") : std::string();
}

std::string DeviceInstanceId::product_id() const {
  return iequals(bus, "USB") ? hex_id(hardware, "PID_") : std::string();
}

std::string_view DeviceInstanceId::serial() const {
  if (!is_usb() || (instance.size() > 1 && instance[1] == '&'))
    return {};
  if (!is_storage() && ifind(hardware, "&MI_") != std::string_view::npos)
    return {};
  return instance;
}

std::string DeviceInstanceId::label() const {
  if (!is_storage())
    return {};
  std::string out = spaced(field(hardware, "Ven_"));
  const std::string product = spaced(field(hardware, "Prod_"));
  if (!out.empty() && !product.empty())
    out += ' ';
  return out + product;
}

std::optional<DeviceInstanceId> parse_device_instance_id(std::string_view id) {
  if (id.find('\\') == std::string_view::npos)
    return std::nullopt;
  return split(id, '\\');
}

std::optional<DeviceInstanceId> find_usbstor_id(std::string_view id) {
  for (size_t at = ifind(id, "USBSTOR"); at != std::string_view::npos;
       at = ifind(id, "USBSTOR", at + 1)) {
    if (at + 7 < id.size() && (id[at + 7] == '\\' || id[at + 7] == '#'))
      return split(id.substr(at), id[at + 7]);
  }
  return std::nullopt;
}

}  // namespace mamori::logs
