// Windows device instance ids: USB hex ids, USBSTOR labels and serials,
// LUN suffixes, made-up serials, composite interfaces, embedded ids.
#include "logs/device_instance_id.h"

#include <doctest/doctest.h>

using namespace mamori::logs;

TEST_CASE("parse_device_instance_id: a USB device") {
  auto id = parse_device_instance_id("USB\\VID_0781&PID_5581\\4C5300012301");
  REQUIRE(id);
  CHECK(id->is_usb());
  CHECK_FALSE(id->is_storage());
  CHECK(id->vendor_id() == "0781");
  CHECK(id->product_id() == "5581");
  CHECK(id->serial() == "4C5300012301");
  CHECK(id->label().empty());
  // Lower-case ids are the same device.
  id = parse_device_instance_id("usb\\vid_13fe&pid_6300\\0701935D84A40B14");
  REQUIRE(id);
  CHECK(id->vendor_id() == "13fe");
  CHECK(id->serial() == "0701935D84A40B14");
}

TEST_CASE("parse_device_instance_id: no serial to trust") {
  // An interface of a composite device.
  auto id = parse_device_instance_id(
      "USB\\VID_05AC&PID_12A8&MI_01\\6&1A2B3C4D&0&0001");
  REQUIRE(id);
  CHECK(id->vendor_id() == "05ac");
  CHECK(id->serial().empty());
  // Made up by Windows: '&' second.
  id = parse_device_instance_id("USB\\VID_0781&PID_5581\\5&2C9D2F5&0&2");
  REQUIRE(id);
  CHECK(id->serial().empty());
  // Another bus: no USB fields at all.
  id = parse_device_instance_id("SWD\\PRINTENUM\\{0B2E1D3C}");
  REQUIRE(id);
  CHECK_FALSE(id->is_usb());
  CHECK(id->bus == "SWD");
  CHECK(id->vendor_id().empty());
  CHECK(id->serial().empty());
  CHECK(!parse_device_instance_id("no backslash"));
}

TEST_CASE("parse_device_instance_id: USB storage") {
  auto id = parse_device_instance_id(
      "USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Glide&Rev_1.00\\"
      "4C530001230101108383&0");
  REQUIRE(id);
  CHECK(id->is_usb());
  CHECK(id->is_storage());
  CHECK(id->serial() == "4C530001230101108383");  // LUN dropped
  CHECK(id->label() == "SanDisk Cruzer Glide");
  CHECK(id->vendor_id().empty());  // USBSTOR ids carry names, not hex ids
  // Only an "&digit" suffix is a LUN.
  id = parse_device_instance_id("USBSTOR\\Disk&Ven_X\\ABC&X");
  REQUIRE(id);
  CHECK(id->serial() == "ABC&X");
  CHECK(id->label() == "X");
  // A made-up instance keeps its text (for de-duplication) but no serial.
  id = parse_device_instance_id(
      "USBSTOR\\Disk&Ven_Generic&Prod_USB_Flash&Rev_1.00\\7&2A8E1D4&0&0");
  REQUIRE(id);
  CHECK(id->instance == "7&2A8E1D4&0");
  CHECK(id->serial().empty());
}

TEST_CASE("find_usbstor_id: plain or embedded with '#'") {
  auto id = find_usbstor_id(
      "STORAGE\\VOLUME\\_??_USBSTOR#Disk&Ven_SanDisk&Prod_Cruzer_Glide&Rev_1."
      "00#1234567890ABCDEF&0#{53f56307-b6bf-11d0-94f2-00a0c91efb8b}");
  REQUIRE(id);
  CHECK(id->serial() == "1234567890ABCDEF");
  CHECK(id->label() == "SanDisk Cruzer Glide");
  id = find_usbstor_id("USBSTOR\\Disk&Ven_A&Prod_B\\SER1&0");
  REQUIRE(id);
  CHECK(id->serial() == "SER1");
  CHECK(id->label() == "A B");
  CHECK(!find_usbstor_id("USB\\VID_0781&PID_5581\\SER1"));
  CHECK(!find_usbstor_id("USBSTORAGE\\x"));
}
