// Tests of lib/detect/finding.cc: ids that stay the same from run to run
// (suppressions name them), scores clamped and banded, and report order.
#include "detect/finding.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mamori;
using namespace mamori::detect;

TEST_CASE("make_id: stable across runs and versions, 16 hex digits") {
  // Pinned: a changed id would silently break every `suppress` entry that
  // names a finding by id. 16 hex digits of SHA-256 over the detector and
  // each key part after a unit separator (0x1F).
  CHECK(make_id("bulk_access", {"sato.yuki", "2026-03-27"}) ==
        "e3153494f6387b94");
  CHECK(make_id("bulk_access", {"sato.yuki", "2026-03-27"}) ==
        make_id("bulk_access", {"sato.yuki", "2026-03-27"}));
  CHECK(make_id("bulk_access", {}).size() == 16);
}

TEST_CASE("make_id: every part of the key and the detector count") {
  const std::string id = make_id("bulk_access", {"ab", "c"});
  CHECK(make_id("bulk_access", {"a", "bc"}) != id);
  CHECK(make_id("bulk_access", {"abc"}) != id);
  CHECK(make_id("bulk_access", {"c", "ab"}) != id);
  CHECK(make_id("off_hours_access", {"ab", "c"}) != id);
  CHECK(make_id("bulk_access", {"ab", "c", ""}) != id);
}

TEST_CASE("Finding::set_score: clamped to 0..100, severity from the band") {
  Finding f;
  f.set_score(91);
  CHECK(f.score == 91);
  CHECK(f.severity == Severity::kCritical);
  f.set_score(59);
  CHECK(f.severity == Severity::kMedium);
  f.set_score(250);
  CHECK(f.score == 100);
  CHECK(f.severity == Severity::kCritical);
  f.set_score(-3);
  CHECK(f.score == 0);
  CHECK(f.severity == Severity::kInfo);
}

TEST_CASE("sort_findings: severity, then score, then detector and id") {
  auto finding = [](std::string detector, int score, std::string id) {
    Finding f;
    f.detector = std::move(detector);
    f.id = std::move(id);
    f.set_score(score);
    return f;
  };
  std::vector<Finding> findings = {
      finding("bulk_access", 45, "b"),    finding("bulk_access", 79, "a"),
      finding("bulk_access", 45, "a"),    finding("content_match", 85, "z"),
      finding("bulk_access", 62, "c"),    finding("bulk_access", 85, "y"),
      finding("exfil_sequence", 45, "0"),
  };
  sort_findings(findings);
  std::vector<std::string> order;
  for (const Finding& f : findings)
    order.push_back(f.detector + "/" + std::to_string(f.score) + "/" + f.id);
  CHECK(order == std::vector<std::string>{
                     "bulk_access/85/y", "content_match/85/z",
                     "bulk_access/79/a", "bulk_access/62/c", "bulk_access/45/a",
                     "bulk_access/45/b", "exfil_sequence/45/0"});
}
