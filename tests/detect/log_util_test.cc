// Tests of lib/detect/log_util.cc: which actions collect data, the assets of
// an interned path (looked up once, the same answer every time), and the
// labels and durations the detectors write into reasons.
#include "detect/log_util.h"

#include "detect_world.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::detect;
using namespace mamori::detect::testing;
using logs::Action;

TEST_CASE("is_collection: reads, downloads and copies to removable media") {
  CHECK(is_collection(Action::kRead));
  CHECK(is_collection(Action::kDownload));
  CHECK(is_collection(Action::kCopyRemovable));
  CHECK_FALSE(is_collection(Action::kWrite));
  CHECK_FALSE(is_collection(Action::kUpload));
  CHECK_FALSE(is_collection(Action::kDelete));
}

TEST_CASE("AssetIndex: the assets of each path, the same list every time") {
  World w;
  w.asset("ltcc", "/srv/rd/ltcc/**");
  w.asset("rd", "/srv/rd/**", assets::Sensitivity::kConfidential);
  w.read("sato", "/srv/rd/ltcc/a.xlsx", march(2));
  w.read("sato", "/srv/rd/other/b.xlsx", march(2, 2));
  w.read("sato", "/home/sato/c.txt", march(2, 3));
  w.store->finish();
  AssetIndex index(*w.store, w.reg);
  std::map<std::string, std::vector<std::string>> by_path;
  for (const FileAccess& a : w.store->accesses()) {
    std::vector<std::string> ids;
    for (const assets::Asset* asset : index.of(a.path))
      ids.push_back(asset->id);
    by_path[w.store->str(a.path)] = ids;
    CHECK(&index.of(a.path) == &index.of(a.path));  // looked up once
  }
  CHECK(by_path["/srv/rd/ltcc/a.xlsx"] ==
        std::vector<std::string>{"ltcc", "rd"});
  CHECK(by_path["/srv/rd/other/b.xlsx"] == std::vector<std::string>{"rd"});
  CHECK(by_path["/home/sato/c.txt"].empty());
}

TEST_CASE("evidence_of: the access as a log record of its finding") {
  World w;
  w.read("sato", "/srv/rd/a.xlsx", march(2, 5));
  w.store->finish();
  REQUIRE(w.store->accesses().size() == 1);
  const LogEvidence e = evidence_of(*w.store, w.store->accesses().front());
  CHECK(e.source == "/var/log/audit.log:1");
  CHECK(e.time == march(2, 5));
  CHECK(e.action == "read");
  CHECK(e.path == "/srv/rd/a.xlsx");
  CHECK_FALSE(e.bytes);
}

TEST_CASE("asset_label, format_duration and base_name for reasons") {
  assets::Asset a;
  a.id = "ltcc_stack";
  a.sensitivity = assets::Sensitivity::kCore;
  CHECK(asset_label(a) == "ltcc_stack (core)");
  a.export_controlled = true;
  CHECK(asset_label(a) == "ltcc_stack (core, export controlled)");

  using namespace std::chrono;
  CHECK(format_duration(seconds(40)) == "40 s");
  CHECK(format_duration(seconds(59)) == "59 s");
  CHECK(format_duration(minutes(1)) == "1 min");
  CHECK(format_duration(minutes(64)) == "64 min");
  CHECK(format_duration(minutes(179)) == "179 min");
  CHECK(format_duration(minutes(180)) == "3 h");
  CHECK(format_duration(hours(26) + minutes(59)) == "26 h");

  CHECK(base_name("/srv/rd/a.xlsx") == "a.xlsx");
  CHECK(base_name("//fs01/share/") == "");
  CHECK(base_name("a.xlsx") == "a.xlsx");
}
