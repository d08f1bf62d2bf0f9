// setupapi.dev.log: USB storage install sections.
#include "logs/setupapi_parser.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

TEST_CASE(
    "SetupapiParser: a USBSTOR install section is a device_attach in local "
    "time") {
  ReadOptions options;
  options.zone = *Zone::find("Asia/Tokyo");
  auto r = read_text(
      "[Device Install Log]\r\n"
      "     OS Version = 10.0.19045\r\n"
      "[BeginLog]\r\n"
      "\r\n"
      "[Boot Session: 2026/04/01 08:58:03.498]\r\n"
      "\r\n"
      ">>>  [Device Install (Hardware initiated) - "
      "USB\\VID_0781&PID_5581\\1234567890ABCDEF]\r\n"
      ">>>  Section start 2026/04/01 09:12:00.100\r\n"
      "     dvi: {Build Driver List} 09:12:00.200\r\n"
      "<<<  Section end 2026/04/01 09:12:01.000\r\n"
      "<<<  [Exit status: SUCCESS]\r\n"
      ">>>  [Device Install (Hardware initiated) - "
      "USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Glide&Rev_1.00\\1234567890ABCDEF&"
      "0]\r\n"
      ">>>  Section start 2026/04/01 09:12:02.938\r\n"
      "     ndv: {Installing device - "
      "USBSTOR\\DISK&VEN_SANDISK&PROD_CRUZER_GLIDE&REV_1.00\\1234567890ABCDEF&"
      "0} 09:12:03.000\r\n"
      "<<<  Section end 2026/04/01 09:12:05.000\r\n"
      "<<<  [Exit status: SUCCESS]\r\n"
      ">>>  [Device Install (Hardware initiated) - "
      "STORAGE\\VOLUME\\_??_USBSTOR#Disk&Ven_SanDisk&Prod_Cruzer_Glide&Rev_1."
      "00#1234567890ABCDEF&0#{53f56307-b6bf-11d0-94f2-00a0c91efb8b}]\r\n"
      ">>>  Section start 2026/04/01 09:12:06.000\r\n"
      ">>>  [Device Install (Hardware initiated) - "
      "USBSTOR\\Disk&Ven_Generic&Prod_USB_Flash&Rev_1.00\\7&2A8E1D4&0&0]\r\n"
      ">>>  Section start 2026/04/01 10:00:00.000\r\n",
      options);
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == 2);
  const Event& e = r.events[0];
  CHECK(e.format == "setupapi");
  CHECK(e.action == Action::kDeviceAttach);
  CHECK(time_of(e) == "2026-04-01T00:12:02.938Z");
  CHECK(e.line == 12);
  CHECK(e.device.serial == "1234567890ABCDEF");
  CHECK(e.device.label == "SanDisk Cruzer Glide");
  CHECK(e.device.vendor_id == "0781");
  CHECK(e.device.product_id == "5581");
  CHECK(e.device.bus == "usb");
  // A serial made up by Windows ("7&...") is not the stick's serial.
  CHECK(r.events[1].device.serial.empty());
  CHECK(r.events[1].device.label == "Generic USB Flash");
}

TEST_CASE("SetupapiParser: the plaso sample has one USB flash disk install") {
  auto r =
      read_spec(std::string(MAMORI_TEST_DATA) + "/logs/plaso_setupapi.dev.log");
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].device.serial == "99E2116A");
  CHECK(r.events[0].device.label == "Generic Flash Disk");
  CHECK(time_of(r.events[0]) == "2016-11-22T23:50:30.938Z");
  CHECK(r.events[0].line == 10527);
}

TEST_CASE("Recovery: a damaged setupapi section header costs that line") {
  ReadOptions options;
  options.zone = *Zone::find("Asia/Tokyo");
  auto section = [](int i) {
    return fmt::format(
        ">>>  [Device Install (Hardware initiated) - "
        "USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Glide&Rev_1.00\\{:016X}&0]\r\n"
        ">>>  Section start 2026/04/01 09:12:02.938\r\n"
        "<<<  Section end 2026/04/01 09:12:05.000\r\n"
        "<<<  [Exit status: SUCCESS]\r\n",
        i + 1);
  };
  check_all_read(
      read_text(
          surround("[Device Install Log]\r\n[BeginLog]\r\n", section,
                   ">>>  [Device Install (Hardware initiated) - USBST\r\n"),
          options, "setupapi"),
      1);
}
