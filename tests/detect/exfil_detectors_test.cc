#include "detect/log_detectors.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace mamori;
using namespace mamori::detect;
using namespace std::chrono;

namespace {

Timestamp at(std::string_view iso) {
  return *parse_timestamp(iso, Zone::utc());
}

struct World {
  people::Roster roster;
  people::DeviceList devices;
  assets::Register reg;
  Settings settings;
  EventStore store{roster};
  std::shared_ptr<const std::string> file =
      std::make_shared<const std::string>("audit.log");
  uint64_t line = 0;

  World() {
    people::Person ito;
    ito.user = "ito";
    ito.employment = people::Employment::kContractor;
    ito.end_date = parse_date("2026-04-10");
    roster.add(ito);
    assets::Asset mlcc;
    mlcc.id = "mlcc";
    mlcc.sensitivity = assets::Sensitivity::kCore;
    std::string error;
    mlcc.paths.push_back(*PathGlob::compile("/srv/rd/mlcc/**", &error));
    reg.add(mlcc);
    devices.add({"APPROVED1", "0781", "5581", "ito", ""});
  }

  logs::Event event(std::string user, logs::Action action, std::string path,
                    Timestamp t) {
    logs::Event e;
    e.time = t;
    e.format = "auditd";
    e.file = file;
    e.line = ++line;
    e.host = "ws01";
    e.user = std::move(user);
    e.action = action;
    e.path = std::move(path);
    return e;
  }
  void add(std::string user, logs::Action action, std::string path,
           Timestamp t) {
    store.add(event(std::move(user), action, std::move(path), t));
  }
  void mount(std::string serial, std::string point, Timestamp t) {
    logs::Event e = event("", logs::Action::kMount, "", t);
    e.format = "syslog";
    e.device = {"0951", "1666", std::move(serial), "KINGSTON", "usb"};
    e.mount = std::move(point);
    store.add(e);
  }
  LogInputs inputs() { return {store, reg, roster, devices, settings}; }
};

}  // namespace

TEST_CASE("removable_copy: writes under a mount point tied to a USB device") {
  World w;
  const Timestamp t0 = at("2026-04-01T10:00:00Z");
  w.add("ito", logs::Action::kWrite, "/mnt/stick/early.txt",
        t0);  // not mounted yet
  w.mount("SERIAL42", "/mnt/stick", t0 + minutes(1));
  w.add("ito", logs::Action::kRead, "/srv/rd/mlcc/recipe.xlsx",
        t0 + minutes(2));
  w.add("ito", logs::Action::kWrite, "/mnt/stick/recipe.xlsx", t0 + minutes(3));
  w.add("ito", logs::Action::kWrite, "/mnt/stick/notes.txt", t0 + minutes(4));
  w.add("ito", logs::Action::kWrite, "/mnt/sticky/other.txt", t0 + minutes(5));
  w.add("ito", logs::Action::kRead, "/mnt/stick/readme.txt", t0 + minutes(6));
  auto findings = detect_removable_copy(w.inputs());
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.files == 2);
  REQUIRE(f.device);
  CHECK(f.device->serial == "SERIAL42");
  // recipe.xlsx was read from the asset folder just before: linked by name.
  CHECK(f.assets == std::vector<std::string>{"mlcc"});
  CHECK(f.severity >= Severity::kHigh);
  CHECK(f.context->days_to_end == 9);
}

TEST_CASE(
    "removable_copy: /media is removable by default; an owner's approved stick "
    "is trusted") {
  World w;
  const Timestamp t0 = at("2026-01-05T10:00:00Z");
  w.add("ito", logs::Action::kCreate, "/media/ito/USB/a.txt", t0);
  auto plain = detect_removable_copy(w.inputs());
  REQUIRE(plain.size() == 1);
  CHECK_FALSE(plain[0].device);
  CHECK(plain[0].severity == Severity::kLow);

  World trusted;
  trusted.mount("APPROVED1", "/mnt/lab", t0);
  trusted.add("ito", logs::Action::kWrite, "/mnt/lab/a.txt", t0 + minutes(1));
  auto findings = detect_removable_copy(trusted.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].score <= 15);

  World borrowed;
  borrowed.mount("APPROVED1", "/mnt/lab", t0);
  borrowed.add("sato", logs::Action::kWrite, "/mnt/lab/a.txt", t0 + minutes(1));
  auto other = detect_removable_copy(borrowed.inputs());
  REQUIRE(other.size() == 1);
  CHECK(other[0].score > 25);
}

TEST_CASE("unapproved_device: mounted storage outside the approved list") {
  World w;
  const Timestamp t0 = at("2026-04-01T10:00:00Z");
  w.mount("SERIAL42", "/mnt/stick", t0);
  w.mount("APPROVED1", "/mnt/lab", t0);
  logs::Event keyboard = w.event("", logs::Action::kDeviceAttach, "", t0);
  keyboard.format = "syslog";
  keyboard.device = {"046d", "c31c", "KBD1", "", "usb"};
  w.store.add(keyboard);  // a kernel attach alone may be a keyboard
  auto findings = detect_unapproved_device(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].device->serial == "SERIAL42");
  CHECK(findings[0].title.find("0951:1666") != std::string::npos);
}

TEST_CASE(
    "exfil_sequence: collection, then archive, then removable media, within a "
    "day") {
  World w;
  const Timestamp t0 = at("2026-04-01T10:00:00Z");
  w.mount("SERIAL42", "/mnt/stick", t0);
  for (int i = 0; i < 3; ++i) {
    w.add("ito", logs::Action::kRead, fmt::format("/srv/rd/mlcc/r{}.xlsx", i),
          t0 + minutes(i));
  }
  w.add("ito", logs::Action::kCreate, "/home/ito/q1.zip", t0 + hours(1));
  w.add("ito", logs::Action::kWrite, "/mnt/stick/q1.zip", t0 + hours(2));
  auto findings = detect_exfil_sequence(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].files == 3);
  CHECK(findings[0].title.find("archived into q1.zip") != std::string::npos);
  CHECK(findings[0].title.find("removable media") != std::string::npos);
  CHECK(findings[0].severity == Severity::kCritical);

  // The same steps two days apart are not one sequence.
  World late;
  late.mount("SERIAL42", "/mnt/stick", t0);
  late.add("ito", logs::Action::kRead, "/srv/rd/mlcc/r.xlsx", t0);
  late.add("ito", logs::Action::kWrite, "/mnt/stick/r.xlsx", t0 + hours(48));
  CHECK(detect_exfil_sequence(late.inputs()).empty());
}
