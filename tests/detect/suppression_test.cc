// Tests of lib/detect/suppression.cc: each matcher field, paths, all-fields
// entries, and the count kept per entry.
#include "detect/suppression.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mamori;
using namespace mamori::detect;

namespace {

Days day(std::string_view text) {
  return *parse_date(text);
}

// The backup account's nightly read of the file server.
Finding backup_read() {
  Finding f;
  f.id = "1111111111111111";
  f.detector = "bulk_access";
  f.user = "svc-backup";
  f.assets = {"ltcc_stack"};
  f.log_evidence = {{"audit.log:1", {}, "read", "//fs01/backup/a.xlsx", {}},
                    {"audit.log:2", {}, "read", "//fs01/backup/b/c.xlsx", {}}};
  f.evidence_total = 2;
  return f;
}

// A dispatched worker's copy to USB.
Finding usb_copy() {
  Finding f;
  f.id = "2222222222222222";
  f.detector = "removable_copy";
  f.user = "sato.yuki";
  f.assets = {"mlcc_dielectric"};
  f.log_evidence = {{"audit.log:9", {}, "copy_removable", "E:/q1.zip", {}}};
  f.evidence_total = 1;
  return f;
}

// A file on a stick.
Finding content_hit() {
  Finding f;
  f.id = "3333333333333333";
  f.detector = "content_match";
  f.assets = {"ltcc_stack"};
  f.location = {"/media/usb/stash/q1.zip", "docs/K12.xlsx"};
  f.evidence_total = 0;
  return f;
}

std::vector<Finding> all() {
  return {backup_read(), usb_copy(), content_hit()};
}

Suppression matcher(std::string source = "mamori.toml:3") {
  Suppression s;
  s.reason = "nightly backup, ticket IT-2231";
  s.expires = day("2026-06-30");
  s.source = std::move(source);
  return s;
}

PathGlob glob(std::string_view pattern) {
  std::string error;
  return *PathGlob::compile(pattern, &error);
}

std::vector<std::string> ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings)
    out.push_back(f.id);
  return out;
}

const Days kToday = day("2026-04-01");

}  // namespace

TEST_CASE("Suppression: each field alone matches what it names") {
  Suppression s = matcher();
  SUBCASE("user, case-insensitively") {
    s.user = "SVC-Backup";
    CHECK(s.matches(backup_read()));
    CHECK_FALSE(s.matches(usb_copy()));
    CHECK_FALSE(s.matches(content_hit()));  // a finding without a user
  }
  SUBCASE("detector") {
    s.detector = "removable_copy";
    CHECK(s.matches(usb_copy()));
    CHECK_FALSE(s.matches(backup_read()));
  }
  SUBCASE("asset, when the finding lists it") {
    s.asset = "ltcc_stack";
    CHECK(s.matches(backup_read()));
    CHECK(s.matches(content_hit()));
    CHECK_FALSE(s.matches(usb_copy()));
  }
  SUBCASE("path, over the evidence paths and the location") {
    s.path = glob("//FS01/backup/**");  // share paths ignore case
    CHECK(s.matches(backup_read()));
    CHECK_FALSE(s.matches(usb_copy()));
    s.path = glob("/media/usb/**");
    CHECK(s.matches(content_hit()));
    CHECK_FALSE(s.matches(backup_read()));
  }
  SUBCASE("id") {
    s.id = "2222222222222222";
    CHECK(s.matches(usb_copy()));
    CHECK_FALSE(s.matches(backup_read()));
  }
}

TEST_CASE("Suppression: a path matcher needs every path the finding lists") {
  Suppression s = matcher();
  s.path = glob("//fs01/backup/*.xlsx");  // not b/c.xlsx
  CHECK_FALSE(s.matches(backup_read()));
  s.path = glob("//fs01/backup/**");
  CHECK(s.matches(backup_read()));
  Finding no_paths = usb_copy();
  no_paths.log_evidence.clear();
  s.path = glob("**");
  CHECK_FALSE(s.matches(no_paths));
}

