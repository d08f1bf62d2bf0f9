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
