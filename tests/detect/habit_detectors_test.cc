#include "detect/log_detectors.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace mamori;
using namespace mamori::detect;
using namespace std::chrono;

namespace {

struct World {
  people::Roster roster;
  people::DeviceList devices;
  assets::Register reg;
  Settings settings;
  EventStore store{roster, StoreOptions{*Zone::find("Asia/Tokyo"), {}}};
  std::shared_ptr<const std::string> file =
      std::make_shared<const std::string>("audit.log");
  uint64_t line = 0;

  World() {
    assets::Asset mlcc;
    mlcc.id = "mlcc";
    mlcc.sensitivity = assets::Sensitivity::kCore;
    std::string error;
    mlcc.paths.push_back(*PathGlob::compile("/srv/rd/mlcc/**", &error));
    reg.add(mlcc);
    people::Person backup;
    backup.user = "backup";
    backup.employment = people::Employment::kService;
    roster.add(backup);
    settings.zone = *Zone::find("Asia/Tokyo");
  }
  void read(std::string user, std::string path, Timestamp t) {
    logs::Event e;
    e.time = t;
    e.format = "samba";
    e.file = file;
    e.line = ++line;
    e.user = std::move(user);
    e.action = logs::Action::kRead;
    e.path = std::move(path);
    store.add(e);
  }
  LogInputs inputs() { return {store, reg, roster, devices, settings}; }
};

Timestamp jst(std::string_view local) {
  return *parse_timestamp(local, *Zone::find("Asia/Tokyo"));
}

}  // namespace

TEST_CASE(
    "cumulative_access: 8 core files a day for 4 days adds up; one day does "
    "not") {
  World w;
  for (int day = 0; day < 4; ++day) {
    for (int i = 0; i < 8; ++i) {
      w.read("kato", fmt::format("/srv/rd/mlcc/d{}_{}.xlsx", day, i),
             jst(fmt::format("2026-03-0{}T10:{:02}", day + 2, i * 5)));
    }
  }
  auto findings = detect_cumulative_access(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].files == 32);
  CHECK(findings[0].title.find("over 4 days") != std::string::npos);
  CHECK(findings[0].assets == std::vector<std::string>{"mlcc"});

  World one_day;
  for (int i = 0; i < 40; ++i) {
    one_day.read("kato", fmt::format("/srv/rd/mlcc/x{}.xlsx", i),
                 jst(fmt::format("2026-03-02T10:{:02}", i)));
  }
  CHECK(detect_cumulative_access(one_day.inputs()).empty());
}

TEST_CASE("off_hours_access: asset access outside the hours a person keeps") {
  World w;
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
  CHECK(findings[1].files == 1);
  CHECK(findings[1].user == "kato");
}

TEST_CASE(
    "off_hours_access: no usual hours without enough history; services "
    "keep their own") {
  World w;
  for (int day = 2; day <= 4; ++day) {
    w.read("kato", fmt::format("/srv/rd/mlcc/{}.xlsx", day),
           jst(fmt::format("2026-03-0{}T10:00", day)));
  }
  w.read("kato", "/srv/rd/mlcc/night.xlsx", jst("2026-03-04T23:30"));
  for (int day = 2; day <= 8; ++day) {
    w.read("backup", "/srv/rd/mlcc/a.xlsx",
           jst(fmt::format("2026-03-0{}T10:00", day)));
  }
  CHECK(detect_off_hours_access(w.inputs()).empty());

  // A service keeps its own schedule: its usual 10:00 is fine, 03:00 is not.
  w.read("backup", "/srv/rd/mlcc/a.xlsx", jst("2026-03-05T03:00"));
  const auto findings = detect_off_hours_access(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].user == "backup");
  CHECK(findings[0].reasons.back().find("a service account, off its schedule") !=
        std::string::npos);
}
