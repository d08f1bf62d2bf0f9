// Tests of lib/detect/behaviour.cc: robust baselines, scopes, the own
// baseline's warm-up and the choice of peers.
#include "detect/behaviour.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace mamori;
using namespace mamori::detect;
using namespace std::chrono;

namespace {

struct World {
  people::Roster roster;
  assets::Register reg;
  Settings settings;
  EventStore store{roster};
  uint64_t line = 0;

  void person(std::string user, std::string department,
              std::optional<std::string> notice = {}) {
    people::Person p;
    p.user = std::move(user);
    p.department = std::move(department);
    if (notice)
      p.notice_date = parse_date(*notice);
    roster.add(p);
  }
  void reads(const std::string& user, int day, int files) {
    static const auto file = std::make_shared<const std::string>("a.log");
    const Timestamp t = *parse_timestamp(
        fmt::format("2026-03-{:02}T01:00:00Z", day), Zone::utc());
    for (int i = 0; i < files; ++i) {
      logs::Event e;
      e.time = t + seconds(i);
      e.format = "samba";
      e.file = file;
      e.line = ++line;
      e.user = user;
      e.action = logs::Action::kRead;
      e.path = fmt::format("/srv/{}/{}_{}", user, day, i);
      store.add(e);
    }
  }
  const Actor& actor(const BehaviourModel& m, std::string_view user) {
    for (const Actor& a : m.actors()) {
      if (store.str(a.user) == user)
        return a;
    }
    FAIL("no actor " << user);
    return m.actors().front();
  }
};

int32_t day_number(int day) {
  return static_cast<int32_t>(
      (date::sys_days{date::year{2026} / 3 / day}).time_since_epoch().count());
}

}  // namespace

TEST_CASE("robust_summary: median and MAD resist one outlier") {
  auto b = robust_summary({10, 12, 11, 9, 10, 500});
  REQUIRE(b);
  CHECK(b->median == doctest::Approx(10.5));
  CHECK(b->mad == doctest::Approx(1.0));
  CHECK_FALSE(robust_summary({}));
}

TEST_CASE("scope_of: the first four path components") {
  CHECK(scope_of("/srv/shares/rd/ltcc/stack/a.xlsx") == "/srv/shares/rd/ltcc");
  CHECK(scope_of("//fs01/rd/mlcc/x/y/z.doc") == "//fs01/rd/mlcc/x");
  CHECK(scope_of("/a/b.txt") == "/a/b.txt");
}

TEST_CASE("BehaviourModel: own baseline needs a week and stops at notice") {
  World w;
  w.person("kato", "R&D", "2026-03-10");
  for (int day = 1; day <= 12; ++day)
    w.reads("kato", day, day < 10 ? 20 : 200);
  w.store.finish();
  const BehaviourModel m(w.store, w.reg, w.roster, w.settings);
  const Actor& kato = w.actor(m, "kato");
  CHECK(m.active_days(kato) == 12);
  CHECK(m.day(kato, day_number(11))->collected == 200);
  // Days from the notice on are not baseline: nine days of 20 remain.
  auto own =
      m.own_daily(kato, &DayStats::collected, day_number(12), day_number(12));
  REQUIRE(own);
  CHECK(own->median == 20);
  CHECK(own->values == 9);
  // Excluding three of them leaves six: below a week, no own baseline.
  CHECK_FALSE(
      m.own_daily(kato, &DayStats::collected, day_number(1), day_number(3)));
  CHECK(m.distinct_collected(kato, day_number(1), day_number(2)) == 40);
}

TEST_CASE("BehaviourModel: peers are the department, else everybody") {
  World w;
  w.person("kato", "R&D");
  for (const char* p : {"ito", "oda", "ueda"})
    w.person(p, "R&D");
  w.person("sales1", "Sales");
  for (int day = 1; day <= 3; ++day) {
    for (const char* p : {"ito", "oda", "ueda"})
      w.reads(p, day, 30);
    w.reads("sales1", day, 5);
    w.reads("kato", day, 31);
  }
  w.store.finish();
  const BehaviourModel m(w.store, w.reg, w.roster, w.settings);
  auto peers =
      m.peer_daily(w.actor(m, "kato"), &DayStats::collected, day_number(2));
  REQUIRE(peers);
  CHECK(peers->median == 30);  // the department, not sales
  CHECK(peers->people == 3);
  CHECK(peers->same_days);
  // Sales has nobody else: everybody who is a person stands in.
  auto all =
      m.peer_daily(w.actor(m, "sales1"), &DayStats::collected, day_number(2));
  REQUIRE(all);
  CHECK(all->people == 4);
}

TEST_CASE("BehaviourModel: need-to-know ends with the last working day") {
  World w;
  people::Person p;
  p.user = "kato";
  p.end_date = parse_date("2026-03-05");
  w.roster.add(p);
  w.reads("kato", 1, 1);
  w.store.finish();
  assets::Asset open_asset;  // no authorized list: anybody may
  open_asset.id = "open";
  const BehaviourModel m(w.store, w.reg, w.roster, w.settings);
  const Actor& kato = w.actor(m, "kato");
  CHECK(m.authorized(kato, open_asset,
                     *parse_timestamp("2026-03-05T10:00", Zone::utc())));
  CHECK_FALSE(m.authorized(kato, open_asset,
                           *parse_timestamp("2026-03-06T10:00", Zone::utc())));
}

TEST_CASE("is_system_account: computer accounts and Windows' own principals") {
  CHECK(is_system_account("PC01$"));
  CHECK(is_system_account("SYSTEM"));
  CHECK(is_system_account("NT AUTHORITY\\NETWORK SERVICE"));
  CHECK(is_system_account("app@sharepoint"));
  CHECK_FALSE(is_system_account("tanaka"));
  CHECK_FALSE(is_system_account("systems.admin"));
}

TEST_CASE(
    "BehaviourModel: a system account outside the roster is a service; "
    "the same name in the roster is whatever the roster says") {
  World w;
  w.reads("PC01$", 1, 3);
  w.reads("SYSTEM", 1, 3);
  w.reads("kato", 1, 3);
  w.store.finish();
  const BehaviourModel m(w.store, w.reg, w.roster, w.settings);
  CHECK(w.actor(m, "PC01$").service);
  CHECK(w.actor(m, "SYSTEM").service);
  CHECK_FALSE(w.actor(m, "kato").service);
}
