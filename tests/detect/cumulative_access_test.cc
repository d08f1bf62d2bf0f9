// Tests of the cumulative_access detector: core files gathered over days, and
// a person gathering far more than the team.
#include "detect_world.h"

#include "detect/log_detectors.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::detect;
using namespace mamori::detect::testing;
using namespace std::chrono;

TEST_CASE(
    "cumulative_access: 8 core files a day for 4 days adds up; one day does "
    "not") {
  World w;
  w.asset("mlcc", "/srv/rd/mlcc/**");
  for (int day = 2; day <= 5; ++day)
    w.reads("kato", fmt::format("/srv/rd/mlcc/d{}", day), 8, march(day));
  auto findings = detect_cumulative_access(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].files == 32);
  CHECK(findings[0].title.find("over 4 days") != std::string::npos);
  CHECK(findings[0].assets == std::vector<std::string>{"mlcc"});

  World one_day;
  one_day.asset("mlcc", "/srv/rd/mlcc/**");
  one_day.reads("kato", "/srv/rd/mlcc/x", 40, march(2));
  CHECK(detect_cumulative_access(one_day.inputs()).empty());
}

TEST_CASE(
    "cumulative_access: a person who gathers far more than the team in the "
    "same week stands out; a team-wide crunch and a steady working set do "
    "not") {
  World w;
  w.asset("mlcc", "/srv/rd/mlcc/**");
  for (const char* name : {"ito", "kudo", "oda", "kato"})
    w.person(name, "Materials");
  // Everybody re-reads a working set of 40 files every weekday...
  for (int day = 2; day <= 13; ++day) {
    for (const char* name : {"ito", "kudo", "oda", "kato"})
      w.reads(name, fmt::format("/srv/rd/mlcc/{}", name), 40, march(day));
  }
  // ...and kato also gathers 40 new files a day for a week.
  for (int day = 16; day <= 20; ++day) {
    for (const char* name : {"ito", "kudo", "oda"})
      w.reads(name, fmt::format("/srv/rd/mlcc/{}", name), 40, march(day));
    w.reads("kato", "/srv/rd/mlcc/kato", 40, march(day));
    w.reads("kato", fmt::format("/srv/rd/mlcc/other/{}", day), 40,
            march(day, 5));
  }
  auto findings = detect_cumulative_access(w.inputs());
  const Finding* kato = nullptr;
  for (const Finding& f : findings) {
    if (f.user == "kato")
      kato = &f;
    else
      CHECK(f.severity <= Severity::kLow);  // their steady 40 files
  }
  REQUIRE(kato != nullptr);
  CHECK(kato->files == 240);
  CHECK(has_reason(*kato, "peers' 7-day distinct files median 40"));
  CHECK(kato->severity >= Severity::kHigh);

  // The whole team doubles its reading in the same week: nobody's anomaly.
  World crunch;
  crunch.asset("mlcc", "/srv/rd/mlcc/**");
  for (const char* name : {"ito", "kudo", "oda", "kato"})
    crunch.person(name, "Materials");
  for (int day = 2; day <= 20; ++day) {
    for (const char* name : {"ito", "kudo", "oda", "kato"}) {
      crunch.reads(name, fmt::format("/srv/rd/mlcc/{}", name), 40, march(day));
      if (day >= 16)
        crunch.reads(name, fmt::format("/srv/rd/mlcc/crunch/{}/{}", name, day),
                     40, march(day, 5));
    }
  }
  for (const Finding& f : detect_cumulative_access(crunch.inputs()))
    CHECK(f.severity <= Severity::kMedium);
}
