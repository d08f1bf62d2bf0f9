#include "people/roster.h"

#include "test_util.h"

#include "common/error.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::people;

TEST_CASE("Roster: names in logs resolve through users and aliases") {
  test::TempDir dir;
  const auto file = dir.write(
      "roster.csv",
      "\xEF\xBB\xBFuser,display_name,employment,department,groups,end_date,"
      "aliases,extra\r\n"
      "tanaka,田中 一郎,employee,Materials R&D,mlcc-team;rd,,"
      "CORP\\tanaka;1001;tanaka@example.co.jp,x\r\n"
      "\r\n"
      "sato.yuki,\"佐藤, ゆき\",dispatched,Substrate R&D,ltcc-team,"
      "2026-03-31,ysato,\r\n");
  Diagnostics diag;
  const Roster roster = load_roster(file, diag);
  CHECK(diag.size() == 0);
  REQUIRE(roster.people().size() == 2);

  CHECK(roster.canonical("CORP\\tanaka") == "tanaka");
  CHECK(roster.canonical("1001") == "tanaka");
  CHECK(roster.canonical("TANAKA@example.co.jp") == "tanaka");
  // Domain stripped when no alias matches exactly.
  CHECK(roster.canonical("OTHERDOM\\Sato.Yuki") == "sato.yuki");
  CHECK(roster.canonical("ysato@example.co.jp") == "sato.yuki");
  CHECK(roster.canonical("suzuki") == "suzuki");  // nobody: kept as logged

  const Person* sato = roster.find("sato.yuki");
  REQUIRE(sato);
  CHECK(sato->display_name == "佐藤, ゆき");
  CHECK(sato->employment == Employment::kDispatched);
  REQUIRE(sato->end_date);
  CHECK(format_date(*sato->end_date) == "2026-03-31");
  CHECK(roster.in_group(*roster.find("tanaka"), "MLCC-team"));
  CHECK_FALSE(roster.in_group(*sato, "mlcc-team"));
}

TEST_CASE(
    "Roster: a malformed row is an error with its line; the rest is read") {
  test::TempDir dir;
  const auto file = dir.write("roster.csv",
                              "user,employment,end_date\n"
                              "a,employee,\n"
                              "b,temp,\n"
                              "c,employee,31/03/2026\n"
                              "\"d,employee,\n");
  Diagnostics diag;
  const Roster roster = load_roster(file, diag);
  CHECK(roster.find("a") != nullptr);
  CHECK(roster.find("b") == nullptr);
  const auto notices = diag.sorted();
  REQUIRE(notices.size() == 3);
  CHECK(notices[0].source == file.string() + ":3");
  CHECK(notices[0].message.find("unknown employment `temp`") !=
        std::string::npos);
  CHECK(notices[1].source == file.string() + ":4");
  CHECK(notices[2].source == file.string() + ":5");
  CHECK(diag.has_errors());
}

TEST_CASE("Roster: CP932 text from Excel is read as Japanese") {
  test::TempDir dir;
  // "user,department\nito,設計部\n" with 設計部 in Shift_JIS.
  const auto file = dir.write(
      "roster.csv", "user,department\nito,\x90\xdd\x8c\x76\x95\x94\n");
  Diagnostics diag;
  const Roster roster = load_roster(file, diag);
  REQUIRE(roster.find("ito"));
  CHECK(roster.find("ito")->department == "設計部");
}

TEST_CASE("Roster: a file without the user column cannot be used") {
  test::TempDir dir;
  const auto file = dir.write("roster.csv", "name,employment\na,employee\n");
  Diagnostics diag;
  CHECK_THROWS_AS(load_roster(file, diag), Error);
}

TEST_CASE("DeviceList: serials are found whatever their case") {
  test::TempDir dir;
  const auto file =
      dir.write("devices.csv",
                "serial,vendor_id,product_id,owner\n"
                "4C530001230321108193,0781,5581,tanaka\n,0781,1,\n");
  Diagnostics diag;
  const DeviceList devices = load_devices(file, diag);
  REQUIRE(devices.find("4c530001230321108193"));
  CHECK(devices.find("4c530001230321108193")->owner == "tanaka");
  CHECK(devices.find("nope") == nullptr);
  CHECK(diag.size() == 1);  // the empty serial on line 3
}
