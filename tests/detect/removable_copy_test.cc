// Tests of the removable_copy detector: writes to USB-backed mounts, /media
// by default, approved sticks, and service accounts.
#include "detect_world.h"

#include "detect/log_detectors.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::detect;
using namespace mamori::detect::testing;
using namespace std::chrono;

namespace {

void lab(World& w) {
  w.person("ito", {}, people::Employment::kContractor,
           [](people::Person& p) { p.end_date = parse_date("2026-04-10"); });
  w.asset("mlcc", "/srv/rd/mlcc/**");
  w.devices.add({"APPROVED1", "0781", "5581", "ito", ""});
}

}  // namespace

TEST_CASE("removable_copy: writes under a mount point tied to a USB device") {
  World w;
  lab(w);
  const Timestamp t0 = at("2026-04-01T10:00:00Z");
  w.add("ito", logs::Action::kWrite, "/mnt/stick/early.txt", t0);  // not yet
  w.mount("SERIAL42", "/mnt/stick", t0 + minutes(1));
  w.read("ito", "/srv/rd/mlcc/recipe.xlsx", t0 + minutes(2));
  w.add("ito", logs::Action::kWrite, "/mnt/stick/recipe.xlsx", t0 + minutes(3));
  w.add("ito", logs::Action::kWrite, "/mnt/stick/notes.txt", t0 + minutes(4));
  w.add("ito", logs::Action::kWrite, "/mnt/sticky/other.txt", t0 + minutes(5));
  w.read("ito", "/mnt/stick/readme.txt", t0 + minutes(6));
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
    "is trusted, somebody else's is not") {
  const Timestamp t0 = at("2026-01-05T10:00:00Z");
  World w;
  lab(w);
  w.add("ito", logs::Action::kCreate, "/media/ito/USB/a.txt", t0);
  auto plain = detect_removable_copy(w.inputs());
  REQUIRE(plain.size() == 1);
  CHECK_FALSE(plain[0].device);
  CHECK(plain[0].severity == Severity::kLow);

  World trusted;
  lab(trusted);
  trusted.mount("APPROVED1", "/mnt/lab", t0);
  for (int i = 0; i < 80; ++i) {
    trusted.add("ito", logs::Action::kWrite, fmt::format("/mnt/lab/{}.txt", i),
                t0 + minutes(1));
  }
  auto findings = detect_removable_copy(trusted.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].score <= 15);

  World borrowed;
  lab(borrowed);
  borrowed.mount("APPROVED1", "/mnt/lab", t0);
  borrowed.add("sato", logs::Action::kWrite, "/mnt/lab/a.txt", t0 + minutes(1));
  auto other = detect_removable_copy(borrowed.inputs());
  REQUIRE(other.size() == 1);
  CHECK(other[0].score > 25);
  CHECK(has_reason(other[0], "the device is issued to ito, not to sato"));
}

TEST_CASE(
    "removable_copy: a bulk copy to an unapproved stick by someone who never "
    "copies to removable media is high, with no read before it") {
  World w;
  for (const char* name : {"ito", "kudo", "oda", "kimura"})
    w.person(name, "Sales");
  for (int day = 2; day <= 12; ++day) {
    for (const char* name : {"ito", "kudo", "oda", "kimura"})
      w.reads(name, fmt::format("/srv/sales/{}", name), 10, march(day));
  }
  w.mount("UNKNOWN9", "/media/kimura/STICK", march(13, 5));
  for (int i = 0; i < 140; ++i) {
    w.add("kimura", logs::Action::kCreate,
          fmt::format("/media/kimura/STICK/docs/{}.pdf", i),
          march(13, 5) + seconds(10 + i));
  }
  auto findings = detect_removable_copy(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].files == 140);
  CHECK(findings[0].severity >= Severity::kHigh);
  CHECK(has_reason(findings[0], "the device is not in the approved list"));
}

TEST_CASE("removable_copy: a service account writing to removable media") {
  World w;
  w.person("backup", "IT", people::Employment::kService);
  w.mount("UNKNOWN9", "/media/backup/X", march(2));
  w.add("backup", logs::Action::kWrite, "/media/backup/X/a.tar", march(2, 2));
  auto findings = detect_removable_copy(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(
      has_reason(findings[0], "a service account writing to removable media"));
  CHECK(findings[0].severity >= Severity::kMedium);
}