TEST_CASE("Suppression: with all fields set, every one must match") {
  Suppression s = matcher();
  s.user = "svc-backup";
  s.detector = "bulk_access";
  s.asset = "ltcc_stack";
  s.path = glob("//fs01/backup/**");
  s.id = "1111111111111111";
  CHECK(s.matches(backup_read()));
  CHECK(s.label() ==
        "user=svc-backup,detector=bulk_access,asset=ltcc_stack,"
        "path=//fs01/backup/**,id=1111111111111111");
  for (auto spoil : {&Suppression::user, &Suppression::detector,
                     &Suppression::asset, &Suppression::id}) {
    Suppression other = s;
    other.*spoil = "other";
    CHECK_FALSE(other.matches(backup_read()));
  }
  s.path = glob("//fs02/**");
  CHECK_FALSE(s.matches(backup_read()));
}

TEST_CASE(
    "Suppression: kept findings and a count per entry; the first entry that "
    "matches takes the finding") {
  Suppression by_user = matcher("mamori.toml:3");
  by_user.user = "svc-backup";
  Suppression by_asset = matcher("mamori.toml:8");
  by_asset.asset = "ltcc_stack";
  const auto out = apply_suppressions(all(), {by_user, by_asset}, kToday);
  CHECK(ids(out.kept) == std::vector<std::string>{"2222222222222222"});
  CHECK(out.suppressed == std::vector<uint64_t>{1, 1});
  CHECK(out.notices.empty());
}

TEST_CASE("Suppression: plain id entries work as before, without notices") {
  Suppression used;
  used.plain_id = true;
  used.id = "2222222222222222";
  Suppression stale = used;
  stale.id = "9999999999999999";
  const auto out = apply_suppressions(all(), {used, stale}, kToday);
  CHECK(ids(out.kept) ==
        std::vector<std::string>{"1111111111111111", "3333333333333333"});
  CHECK(out.suppressed == std::vector<uint64_t>{1, 0});
  CHECK(used.label() == "2222222222222222");
  // A finding id belongs to one input: absent on other nights, not stale.
  CHECK(out.notices.empty());
}

TEST_CASE(
    "Suppression: a matcher applies through its expiry day and is a warning "
    "from the next") {
  Suppression s = matcher("etc/mamori.toml:12");
  s.user = "svc-backup";
  SUBCASE("on the day itself it still suppresses") {
    const auto out = apply_suppressions(all(), {s}, day("2026-06-30"));
    CHECK(out.kept.size() == 2);
    CHECK(out.suppressed == std::vector<uint64_t>{1});
    CHECK(out.notices.empty());
  }
  SUBCASE("the day after it suppresses nothing and says so") {
    const auto out = apply_suppressions(all(), {s}, day("2026-07-01"));
    CHECK(out.kept.size() == 3);
    CHECK(out.suppressed == std::vector<uint64_t>{0});
    REQUIRE(out.notices.size() == 1);
    const Notice& n = out.notices[0];
    CHECK(n.level == Level::kWarning);
    CHECK(n.code == "suppress_expired");
    CHECK(n.source == "etc/mamori.toml:12");
    CHECK(n.message ==
          "suppression user=svc-backup (\"nightly backup, ticket IT-2231\") "
          "expired on 2026-06-30: its findings are reported again; renew or "
          "remove it");
  }
}

TEST_CASE("Suppression: a matcher in force that matched nothing is a warning") {
  Suppression s = matcher();
  s.detector = "off_hours_access";
  const auto out = apply_suppressions(all(), {s}, kToday);
  CHECK(out.kept.size() == 3);
  REQUIRE(out.notices.size() == 1);
  CHECK(out.notices[0].level == Level::kWarning);
  CHECK(out.notices[0].code == "suppress_unused");
  CHECK(out.notices[0].source == "mamori.toml:3");
  CHECK(out.notices[0].message ==
        "suppression detector=off_hours_access (\"nightly backup, ticket "
        "IT-2231\", until 2026-06-30) matched no finding in this run");
}
