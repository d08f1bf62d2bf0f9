// Tests of the unapproved_device detector: mounted storage outside the
// approved-device list.
#include "detect_world.h"

#include "detect/log_detectors.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::detect;
using namespace mamori::detect::testing;

TEST_CASE("unapproved_device: mounted storage outside the approved list") {
  World w;
  w.devices.add({"APPROVED1", "0781", "5581", "ito", ""});
  const Timestamp t0 = at("2026-04-01T10:00:00Z");
  w.mount("SERIAL42", "/mnt/stick", t0);
  w.mount("APPROVED1", "/mnt/lab", t0);
  logs::Event keyboard = w.event("", logs::Action::kDeviceAttach, "", t0);
  keyboard.format = "syslog";
  keyboard.device = {"046d", "c31c", "KBD1", "", "usb"};
  w.store->add(keyboard);  // a kernel attach alone may be a keyboard
  auto findings = detect_unapproved_device(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].device->serial == "SERIAL42");
  CHECK(findings[0].title.find("0951:1666") != std::string::npos);
  CHECK(findings[0].severity == Severity::kLow);
}

TEST_CASE(
    "unapproved_device: internal disks, keyboards and monitors are never "
    "removable storage, whatever their log") {
  World w;
  const Timestamp t0 = at("2026-04-01T10:00:00Z");
  auto device_event = [&](const char* serial, const char* bus,
                          logs::Storage storage, const char* mount) {
    logs::Event e = w.event("", logs::Action::kDeviceAttach, "", t0);
    e.format = "evtx";
    e.device.serial = serial;
    e.device.bus = bus;
    e.device.storage = storage;
    e.mount = mount;
    w.store->add(e);
  };
  device_event("VB3b95e08d", "sata", logs::Storage::kFixed, "D:");
  device_event("S5GXNX0T", "nvme", logs::Storage::kFixed, "");
  device_event("KBD2", "usb", logs::Storage::kNone, "");
  device_event("MON1", "display", logs::Storage::kNone, "");
  // A disk in a Thunderbolt enclosure, which the user may remove.
  device_event("TB4DISK", "nvme", logs::Storage::kRemovable, "F:");
  auto findings = detect_unapproved_device(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].device->serial == "TB4DISK");
}
