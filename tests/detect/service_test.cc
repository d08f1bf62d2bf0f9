// Tests of lib/detect/service.cc: a service account's sweep is routine only
// at its usual hour, over its usual folders and at its usual volume; without
// history it is given the benefit of the doubt, and says so.
#include "detect/service.h"

#include "detect_world.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::detect;
using namespace mamori::detect::testing;

namespace {

const Actor& actor_of(const BehaviourModel& m, const World& w,
                      std::string_view user) {
  for (const Actor& a : m.actors()) {
    if (w.store->str(a.user) == user)
      return a;
  }
  FAIL("no actor " << user);
  return m.actors().front();
}

// The paths the actor collected on `day` under `folder`.
std::set<uint32_t> paths_on(const BehaviourModel& m, const Actor& actor,
                            int32_t day, std::string_view folder) {
  std::set<uint32_t> out;
  for (const FileAccess* a : actor.accesses) {
    if (a->day == day && m.events().str(a->path).starts_with(folder))
      out.insert(a->path);
  }
  return out;
}

int32_t day_of(Timestamp t) {
  return static_cast<int32_t>(
      std::chrono::floor<date::days>(t).time_since_epoch().count());
}

score::Comparison volume(score::Level level) {
  score::Comparison c;
  c.level = level;
  return c;
}

}  // namespace

TEST_CASE("judge_service: without two other days of history it is routine") {
  World w;
  w.person("svc-backup", "", people::Employment::kService);
  w.reads("svc-backup", "/srv/shares/rd/ltcc", 40, march(5, 1));
  w.reads("svc-backup", "/srv/shares/rd/ltcc/old", 40, march(4, 1));
  w.store->finish();
  const BehaviourModel m(*w.store, w.reg, w.roster, w.settings);
  const Actor& svc = actor_of(m, w, "svc-backup");
  CHECK(svc.service);
  const auto v = judge_service(m, svc, volume(score::Level::kFarAbove),
                               paths_on(m, svc, day_of(march(5)), "/srv"),
                               day_of(march(5)), march(5, 1));
  CHECK(v.routine);
  CHECK(v.reasons ==
        std::vector<std::string>{"a service account with no history in this "
                                 "run"});
}

TEST_CASE("judge_service: usual hour, scope and volume, and each one missed") {
  World w;
  w.person("svc-backup", "", people::Employment::kService);
  for (int day = 1; day <= 4; ++day)
    w.reads("svc-backup", "/srv/shares/rd/ltcc", 30, march(day, 1));
  w.reads("svc-backup", "/srv/shares/rd/ltcc", 30, march(5, 1));
  w.reads("svc-backup", "/srv/shares/hr/pay", 30, march(5, 13));
  w.store->finish();
  const BehaviourModel m(*w.store, w.reg, w.roster, w.settings);
  const Actor& svc = actor_of(m, w, "svc-backup");
  const int32_t day = day_of(march(5));
  const auto usual = paths_on(m, svc, day, "/srv/shares/rd/ltcc");
  const auto other = paths_on(m, svc, day, "/srv/shares/hr/pay");
  REQUIRE(usual.size() == 30);
  REQUIRE(other.size() == 30);

  const auto routine = judge_service(m, svc, volume(score::Level::kWithin),
                                     usual, day, march(5, 1));
  CHECK(routine.routine);
  REQUIRE(routine.reasons.size() == 1);
  CHECK(routine.reasons[0] ==
        "a service account: active around 01:00 on 4 of 4 other days, 100% "
        "of the folders swept on other days");

  const auto late = judge_service(m, svc, volume(score::Level::kWithin), usual,
                                  day, march(5, 13));
  CHECK_FALSE(late.routine);
  CHECK(late.reasons.back() == "not the account's usual time");

  const auto elsewhere = judge_service(m, svc, volume(score::Level::kWithin),
                                       other, day, march(5, 1));
  CHECK_FALSE(elsewhere.routine);
  CHECK(elsewhere.reasons.back() == "outside the account's usual scope");

  const auto more = judge_service(m, svc, volume(score::Level::kFarAbove),
                                  usual, day, march(5, 1));
  CHECK_FALSE(more.routine);
  CHECK(more.reasons.back() == "far more than the account's usual volume");
}

TEST_CASE("describe_actor: a service account, or the machine processes") {
  World w;
  w.person("svc-backup", "", people::Employment::kService);
  w.read("svc-backup", "/srv/a.xlsx", march(2));
  w.add("root", logs::Action::kRead, "/srv/b.xlsx", march(2),
        "/usr/sbin/bacula-fd");
  w.add("root", logs::Action::kRead, "/srv/c.xlsx", march(2), "/opt/restic");
  w.store->finish();
  const BehaviourModel m(*w.store, w.reg, w.roster, w.settings);
  CHECK(describe_actor(m, actor_of(m, w, "svc-backup")) == "a service account");
  const Actor* machine = nullptr;
  for (const Actor& a : m.actors()) {
    if (a.machine)
      machine = &a;
  }
  REQUIRE(machine != nullptr);
  CHECK(describe_actor(m, *machine) == "machine processes (bacula-fd, restic)");
}
