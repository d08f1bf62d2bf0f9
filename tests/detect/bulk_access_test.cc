// Tests of the bulk_access detector: the files-per-window floor, windows that
// merge or stay apart, and what raises the score.
#include "detect_world.h"

#include "detect/log_detectors.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

using namespace mamori;
using namespace mamori::detect;
using namespace mamori::detect::testing;
using namespace std::chrono;

namespace {

// sato.yuki, a dispatched worker leaving on 2026-03-31; tanaka of the LTCC
// team; the LTCC asset, core and export controlled.
void substrate_team(World& w) {
  w.person("sato.yuki", "Substrate R&D", people::Employment::kDispatched,
           [](people::Person& p) {
             p.end_date = parse_date("2026-03-31");
             p.aliases = {"CORP\\ysato"};
           });
  w.person("tanaka", {}, people::Employment::kEmployee,
           [](people::Person& p) { p.groups = {"ltcc-team"}; });
  w.asset("ltcc_stack", "/srv/shares/rd/ltcc/**", assets::Sensitivity::kCore,
          {"group:ltcc-team"});
  w.reg.assets();
}

std::vector<Finding> bulk(World& w) {
  return detect_bulk_access(w.inputs());
}

}  // namespace

TEST_CASE("bulk_access: 50 distinct files within 15 minutes fire, 49 do not") {
  World w;
  substrate_team(w);
  const Timestamp t0 = at("2026-03-10T01:00:00Z");
  for (int i = 0; i < 49; ++i)
    w.read("tanaka", fmt::format("/srv/pub/doc{}.txt", i),
           t0 + seconds(i * 18));
  CHECK(bulk(w).empty());
  // Re-reading a file is not a new file.
  w.read("tanaka", "/srv/pub/doc0.txt", t0 + minutes(14));
  CHECK(bulk(w).empty());
  w.read("tanaka", "/srv/pub/doc49.txt", t0 + minutes(15));  // window edge
  auto findings = bulk(w);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].files == 50);
  CHECK(findings[0].user == "tanaka");
  // No history and no peers: the floor alone says medium.
  CHECK(findings[0].severity == Severity::kMedium);
  CHECK(has_reason(findings[0], "no baseline yet"));
  CHECK(findings[0].assets.empty());
  CHECK(format_rfc3339(*findings[0].start) == "2026-03-10T01:00:00Z");
  CHECK(format_rfc3339(*findings[0].end) == "2026-03-10T01:15:00Z");
  CHECK(findings[0].log_evidence.size() == kMaxEvidence);
  CHECK(findings[0].evidence_total == 50);
  CHECK(findings[0].log_evidence[0].source == "/var/log/audit.log:1");
}

TEST_CASE("bulk_access: files spread wider than the window do not add up") {
  World w;
  const Timestamp t0 = at("2026-03-10T01:00:00Z");
  // 60 files, one every 20 s: any 15 minutes hold 46 of them.
  w.reads("tanaka", "/srv/pub", 60, t0, seconds(20));
  CHECK(bulk(w).empty());
}

TEST_CASE(
    "bulk_access: overlapping hot windows are one burst, separate ones two") {
  World w;
  w.reads("tanaka", "/srv/pub/a", 720, at("2026-03-10T01:00:00Z"), seconds(10));
  w.reads("tanaka", "/srv/pub/b", 60, at("2026-03-11T01:00:00Z"), seconds(1));
  auto findings = bulk(w);
  REQUIRE(findings.size() == 2);
  std::sort(
      findings.begin(), findings.end(),
      [](const Finding& a, const Finding& b) { return *a.start < *b.start; });
  CHECK(findings[0].files == 720);
  CHECK(findings[1].files == 60);
  CHECK(findings[0].id != findings[1].id);
}

TEST_CASE("bulk_access: core assets and a near contract end raise the score") {
  World w;
  substrate_team(w);
  const Timestamp t0 = at("2026-03-27T05:10:02Z");
  // Logged as an alias; 12 core files is under the 50 floor but over the
  // core floor of 10.
  w.reads("CORP\\ysato", "/srv/shares/rd/ltcc", 12, t0);
  auto findings = bulk(w);
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.user == "sato.yuki");
  CHECK(f.assets == std::vector<std::string>{"ltcc_stack"});
  REQUIRE(f.context);
  CHECK(f.context->employment == "dispatched");
  CHECK(f.context->days_to_end == 4);
  CHECK(f.severity == Severity::kCritical);
  CHECK(f.title.find("4 days before the contract ends") != std::string::npos);
  CHECK(has_reason(f, "contract ends 2026-03-31, in 4 days"));
  CHECK(has_reason(f, "outside the authorized list of ltcc_stack"));

  // The same reads by an authorized person with no departure score lower.
  World calm;
  substrate_team(calm);
  calm.reads("tanaka", "/srv/shares/rd/ltcc", 12, t0);
  auto calm_findings = bulk(calm);
  REQUIRE(calm_findings.size() == 1);
  CHECK(calm_findings[0].score < f.score);
  CHECK_FALSE(calm_findings[0].context->days_to_end);
}

