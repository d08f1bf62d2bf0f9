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

// A roster, register and store built from plain values.
struct World {
  people::Roster roster;
  people::DeviceList devices;
  assets::Register reg;
  Settings settings;
  std::unique_ptr<EventStore> store;
  std::shared_ptr<const std::string> file =
      std::make_shared<const std::string>("/var/log/samba/audit.log");
  uint64_t line = 0;

  World() {
    people::Person sato;
    sato.user = "sato.yuki";
    sato.employment = people::Employment::kDispatched;
    sato.department = "Substrate R&D";
    sato.end_date = parse_date("2026-03-31");
    sato.aliases = {"CORP\\ysato"};
    roster.add(sato);
    people::Person tanaka;
    tanaka.user = "tanaka";
    tanaka.groups = {"ltcc-team"};
    roster.add(tanaka);

    assets::Asset ltcc;
    ltcc.id = "ltcc_stack";
    ltcc.name = "LTCC stack-up";
    ltcc.sensitivity = assets::Sensitivity::kCore;
    ltcc.export_controlled = true;
    std::string error;
    ltcc.paths.push_back(*PathGlob::compile("/srv/shares/rd/ltcc/**", &error));
    ltcc.authorized = {"group:ltcc-team"};
    reg.add(ltcc);
    store = std::make_unique<EventStore>(roster);
  }

  void read(std::string_view user, std::string path, Timestamp t) {
    logs::Event e;
    e.time = t;
    e.format = "samba";
    e.file = file;
    e.line = ++line;
    e.user = std::string(user);
    e.action = logs::Action::kRead;
    e.path = std::move(path);
    store->add(e);
  }

  std::vector<Finding> bulk() {
    return detect_bulk_access({*store, reg, roster, devices, settings});
  }
};

}  // namespace

TEST_CASE("bulk_access: 50 distinct files within 15 minutes fire, 49 do not") {
  World w;
  const Timestamp t0 = at("2026-03-10T01:00:00Z");
  for (int i = 0; i < 49; ++i) {
    w.read("tanaka", fmt::format("/srv/pub/doc{}.txt", i),
           t0 + seconds(i * 18));
  }
  CHECK(w.bulk().empty());
  // Re-reading a file is not a new file.
  w.read("tanaka", "/srv/pub/doc0.txt", t0 + minutes(14));
  CHECK(w.bulk().empty());
  w.read("tanaka", "/srv/pub/doc49.txt", t0 + minutes(15));  // window edge
  auto findings = w.bulk();
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].files == 50);
  CHECK(findings[0].user == "tanaka");
  CHECK(findings[0].severity == Severity::kMedium);
  CHECK(findings[0].assets.empty());
  CHECK(format_rfc3339(*findings[0].start) == "2026-03-10T01:00:00Z");
  CHECK(format_rfc3339(*findings[0].end) == "2026-03-10T01:15:00Z");
  CHECK(findings[0].log_evidence.size() == kMaxEvidence);
  CHECK(findings[0].evidence_total == 50);
  CHECK(findings[0].log_evidence[0].source == "/var/log/samba/audit.log:1");
}

TEST_CASE("bulk_access: files spread wider than the window do not add up") {
  World w;
  const Timestamp t0 = at("2026-03-10T01:00:00Z");
  // 60 files, one every 20 s: any 15 minutes hold 46 of them.
  for (int i = 0; i < 60; ++i) {
    w.read("tanaka", fmt::format("/srv/pub/f{}", i), t0 + seconds(i * 20));
  }
  CHECK(w.bulk().empty());
}

TEST_CASE(
    "bulk_access: overlapping hot windows are one burst, separate ones two") {
  World w;
  const Timestamp t0 = at("2026-03-10T01:00:00Z");
  // Two hours of one file every 10 s: one continuous burst.
  for (int i = 0; i < 720; ++i) {
    w.read("tanaka", fmt::format("/srv/pub/a{}", i), t0 + seconds(i * 10));
  }
  // A second burst the next day.
  const Timestamp t1 = at("2026-03-11T01:00:00Z");
  for (int i = 0; i < 60; ++i) {
    w.read("tanaka", fmt::format("/srv/pub/b{}", i), t1 + seconds(i));
  }
  auto findings = w.bulk();
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
  const Timestamp t0 = at("2026-03-27T05:10:02Z");
  // Logged as an alias; 12 core files is under the 50 floor but over the
  // core floor of 10.
  for (int i = 0; i < 12; ++i) {
    w.read("CORP\\ysato", fmt::format("/srv/shares/rd/ltcc/K{}.xlsx", i),
           t0 + seconds(i * 30));
  }
  auto findings = w.bulk();
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.user == "sato.yuki");
  CHECK(f.assets == std::vector<std::string>{"ltcc_stack"});
  REQUIRE(f.context);
  CHECK(f.context->employment == "dispatched");
  CHECK(f.context->days_to_end == 4);
  CHECK(f.severity == Severity::kCritical);
  CHECK(f.title.find("4 days before the contract ends") != std::string::npos);
  bool reason_names_end = false;
  for (const auto& r : f.reasons) {
    if (r.find("contract ends 2026-03-31, in 4 days") != std::string::npos) {
      reason_names_end = true;
    }
  }
  CHECK(reason_names_end);

  // The same reads by someone with no departure are scored lower.
  World calm;
  for (int i = 0; i < 12; ++i) {
    calm.read("tanaka", fmt::format("/srv/shares/rd/ltcc/K{}.xlsx", i),
              t0 + seconds(i * 30));
  }
  auto calm_findings = calm.bulk();
  REQUIRE(calm_findings.size() == 1);
  CHECK(calm_findings[0].score < f.score);
  CHECK_FALSE(calm_findings[0].context->days_to_end);
}

