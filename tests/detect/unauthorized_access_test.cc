// Tests of the unauthorized_access detector: the authorized list, the end of
// need-to-know at departure, and service accounts in their scope.
#include "detect_world.h"

#include "detect/log_detectors.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::detect;
using namespace mamori::detect::testing;
using namespace std::chrono;

namespace {

void ltcc_team(World& w) {
  w.person("tanaka", {}, people::Employment::kEmployee,
           [](people::Person& p) { p.groups = {"ltcc-team"}; });
  w.person("sato.yuki", "Substrate R&D", people::Employment::kContractor,
           [](people::Person& p) { p.end_date = parse_date("2026-03-13"); });
  w.person("backup", "IT", people::Employment::kService);
  w.asset("ltcc_stack", "/srv/shares/rd/ltcc/**", assets::Sensitivity::kCore,
          {"group:ltcc-team", "sato.yuki"});
}

}  // namespace

TEST_CASE(
    "unauthorized_access: people outside the authorized list are flagged, "
    "more for tens of files") {
  World w;
  ltcc_team(w);
  w.asset("mlcc", "/srv/shares/rd/mlcc/**", assets::Sensitivity::kCore,
          {"group:mlcc-team"});
  const Timestamp t0 = at("2026-03-10T01:00:00Z");
  w.read("tanaka", "/srv/shares/rd/ltcc/a.xlsx", t0);  // in group ltcc-team
  w.read("tanaka", "/srv/shares/rd/mlcc/a.xlsx", t0 + minutes(1));
  w.reads("tanaka", "/srv/shares/rd/mlcc/recipes", 30, t0 + hours(1));
  w.read("tanaka", "/srv/pub/c.txt", t0 + minutes(3));  // no asset
  auto findings = detect_unauthorized_access(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].user == "tanaka");
  CHECK(findings[0].files == 31);
  CHECK(findings[0].assets == std::vector<std::string>{"mlcc"});
  CHECK(findings[0].severity >= Severity::kHigh);

  World slip;
  ltcc_team(slip);
  slip.asset("mlcc", "/srv/shares/rd/mlcc/**", assets::Sensitivity::kCore,
             {"group:mlcc-team"});
  slip.read("tanaka", "/srv/shares/rd/mlcc/a.xlsx", t0);
  auto one = detect_unauthorized_access(slip.inputs());
  REQUIRE(one.size() == 1);
  CHECK(one[0].score < findings[0].score);
  CHECK(one[0].severity == Severity::kMedium);
}

TEST_CASE("unauthorized_access: need-to-know ends with the last working day") {
  World w;
  ltcc_team(w);
  w.read("sato.yuki", "/srv/shares/rd/ltcc/a.xlsx", march(12));  // authorized
  CHECK(detect_unauthorized_access(w.inputs()).empty());
  w.reads("sato.yuki", "/srv/shares/rd/ltcc/design", 5, march(19));
  auto findings = detect_unauthorized_access(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].files == 5);
  CHECK(findings[0].severity == Severity::kCritical);
  CHECK(findings[0].title.find("after the last working day") !=
        std::string::npos);
  CHECK(has_reason(findings[0], "after the last working day 2026-03-13"));
}

TEST_CASE(
    "unauthorized_access: a service account sweeping its scope is not "
    "flagged; touching an asset once among many days is") {
  World w;
  ltcc_team(w);
  w.asset("hr", "/srv/shares/hr/**", assets::Sensitivity::kConfidential,
          {"hr-team"});
  for (int day = 1; day <= 5; ++day)
    w.reads("backup", "/srv/shares/rd/ltcc", 20, march(day, 15));
  CHECK(detect_unauthorized_access(w.inputs()).empty());
  w.reads("backup", "/srv/shares/hr", 20, march(6, 15));
  auto findings = detect_unauthorized_access(w.inputs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].assets == std::vector<std::string>{"hr"});
  CHECK(has_reason(findings[0], "a service account, outside its usual scope"));
}
