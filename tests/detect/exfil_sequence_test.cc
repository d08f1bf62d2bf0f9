// Tests of the exfil_sequence detector: collection, archive and carry-out in
// order within the window, and uploads to the company's own sites.
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
}

}  // namespace

TEST_CASE(
    "exfil_sequence: collection, then archive, then removable media, within a "
    "day") {
  const Timestamp t0 = at("2026-04-01T10:00:00Z");
  World w;
  lab(w);
  w.mount("SERIAL42", "/mnt/stick", t0);
  w.reads("ito", "/srv/rd/mlcc", 3, t0, minutes(1));
  w.add("ito", logs::Action::kCreate, "/home/ito/q1.zip", t0 + hours(1));
  w.add("ito", logs::Action::kWrite, "/mnt/stick/q1.zip", t0 + hours(2));
  auto findings = detect_exfil_sequence(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].files == 3);
  CHECK(findings[0].title.find("archived into q1.zip") != std::string::npos);
  CHECK(findings[0].title.find("removable media") != std::string::npos);
  CHECK(findings[0].severity == Severity::kCritical);
  CHECK(has_reason(findings[0], "tied to the collection the archive"));

  // The same steps two days apart are not one sequence.
  World late;
  lab(late);
  late.mount("SERIAL42", "/mnt/stick", t0);
  late.read("ito", "/srv/rd/mlcc/r.xlsx", t0);
  late.add("ito", logs::Action::kWrite, "/mnt/stick/r.xlsx", t0 + hours(48));
  CHECK(detect_exfil_sequence(late.inputs()).empty());

  // A copy that is tied to nothing collected is removable_copy's alone.
  World untied;
  lab(untied);
  untied.mount("SERIAL42", "/mnt/stick", t0);
  untied.read("ito", "/srv/rd/mlcc/r.xlsx", t0);
  untied.add("ito", logs::Action::kWrite, "/mnt/stick/holiday.jpg",
             t0 + hours(1));
  CHECK(detect_exfil_sequence(untied.inputs()).empty());
}

TEST_CASE(
    "exfil_sequence: an upload to the company's own site is not carry-out; a "
    "personal one is") {
  const Timestamp t0 = at("2026-03-10T01:00:00Z");
  World w;
  lab(w);
  for (int i = 0; i < 23; ++i) {
    w.add("ito", logs::Action::kDownload,
          fmt::format("/srv/rd/mlcc/r{}.xlsx", i), t0 + minutes(i));
  }
  // The tenant's own site: people read from it in the same logs.
  w.add("kato", logs::Action::kRead,
        "https://contoso.sharepoint.com/sites/rd/Shared Documents/x.docx", t0);
  w.upload("ito",
           "https://contoso.sharepoint.com/sites/rd/Shared Documents/"
           "r3.xlsx",
           "", t0 + hours(1));
  CHECK(detect_exfil_sequence(w.inputs()).empty());

  w.upload("ito", "C:/Users/ito/r3.xlsx", "www.dropbox.com", t0 + hours(2));
  auto findings = detect_exfil_sequence(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].title.find("uploaded to www.dropbox.com (personal)") !=
        std::string::npos);
  CHECK(has_reason(findings[0], "tied to the collection by name"));
  CHECK(findings[0].severity == Severity::kCritical);

  // Configured company destinations are company too.
  World partner;
  lab(partner);
  partner.settings.company_destinations = {"*.example.co.jp"};
  partner.read("ito", "/srv/rd/mlcc/r.xlsx", t0);
  partner.upload("ito", "C:/Users/ito/r.xlsx", "files.example.co.jp",
                 t0 + hours(1));
  CHECK(detect_exfil_sequence(partner.inputs()).empty());
  partner.upload("ito", "C:/Users/ito/r.xlsx", "transfer.example.com",
                 t0 + hours(2));
  auto external = detect_exfil_sequence(partner.inputs());
  REQUIRE(external.size() == 1);
  CHECK(external[0].title.find("(external)") != std::string::npos);
}