TEST_CASE("bulk_access: ids are stable across runs and differ per person") {
  auto run = [](std::string_view user) {
    World w;
    w.reads(std::string(user), "/srv/pub", 55, at("2026-03-10T01:00:00Z"),
            seconds(1));
    return bulk(w).at(0).id;
  };
  CHECK(run("tanaka") == run("tanaka"));
  CHECK(run("tanaka") != run("sato.yuki"));
  CHECK(run("tanaka").size() == 16);
}

TEST_CASE(
    "bulk_access: the person's own daily median is a reason, and a heavy "
    "reader scores lower") {
  World heavy;
  World light;
  for (int day = 1; day <= 8; ++day) {
    heavy.reads("tanaka", fmt::format("/srv/pub/{}", day), 60, march(day),
                minutes(5));
    light.reads("tanaka", fmt::format("/srv/pub/{}", day), 1, march(day));
  }
  heavy.reads("tanaka", "/srv/pub/burst", 60, march(10), seconds(1));
  light.reads("tanaka", "/srv/pub/burst", 60, march(10), seconds(1));
  auto h = bulk(heavy);
  auto l = bulk(light);
  REQUIRE(h.size() == 1);
  REQUIRE(l.size() == 1);
  CHECK(has_reason(h[0], "own daily distinct files median 60 (MAD 0, 8 days)"));
  CHECK(has_reason(h[0], "within the usual range"));
  CHECK(has_reason(
      l[0], "own daily distinct files median 1 (MAD 0, 8 days): 60× it"));
  CHECK(h[0].score < l[0].score);
  CHECK(h[0].severity <= Severity::kLow);
  CHECK(l[0].severity >= Severity::kMedium);
}

TEST_CASE("bulk_access: peers stand in for a person with no history") {
  World w;
  substrate_team(w);
  for (const char* name : {"ito", "kudo", "oda"})
    w.person(name, "Substrate R&D");
  for (int day = 1; day <= 5; ++day) {
    for (const char* name : {"ito", "kudo", "oda"})
      w.reads(name, fmt::format("/srv/pub/{}/{}", name, day), 20, march(day),
              minutes(10));
  }
  w.reads("sato.yuki", "/srv/pub/x", 200, march(5, 5), seconds(3));
  auto findings = bulk(w);
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.user == "sato.yuki");
  CHECK(has_reason(f,
                   "peers' daily distinct files median 20 (MAD 0, 3 people, "
                   "same days): 10× it"));
  CHECK(f.severity >= Severity::kHigh);

  // A new colleague reading what the team reads is within the peers' range.
  World onboarding;
  for (const char* name : {"ito", "kudo", "oda", "new.hire"})
    onboarding.person(name, "Substrate R&D");
  for (int day = 1; day <= 5; ++day) {
    for (const char* name : {"ito", "kudo", "oda"})
      onboarding.reads(name, fmt::format("/srv/pub/{}/{}", name, day), 60,
                       march(day), minutes(5));
  }
  onboarding.reads("new.hire", "/srv/pub/team", 55, march(5, 2), seconds(10));
  auto hire = bulk(onboarding);
  REQUIRE(hire.size() == 1);
  CHECK(has_reason(hire[0], "within the usual range"));
  CHECK(hire[0].severity <= Severity::kLow);
}

TEST_CASE(
    "bulk_access: a service account's regular sweep is no finding; another "
    "hour or scope is") {
  World w;
  w.person("backup", "IT", people::Employment::kService);
  w.asset("ltcc_stack", "/srv/shares/rd/ltcc/**");
  for (int day = 1; day <= 6; ++day)
    w.reads("backup", "/srv/shares/rd/ltcc", 300, march(day, 15), seconds(2));
  CHECK(bulk(w).empty());

  // The same account at 05:00 UTC in the afternoon of Tokyo, over a share it
  // never sweeps.
  w.reads("backup", "/srv/shares/hr/payroll", 300, march(7, 5), seconds(2));
  auto findings = bulk(w);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].user == "backup");
  CHECK(has_reason(findings[0], "not the account's usual time"));
  CHECK(has_reason(findings[0], "outside the account's usual scope"));
}

TEST_CASE("bulk_access: known machine processes are judged like services") {
  World w;
  w.person("tanaka");
  for (int day = 1; day <= 4; ++day) {
    w.reads("tanaka", "/srv/shares/rd", 400, march(day, 17), seconds(1),
            "/usr/sbin/clamd");
  }
  CHECK(bulk(w).empty());
  // The person's own reads are still the person's.
  w.reads("tanaka", "/srv/shares/rd", 60, march(5, 2), seconds(1),
          "/usr/bin/cp");
  auto findings = bulk(w);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].files == 60);
}

TEST_CASE("bulk_access: Settings::max_evidence raises the evidence kept") {
  World w;
  w.settings.max_evidence = 25;
  const Timestamp t0 = at("2026-03-10T01:00:00Z");
  for (int i = 0; i < 50; ++i)
    w.read("tanaka", fmt::format("/srv/pub/doc{}.txt", i),
           t0 + seconds(i * 18));
  auto findings = bulk(w);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].log_evidence.size() == 25);
  CHECK(findings[0].evidence_total == 50);
  w.settings.max_evidence = SIZE_MAX;
  findings = bulk(w);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].log_evidence.size() == 50);
}
