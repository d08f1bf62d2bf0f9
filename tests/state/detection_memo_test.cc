// Tests of lib/state/detection_memo.cc: findings survive the round trip
// field for field, a damaged memo is never taken for findings, and the
// memo answers only to its key and is forgotten with the days it was made
// from.
#include "state/detection_memo.h"

#include "state/state_store.h"
#include "test_util.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mamori;
using namespace mamori::state;

namespace {

Timestamp at(int64_t us) {
  return Timestamp(std::chrono::microseconds(us));
}

// A finding with every field away from its default, so that a field the
// codec drops or swaps fails the comparison.
detect::Finding full_finding() {
  detect::Finding f;
  f.id = "0123456789abcdef";
  f.detector = "exfil_sequence";
  f.set_score(87);
  f.title = std::string("collected 320 files\0then archived", 33);
  f.reasons = {"r1", "", "日本語の理由"};
  f.assets = {"SPM-900"};
  f.user = "tanaka";
  f.rules = {"rule_a", "rule_b"};
  f.location = {"/media/usb/x.zip", "図面.txt"};
  f.sha256 = std::string(64, 'a');
  f.size = 1234;
  f.start = at(1'700'000'000'000'001);
  f.end = at(-5);  // before 1970: signed times must survive
  f.files = 320;
  f.bytes = uint64_t{1} << 40;
  f.device = logs::Device{"0781",     "5581", "SER1",
                          "KINGSTON", "usb",  logs::Storage::kRemovable};
  f.context =
      detect::PersonContext{"dispatched", "R&D", Days(date::days(20'000)), -3};
  f.steps = {"collected", "archived", "carried out"};
  f.log_evidence = {{"samba.log:12", at(42), "read", "/srv/x", 99},
                    {"sec.evtx#7", at(43), "write", "E:/y", std::nullopt}};
  detect::MatchEvidence m{"rule_a", "$k0_cp932", "秘", "cp932",
                          "text",   10,          6,    "…[秘]…"};
  f.content_evidence = {{{"a.zip", "b.docx"},
                         "content_match",
                         {"SPM-900"},
                         {"rule_a"},
                         std::string(64, 'b'),
                         77,
                         {m, m},
                         3}};
  f.evidence_total = 25;
  f.is_new = false;
  f.first_seen = "2026-03-01T00:00:00Z";
  return f;
}

}  // namespace

TEST_CASE("detection memo: a finding comes back field for field") {
  for (const detect::Finding& f : {full_finding(), detect::Finding{}}) {
    const std::optional<detect::Finding> back =
        decode_finding(encode_finding(f));
    REQUIRE(back);
    CHECK(*back == f);
  }
  // The comparison itself sees a difference in a nested field.
  detect::Finding other = full_finding();
  other.content_evidence[0].matches[1].offset = 11;
  CHECK_FALSE(*decode_finding(encode_finding(full_finding())) == other);
}

TEST_CASE("detection memo: a damaged or foreign record decodes to nothing") {
  const std::string bytes = encode_finding(full_finding());
  // Cut at every length: never a crash, never a finding.
  for (size_t n = 0; n < bytes.size(); ++n) {
    CAPTURE(n);
    CHECK_FALSE(decode_finding(std::string_view(bytes).substr(0, n)));
  }
  CHECK_FALSE(decode_finding(bytes + '\0'));
  std::string other_version = bytes;
  other_version[0] = '\2';
  CHECK_FALSE(decode_finding(other_version));
  // A length far beyond what the bytes hold allocates nothing.
  const std::string empty = encode_finding(detect::Finding{});
  std::string huge = empty.substr(0, 8) + std::string(8, '\xff');
  CHECK_FALSE(decode_finding(huge));
}

TEST_CASE("detection memo: kept under its key, forgotten with its days") {
  test::TempDir dir;
  const std::string path = (dir.path() / "state.db").string();
  const std::vector<detect::Finding> findings = {full_finding()};
  {
    StateStore store(path, {});
    CHECK_FALSE(load_detection_memo(store.database(), "k1"));
    save_detection_memo(store.database(), "k1", findings);
    save_detection_memo(store.database(), "k2", findings);  // replaces k1
    store.database().exec(
        "INSERT INTO person_day (person, day, aggregates) VALUES "
        "('tanaka', '2026-01-01', '{}')");
    store.commit();
  }
  {
    StateStore store(path, {});
    CHECK_FALSE(load_detection_memo(store.database(), "k1"));
    const auto kept = load_detection_memo(store.database(), "k2");
    REQUIRE(kept);
    CHECK(*kept == findings);
    // A prune that drops nothing keeps it.
    store.prune("2026-01-10", 30);
    CHECK(load_detection_memo(store.database(), "k2"));
    // One that drops a person-day forgets it.
    store.prune("2026-03-01", 30);
    CHECK_FALSE(load_detection_memo(store.database(), "k2"));
    store.commit();
  }
  {
    StateStore store(path, {});
    // Every finding in order, and only the last memo's.
    std::vector<detect::Finding> three(3, full_finding());
    for (size_t i = 0; i < three.size(); ++i)
      three[i].id = "id" + std::to_string(i);
    save_detection_memo(store.database(), "k3", three);
    save_detection_memo(store.database(), "k3", {three[2], three[0]});
    CHECK(load_detection_memo(store.database(), "k3") ==
          std::vector<detect::Finding>{three[2], three[0]});
    // A damaged row, a row missing or one too many: no memo.
    store.database().exec(
        "UPDATE memo_finding SET finding = 'garbage' WHERE seq = 1");
    CHECK_FALSE(load_detection_memo(store.database(), "k3"));
    save_detection_memo(store.database(), "k3", three);
    store.database().exec("DELETE FROM memo_finding WHERE seq = 2");
    CHECK_FALSE(load_detection_memo(store.database(), "k3"));
    save_detection_memo(store.database(), "k3", three);
    store.database().exec("UPDATE detection_memo SET findings = 2");
    CHECK_FALSE(load_detection_memo(store.database(), "k3"));
    // An empty detection is a memo too.
    save_detection_memo(store.database(), "k4", {});
    const auto none = load_detection_memo(store.database(), "k4");
    REQUIRE(none);
    CHECK(none->empty());
  }
}
