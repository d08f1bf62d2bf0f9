// Tests of lib/logs/event.cc: the JSON form of an event that `mamori events`
// prints, fields that do not apply left out.
#include "logs/event.h"

#include "log_test_util.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

TEST_CASE("append_event_json: fields that do not apply are left out") {
  auto r = read_text(kSambaLog);
  REQUIRE(!r.events.empty());
  Event e = r.events[0];
  e.file = std::make_shared<const std::string>("/var/log/syslog");
  CHECK(
      to_json(e) ==
      R"({"time":"2026-10-05T01:15:32Z","format":"samba","source":"/var/log/syslog:1",)"
      R"("host":"fs1","user":"tanaka","action":"read","path":"/srv/rd/a.dwg"})");
  Event d;
  d.time = *parse_timestamp("2020-11-29T08:51:44.728821Z", Zone::utc());
  d.format = "evtx";
  d.file = std::make_shared<const std::string>("p.evtx");
  d.line = 7;
  d.record = true;
  d.action = Action::kDeviceAttach;
  d.device.vendor_id = "13fe";
  d.device.serial = "007B01149030";
  d.device.bus = "usb";
  d.bytes = 31004295168u;
  d.mount = "E:";
  CHECK(
      to_json(d) ==
      R"({"time":"2020-11-29T08:51:44.728821Z","format":"evtx","source":"p.evtx#7",)"
      R"("action":"device_attach","bytes":31004295168,"device":{"vendor_id":"13fe",)"
      R"("serial":"007B01149030","bus":"usb"},"mount":"E:"})");
}
