// journalctl -o json and json-pretty records.
#include "logs/journal_parser.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

TEST_CASE("JournalParser: kernel USB and udisks2 records in JSON lines") {
  auto r = read_text(
      R"({"__CURSOR":"s=b4;i=937be","__REALTIME_TIMESTAMP":"1594109501754262","_HOSTNAME":"thinkpad","SYSLOG_IDENTIFIER":"kernel","_TRANSPORT":"kernel","MESSAGE":"usb 7-2.4: new high-speed USB device number 13 using xhci_hcd"})"
      "\n"
      R"({"__REALTIME_TIMESTAMP":"1594109501800000","_HOSTNAME":"thinkpad","SYSLOG_IDENTIFIER":"kernel","MESSAGE":"usb 7-2.4: New USB device found, idVendor=0951, idProduct=1666, bcdDevice= 1.00"})"
      "\n"
      R"({"__REALTIME_TIMESTAMP":"1594109501800001","_HOSTNAME":"thinkpad","SYSLOG_IDENTIFIER":"kernel","MESSAGE":[117,115,98,32,55,45,50,46,52,58,32,83,101,114,105,97,108,78,117,109,98,101,114,58,32,65,66,255]})"
      "\n"
      R"({"__REALTIME_TIMESTAMP":"1594109502000000","_HOSTNAME":"thinkpad","SYSLOG_IDENTIFIER":"kernel","MESSAGE":"scsi host2: usb-storage 7-2.4:1.0"})"
      "\n"
      R"({"__REALTIME_TIMESTAMP":"1594109503000000","_HOSTNAME":"thinkpad","SYSLOG_IDENTIFIER":"kernel","MESSAGE":"sd 2:0:0:0: [sdb] Attached SCSI removable disk"})"
      "\n"
      R"({"__REALTIME_TIMESTAMP":"1594109504000000","_HOSTNAME":"thinkpad","SYSLOG_IDENTIFIER":"udisksd","MESSAGE":"Mounted /dev/sdb1 at /media/tanaka/KINGSTON on behalf of uid 1000"})"
      "\n");
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0].format == "journal");
  CHECK(r.events[0].action == Action::kDeviceAttach);
  CHECK(time_of(r.events[0]) == "2020-07-07T08:11:41.8Z");
  CHECK(r.events[0].host == "thinkpad");
  CHECK(r.events[0].device.vendor_id == "0951");
  CHECK(r.events[0].device.serial == "AB\xff");  // bytes kept as logged
  CHECK(r.events[1].action == Action::kMount);
  CHECK(r.events[1].mount == "/media/tanaka/KINGSTON");
  CHECK(r.events[1].device.product_id == "1666");
}

TEST_CASE(
    "JournalParser: json-pretty objects spanning lines, and Samba records") {
  auto r = read_text(
      "{\n"
      "\t\"__REALTIME_TIMESTAMP\" : \"1594109501754262\",\n"
      "\t\"_HOSTNAME\" : \"fs1\",\n"
      "\t\"SYSLOG_IDENTIFIER\" : \"smbd_audit\",\n"
      "\t\"MESSAGE\" : \"tanaka|10.0.0.5|openat|ok|w|/srv/rd/{a}.txt\"\n"
      "}\n"
      "{\n"
      "\t\"__REALTIME_TIMESTAMP\" : \"1594109501754263\",\n"
      "\t\"MESSAGE\" : \"not closed\"\n",
      {}, "journal");
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].format == "samba");
  CHECK(r.events[0].action == Action::kWrite);
  CHECK(r.events[0].path == "/srv/rd/{a}.txt");
  CHECK(r.events[0].line == 1);
  CHECK(r.stats.lines_rejected == 1);  // the object cut off at the end
}

TEST_CASE(
    "JournalParser: invalid JSON and records without a time are rejected") {
  auto r = read_text(
      "{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":\"x\"}\n"
      "{\"MESSAGE\":\"no time\"}\n"
      "{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":broken}\n",
      {}, "journal");
  CHECK(r.events.empty());
  CHECK(r.stats.lines_rejected == 2);
}

TEST_CASE("Recovery: journal records, one cut in json-pretty output") {
  auto mounted = [](int i) {
    return fmt::format(
        "{{\n\t\"__REALTIME_TIMESTAMP\" : \"1594109504000000\",\n"
        "\t\"_HOSTNAME\" : \"thinkpad\",\n\t\"SYSLOG_IDENTIFIER\" : "
        "\"udisksd\",\n\t\"MESSAGE\" : \"Mounted /dev/sdb1 at "
        "/media/tanaka/K{} on behalf of uid 1000\"\n}}\n",
        i);
  };
  check_all_read(
      read_text(
          surround("", mounted, "{\n\t\"__REALTIME_TIMESTAMP\" : \"15941095\n"),
          {}, "journal"),
      1);
}
