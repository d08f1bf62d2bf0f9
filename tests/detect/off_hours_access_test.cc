// Tests of the off_hours_access detector: usual hours per person, night
// shifts, and too little history.
#include "detect_world.h"

#include "detect/log_detectors.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace mamori;
using namespace mamori::detect;
using namespace mamori::detect::testing;
using namespace std::chrono;

namespace {

Timestamp jst(std::string_view local) {
  return *parse_timestamp(local, *Zone::find("Asia/Tokyo"));
}

}  // namespace

TEST_CASE("off_hours_access: asset access outside the hours a person keeps") {
  World w(*Zone::find("Asia/Tokyo"));
  w.asset("mlcc", "/srv/rd/mlcc/**");
  // Five weekdays of office hours, 09:00-17:00 Tokyo time.
  for (int day = 2; day <= 6; ++day) {
    for (int hour = 9; hour <= 17; hour += 2) {
      w.read("kato", fmt::format("/srv/pub/{}_{}.txt", day, hour),
             jst(fmt::format("2026-03-0{}T{:02}:10", day, hour)));
    }
  }
  w.read("kato", "/srv/rd/mlcc/a.xlsx", jst("2026-03-04T10:00"));  // usual
  w.read("kato", "/srv/rd/mlcc/b.xlsx", jst("2026-03-04T23:30"));  // night
  w.read("kato", "/srv/rd/mlcc/c.xlsx", jst("2026-03-04T23:50"));  // same night
  w.read("kato", "/srv/rd/mlcc/d.xlsx", jst("2026-03-07T11:00"));  // Saturday
  w.read("kato", "/srv/pub/e.txt", jst("2026-03-07T12:00"));       // no asset
  auto findings = detect_off_hours_access(w.inputs());
  REQUIRE(findings.size() == 2);
  std::sort(
      findings.begin(), findings.end(),
      [](const Finding& a, const Finding& b) { return *a.start < *b.start; });
  CHECK(findings[0].files == 2);
  CHECK(findings[0].reasons[0].find("Wed 2026-03-04 23:30 (Asia/Tokyo)") !=
        std::string::npos);
  CHECK(findings[1].files == 1);  // the first weekend day at work
  CHECK(findings[1].user == "kato");
  CHECK(findings[0].severity <= Severity::kMedium);
}

TEST_CASE("off_hours_access: a night shift's nights are its usual hours") {
  World w(*Zone::find("Asia/Tokyo"));
  w.asset("mlcc", "/srv/rd/mlcc/**");
  for (int day = 2; day <= 9; ++day) {
    for (int hour : {22, 23, 0, 2, 4}) {
      w.read("night", fmt::format("/srv/rd/mlcc/{}_{}.xlsx", day, hour),
             jst(fmt::format("2026-03-{:02}T{:02}:15",
                             hour < 12 ? day + 1 : day, hour)));
    }
  }
  CHECK(detect_off_hours_access(w.inputs()).empty());
}

TEST_CASE(
    "off_hours_access: no usual hours without enough history; services "
    "keep their own") {
  World w(*Zone::find("Asia/Tokyo"));
  w.asset("mlcc", "/srv/rd/mlcc/**");
  w.person("backup", "IT", people::Employment::kService);
  for (int day = 2; day <= 4; ++day) {
    w.read("kato", fmt::format("/srv/rd/mlcc/{}.xlsx", day),
           jst(fmt::format("2026-03-0{}T10:00", day)));
  }
  w.read("kato", "/srv/rd/mlcc/night.xlsx", jst("2026-03-04T23:30"));
  for (int day = 2; day <= 6; ++day) {
    w.read("backup", "/srv/rd/mlcc/a.xlsx",
           jst(fmt::format("2026-03-0{}T10:00", day)));
  }
  CHECK(detect_off_hours_access(w.inputs()).empty());

  // A service keeps its own schedule: its usual 10:00 is fine, 03:00 is not.
  w.read("backup", "/srv/rd/mlcc/a.xlsx", jst("2026-03-05T03:00"));
  const auto findings = detect_off_hours_access(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].user == "backup");
  CHECK(has_reason(findings[0], "a service account, off its schedule"));
}
