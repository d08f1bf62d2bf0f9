// Windows device instance ids, as the PnP manager writes them into event
// logs (Kernel-PnP 400/410, 6416, DriverFrameworks) and setupapi.dev.log:
//   USB\VID_0781&PID_5581\4C530001230101108383     a USB device (hex ids)
//   USB\VID_05AC&PID_12A8&MI_01\6&1A2B3C4D&0&0001  an interface of one
//   USBSTOR\Disk&Ven_SanDisk&Prod_Cruzer_Glide&Rev_1.00\4C530001230101108383&0
//                                                  USB storage (&N: the LUN)
// and the USBSTOR id embedded with '#' for '\' in the id of a volume or
// portable device ("STORAGE\VOLUME\_??_USBSTOR#Disk&...#SERIAL&0#{guid}").
// An instance part whose second character is '&' ("7&2A8E1D4&0") was made
// up by Windows for a device without a serial.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori::logs {

struct DeviceInstanceId {
  std::string_view bus;       // "USB", "USBSTOR", "SWD", ... as written
  std::string_view hardware;  // "VID_0781&PID_5581", "Disk&Ven_...&Rev_1.00"
  // The instance part; for USBSTOR without its "&N" LUN suffix.
  std::string_view instance;

  bool is_usb() const;      // USB or USBSTOR
  bool is_storage() const;  // USBSTOR
  // Four lower-case hex digits after VID_ / PID_ (USB); empty if none.
  std::string vendor_id() const;
  std::string product_id() const;
  // The device's serial: the instance part of a USB or USBSTOR id, empty
  // for an interface of a composite device (&MI_), an instance made up by
  // Windows, or another bus.
  std::string_view serial() const;
  // "SanDisk Cruzer Glide": the Ven_ and Prod_ fields of a USBSTOR id,
  // underscores as spaces; empty otherwise.
  std::string label() const;
};

// "BUS\HARDWARE\INSTANCE"; nullopt without a '\'.
std::optional<DeviceInstanceId> parse_device_instance_id(std::string_view id);

// The USBSTOR id inside `id`, plain or '#'-separated; nullopt if none.
std::optional<DeviceInstanceId> find_usbstor_id(std::string_view id);

}  // namespace mamori::logs
