// Kernel USB and udisks2 messages in syslog and journal short-iso framing.
#include "logs/usb_messages.h"

#include "log_test_util.h"

#include <doctest/doctest.h>

#include <fstream>
#include <set>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

namespace {

ReadOptions options_2026() {
  ReadOptions options;
  options.reference_time = parse_timestamp("2026-12-01T00:00:00Z", Zone::utc());
  return options;
}

}  // namespace

TEST_CASE(
    "UsbMessages: a stick's attach, mount, unmount and detach carry its "
    "identity") {
  auto r = read_text(
      "Sep  2 00:17:49 lap kernel: [  528.1] usb 2-1: new high-speed USB "
      "device number 10 using xhci_hcd\n"
      "Sep  2 00:17:49 lap kernel: [  528.2] usb 2-1: New USB device found, "
      "idVendor=0781, idProduct=5581, bcdDevice= 1.00\n"
      "Sep  2 00:17:49 lap kernel: [  528.3] usb 2-1: New USB device strings: "
      "Mfr=1, Product=2, SerialNumber=3\n"
      "Sep  2 00:17:49 lap kernel: [  528.4] usb 2-1: Product: Ultra\n"
      "Sep  2 00:17:49 lap kernel: [  528.5] usb 2-1: Manufacturer: SanDisk\n"
      "Sep  2 00:17:49 lap kernel: [  528.6] usb 2-1: SerialNumber: "
      "4C530001230101108383\n"
      "Sep  2 00:17:49 lap kernel: [  528.7] usb-storage 2-1:1.0: USB Mass "
      "Storage device detected\n"
      "Sep  2 00:17:49 lap kernel: [  528.8] scsi host6: usb-storage 2-1:1.0\n"
      "Sep  2 00:17:50 lap kernel: [  529.630951] sd 6:0:0:0: [sdc] Attached "
      "SCSI removable disk\n"
      "Sep  2 00:17:51 lap udisksd[2074]: Mounted /dev/sdc1 at "
      "/media/laura/IPOD on behalf of uid 1000\n"
      "Sep  2 00:20:00 lap udisksd[2074]: Unmounted /dev/sdc1 on behalf of uid "
      "1000\n"
      "Sep  2 00:20:05 lap kernel: [  700.1] usb 2-1: USB disconnect, device "
      "number 10\n",
      options_2026());
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == 4);
  const Event& attach = r.events[0];
  CHECK(attach.format == "syslog");
  CHECK(attach.action == Action::kDeviceAttach);
  CHECK(time_of(attach) == "2026-09-02T00:17:49Z");
  CHECK(attach.line == 2);
  CHECK(attach.host == "lap");
  CHECK(attach.device.vendor_id == "0781");
  CHECK(attach.device.product_id == "5581");
  CHECK(attach.device.serial == "4C530001230101108383");
  CHECK(attach.device.label == "SanDisk Ultra");
  CHECK(attach.device.bus == "usb");
  const Event& mount = r.events[1];
  CHECK(mount.action == Action::kMount);
  CHECK(mount.mount == "/media/laura/IPOD");
  CHECK(mount.path == "/dev/sdc1");
  CHECK(mount.user == "1000");
  CHECK(mount.device.serial == "4C530001230101108383");
  CHECK(r.events[2].action == Action::kUnmount);
  CHECK(r.events[2].mount == "/media/laura/IPOD");
  CHECK(r.events[3].action == Action::kDeviceDetach);
  CHECK(r.events[3].device.serial == "4C530001230101108383");
  CHECK(r.events[3].line == 12);
  CHECK(r.stats.events_by_format.at("syslog") == 4);
}

