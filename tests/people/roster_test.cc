// Tests of lib/people/roster.cc: name resolution through users and aliases,
// malformed rows, CP932 files from Excel and missing columns.
#include "people/roster.h"

#include "test_util.h"

#include <doctest/doctest.h>

#include <algorithm>

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
  const Roster roster = load_roster(file, diag).value();
  // Only the unknown `extra` column is worth a word.
  REQUIRE(diag.size() == 1);
  CHECK(diag.sorted()[0].code == "roster_column");
  CHECK_FALSE(diag.has_errors());
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
  const Roster roster = load_roster(file, diag).value();
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
  const Roster roster = load_roster(file, diag).value();
  REQUIRE(roster.find("ito"));
  CHECK(roster.find("ito")->department == "設計部");
}

TEST_CASE("Roster: a file without the user column cannot be used") {
  test::TempDir dir;
  const auto file = dir.write("roster.csv", "name,employment\na,employee\n");
  Diagnostics diag;
  CHECK_FALSE(load_roster(file, diag).has_value());
  const auto notices = diag.sorted();
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].level == Level::kError);
  CHECK(notices[0].source == file.string() + ":1");
  CHECK(notices[0].message == "the header has no `user` column");
}

TEST_CASE("Roster: an unreadable file or one in no known encoding is named") {
  test::TempDir dir;
  Diagnostics diag;
  CHECK_FALSE(load_roster(dir.path() / "absent.csv", diag).has_value());
  // 0x81 0x20: a CP932 lead byte without a valid trail byte, and not UTF-8.
  const auto garbled = dir.write("garbled.csv", "user\n\x81\x20\n");
  CHECK_FALSE(load_devices(garbled, diag).has_value());
  const auto notices = diag.sorted();
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].source == (dir.path() / "absent.csv").string());
  CHECK(notices[0].message.starts_with("cannot open: "));
  CHECK(notices[1].source == garbled.string());
  CHECK(notices[1].message == "neither UTF-8 nor CP932 text");
}

TEST_CASE("DeviceList: serials are found whatever their case") {
  test::TempDir dir;
  const auto file =
      dir.write("devices.csv",
                "serial,vendor_id,product_id,owner\n"
                "4C530001230321108193,0781,5581,tanaka\n,0781,1,\n");
  Diagnostics diag;
  const DeviceList devices = load_devices(file, diag).value();
  REQUIRE(devices.find("4c530001230321108193"));
  CHECK(devices.find("4c530001230321108193")->owner == "tanaka");
  CHECK(devices.find("nope") == nullptr);
  CHECK(diag.size() == 1);  // the empty serial on line 3
}

TEST_CASE("Roster: dates as Excel writes them are read") {
  CHECK(format_date(*parse_roster_date("2026-03-31")) == "2026-03-31");
  CHECK(format_date(*parse_roster_date("2026/3/31")) == "2026-03-31");
  CHECK(format_date(*parse_roster_date("2026/03/31")) == "2026-03-31");
  CHECK(format_date(*parse_roster_date("2026/3/1")) == "2026-03-01");
  CHECK(format_date(*parse_roster_date("2026年3月31日")) == "2026-03-31");
  CHECK(format_date(*parse_roster_date("2026/3/31 0:00")) == "2026-03-31");
  CHECK(format_date(*parse_roster_date("2026/3/31 17:30:00")) == "2026-03-31");
  CHECK(format_date(*parse_roster_date(" 2026-3-31 ")) == "2026-03-31");
  CHECK_FALSE(parse_roster_date("31/03/2026"));
  CHECK_FALSE(parse_roster_date("2026/2/30"));
  CHECK_FALSE(parse_roster_date("2026/3-31"));  // separators disagree
  CHECK_FALSE(parse_roster_date("2026年3月31"));
  CHECK_FALSE(parse_roster_date("2026/3/31 25:00"));
  CHECK_FALSE(parse_roster_date("2026/3/31 0:00 x"));
  CHECK_FALSE(parse_roster_date("2026/123/1"));
  CHECK_FALSE(parse_roster_date("20260/3/1"));
  CHECK_FALSE(parse_roster_date(""));

  test::TempDir dir;
  const auto file =
      dir.write("roster.csv",
                "user,employment,start_date,end_date,notice_date\r\n"
                "sato,dispatched,2024/4/1,2026/3/31,2026年2月27日\r\n"
                "kim,employee,2024/04/01 0:00,,\r\n");
  Diagnostics diag;
  const Roster roster = load_roster(file, diag).value();
  CHECK(diag.size() == 0);
  const Person* sato = roster.find("sato");
  REQUIRE(sato);
  REQUIRE(sato->end_date);
  CHECK(format_date(*sato->end_date) == "2026-03-31");
  CHECK(format_date(*sato->start_date) == "2024-04-01");
  CHECK(format_date(*sato->notice_date) == "2026-02-27");
  REQUIRE(roster.find("kim"));
  CHECK(format_date(*roster.find("kim")->start_date) == "2024-04-01");
}

TEST_CASE(
    "Roster: unknown columns are named once, with the known name they are "
    "close to") {
  test::TempDir dir;
  const auto file = dir.write("roster.csv",
                              "\n"
                              "user,employement,End Date,phone\n"
                              "a,dispatched,2026-03-31,1\n"
                              "b,employee,,2\n");
  Diagnostics diag;
  const Roster roster = load_roster(file, diag).value();
  REQUIRE(roster.people().size() == 2);
  // Ignored as the spec says: the misspelt column is not read.
  CHECK(roster.find("a")->employment == Employment::kEmployee);
  const auto notices = diag.sorted();
  CHECK_FALSE(diag.has_errors());
  std::vector<std::string> messages;
  for (const Notice& n : notices) {
    CHECK(n.code == "roster_column");
    CHECK(n.level == Level::kWarning);
    CHECK(n.source == file.string() + ":2");
    messages.push_back(n.message);
  }
  // One for the unknown columns, one each for the missing end_date and
  // employment.
  REQUIRE(messages.size() == 3);
  const auto has = [&](std::string_view text) {
    return std::any_of(messages.begin(), messages.end(), [&](const auto& m) {
      return m.find(text) != std::string::npos;
    });
  };
  CHECK(
      has("columns `employement` (did you mean `employment`?), `end date` "
          "(did you mean `end_date`?), `phone` ignored"));
  CHECK(has("no `end_date` column"));
  CHECK(has("no `employment` column"));
}

TEST_CASE("Roster: a roster with every column that matters gets no warning") {
  test::TempDir dir;
  const auto file =
      dir.write("roster.csv", "user,employment,end_date\na,employee,\n");
  Diagnostics diag;
  load_roster(file, diag);
  CHECK(diag.size() == 0);
}

TEST_CASE("DeviceList: unknown columns are named, missing ones are not") {
  test::TempDir dir;
  const auto file = dir.write("devices.csv", "serial,ownr\nAA,tanaka\n");
  Diagnostics diag;
  const DeviceList devices = load_devices(file, diag).value();
  CHECK(devices.find("AA"));
  REQUIRE(diag.size() == 1);
  CHECK(diag.sorted()[0].message.find("`ownr` (did you mean `owner`?)") !=
        std::string::npos);
}