TEST_CASE("bulk_access: ids are stable across runs and differ per person") {
  auto run = [](std::string_view user) {
    World w;
    const Timestamp t0 = at("2026-03-10T01:00:00Z");
    for (int i = 0; i < 55; ++i) {
      w.read(user, fmt::format("/srv/pub/{}", i), t0 + seconds(i));
    }
    return w.bulk().at(0).id;
  };
  CHECK(run("tanaka") == run("tanaka"));
  CHECK(run("tanaka") != run("sato.yuki"));
  CHECK(run("tanaka").size() == 16);
}

TEST_CASE(
    "unauthorized_access: people outside the authorized list are flagged") {
  World w;
  const Timestamp t0 = at("2026-03-10T01:00:00Z");
  w.read("tanaka", "/srv/shares/rd/ltcc/a.xlsx", t0);  // in group ltcc-team
  w.read("sato.yuki", "/srv/shares/rd/ltcc/a.xlsx", t0 + minutes(1));
  w.read("sato.yuki", "/srv/shares/rd/ltcc/b.xlsx", t0 + minutes(2));
  w.read("sato.yuki", "/srv/pub/c.txt", t0 + minutes(3));  // no asset
  auto findings = detect_unauthorized_access(
      {*w.store, w.reg, w.roster, w.devices, w.settings});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].user == "sato.yuki");
  CHECK(findings[0].files == 2);
  CHECK(findings[0].assets == std::vector<std::string>{"ltcc_stack"});
  CHECK(findings[0].severity >= Severity::kHigh);
}

TEST_CASE(
    "bulk_access: the person's own daily median is a reason, and a heavy "
    "reader scores lower") {
  World heavy;
  World light;
  for (int day = 1; day <= 8; ++day) {
    const Timestamp d = at(fmt::format("2026-03-0{}T01:00:00Z", day));
    for (int i = 0; i < 60; ++i) {  // 60 files a day, five minutes apart
      heavy.read("tanaka", fmt::format("/srv/pub/{}_{}", day, i),
                 d + minutes(i * 5));
    }
    light.read("tanaka", fmt::format("/srv/pub/{}", day), d);
  }
  const Timestamp t0 = at("2026-03-10T01:00:00Z");
  for (int i = 0; i < 60; ++i) {
    heavy.read("tanaka", fmt::format("/srv/pub/burst{}", i), t0 + seconds(i));
    light.read("tanaka", fmt::format("/srv/pub/burst{}", i), t0 + seconds(i));
  }
  auto h = heavy.bulk();
  auto l = light.bulk();
  REQUIRE(h.size() == 1);
  REQUIRE(l.size() == 1);
  auto has = [](const Finding& f, std::string_view text) {
    return std::any_of(f.reasons.begin(), f.reasons.end(),
                       [&](const std::string& r) {
                         return r.find(text) != std::string::npos;
                       });
  };
  CHECK(has(h[0], "own daily distinct files median 60 (MAD 0, 8 days)"));
  CHECK(has(h[0], "within the usual range"));
  CHECK(has(l[0], "own daily distinct files median 1 (MAD 0, 8 days): 60× it"));
  CHECK(h[0].score < l[0].score);
  CHECK(h[0].severity <= Severity::kLow);
  CHECK(l[0].severity >= Severity::kMedium);
}

TEST_CASE("bulk_access: peers stand in for a person with no history") {
  World w;
  // Three colleagues of sato.yuki's department read 20 files a day.
  for (const char* name : {"ito", "kudo", "oda"}) {
    people::Person p;
    p.user = name;
    p.department = "Substrate R&D";
    w.roster.add(p);
  }
  for (int day = 1; day <= 5; ++day) {
    const Timestamp d = at(fmt::format("2026-03-0{}T01:00:00Z", day));
    for (const char* name : {"ito", "kudo", "oda"}) {
      for (int i = 0; i < 20; ++i) {
        w.read(name, fmt::format("/srv/pub/{}_{}", day, i),
               d + minutes(i * 10));
      }
    }
  }
  const Timestamp t0 = at("2026-03-05T05:00:00Z");
  for (int i = 0; i < 200; ++i)
    w.read("sato.yuki", fmt::format("/srv/pub/x{}", i), t0 + seconds(i * 3));
  auto findings = w.bulk();
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.user == "sato.yuki");
  bool peers = false;
  for (const auto& r : f.reasons)
    peers = peers || r.find("peers' daily distinct files median 20") !=
                         std::string::npos;
  CHECK(peers);
  CHECK(f.severity >= Severity::kHigh);
}