TEST_CASE("UsbMessages: two devices plugged together are told apart by port") {
  auto r = read_text(
      "2026-03-01T10:00:00+0900 ws kernel: usb 1-1: New USB device found, "
      "idVendor=05e3, idProduct=0727\n"
      "2026-03-01T10:00:00+0900 ws kernel: usb 1-2: New USB device found, "
      "idVendor=13fe, idProduct=6300\n"
      "2026-03-01T10:00:00+0900 ws kernel: usb 1-2: SerialNumber: "
      "0701935D84A40B14\n"
      "2026-03-01T10:00:00+0900 ws kernel: usb 1-1: SerialNumber: "
      "000000000250\n"
      "2026-03-01T10:00:01+0900 ws kernel: scsi host7: usb-storage 1-2:1.0\n"
      "2026-03-01T10:00:01+0900 ws kernel: scsi host8: usb-storage 1-1:1.0\n"
      "2026-03-01T10:00:02+0900 ws kernel: sd 8:0:0:0: [sdb] Attached SCSI "
      "removable disk\n"
      "2026-03-01T10:00:02+0900 ws kernel: sd 7:0:0:0: [sdd] Attached SCSI "
      "removable disk\n"
      "2026-03-01T10:00:03+0900 ws udisksd[99]: Mounted /dev/sdd1 at "
      "/run/media/kim/PATRIOT on behalf of uid 1001\n"
      "2026-03-01T10:00:03+0900 ws udisksd[99]: Mounted /dev/sdb at "
      "/run/media/kim/GENERIC on behalf of uid 1001\n");
  REQUIRE(r.events.size() == 4);
  CHECK(r.events[0].device.serial == "0701935D84A40B14");
  CHECK(r.events[1].device.serial == "000000000250");
  CHECK(r.events[2].mount == "/run/media/kim/PATRIOT");
  CHECK(r.events[2].device.vendor_id == "13fe");
  CHECK(time_of(r.events[2]) == "2026-03-01T01:00:03Z");
  CHECK(r.events[3].mount == "/run/media/kim/GENERIC");
  CHECK(r.events[3].device.serial == "000000000250");
}

TEST_CASE("UsbMessages: root hubs and other programs' lines are passed over") {
  auto r = read_text(
      "Nov  9 09:56:50 kali kernel: usb usb1: New USB device found, "
      "idVendor=1d6b, idProduct=0002\n"
      "Nov  9 09:56:51 kali systemd[1]: Started Session 3 of user kali.\n"
      "Nov  9 09:56:57 kali kernel: [ 2556.806750] usb 2-1: SerialNumber: "
      "139DADB1430077E5C67ED03\n",
      options_2026(), "syslog");
  CHECK(r.ok);
  CHECK(r.events.empty());
  CHECK(r.stats.lines_rejected == 0);
}

TEST_CASE("UsbMessages: the wazuh kernel_usb test lines (shared corpus)") {
  const std::string path =
      std::string(MAMORI_SHARED_DIR) +
      "/corpus/linux-usb-syslog/wazuh_ruleset_testing_tests_kernel_usb.ini";
  if (!file_exists(path)) {
    MESSAGE("skipped: " << path << " is absent");
    return;
  }
  // The INI wraps real syslog lines as "log 1 pass = LINE".
  std::ifstream in(path);
  std::string line, log;
  while (std::getline(in, line)) {
    const size_t at = line.find(" pass = ");
    if (at != std::string::npos)
      log += line.substr(at + 8) + "\n";
  }
  auto r = read_text(log, options_2026());
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == 6);
  int attach = 0, detach = 0;
  for (const auto& e : r.events) {
    attach += e.action == Action::kDeviceAttach;
    detach += e.action == Action::kDeviceDetach;
  }
  CHECK(attach == 3);
  CHECK(detach == 3);
  CHECK(r.events[0].device.vendor_id == "0930");
  CHECK(r.events[0].device.product_id == "6544");
  CHECK(time_of(r.events[0]) == "2026-03-23T15:04:52Z");
}

TEST_CASE(
    "UsbMessages: many devices that never disconnect each get their attach "
    "with serial") {
  std::string log;
  for (int n = 0; n < 300; ++n) {
    const std::string port =
        std::to_string(1 + n % 9) + "-" + std::to_string(n / 9 + 1);
    log += "Sep  2 00:17:49 lap kernel: usb " + port +
           ": New USB device found, idVendor=0781, idProduct=5581\n";
    log += "Sep  2 00:17:49 lap systemd[1]: noise\n";
    log += "Sep  2 00:17:49 lap kernel: usb " + port + ": SerialNumber: S" +
           std::to_string(n) + "\n";
  }
  auto r = read_text(log, options_2026());
  REQUIRE(r.events.size() == 300);
  std::set<std::string> serials;
  for (const auto& e : r.events) {
    CHECK(e.action == Action::kDeviceAttach);
    serials.insert(e.device.serial);
  }
  CHECK(serials.size() == 300);
  CHECK(serials.count("S0") == 1);
  CHECK(serials.count("S299") == 1);
}
