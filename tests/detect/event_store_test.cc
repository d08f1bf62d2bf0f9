// Tests of lib/detect/event_store.cc: re-reads merged per day, memory that
// follows distinct files, machine processes, and finishing twice.
#include "detect/event_store.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace mamori;
using namespace mamori::detect;
using namespace std::chrono;

namespace {

logs::Event read_event(std::string user, std::string path, Timestamp t,
                       uint64_t line, std::string process = {}) {
  static const auto file = std::make_shared<const std::string>("a.log");
  logs::Event e;
  e.time = t;
  e.format = "samba";
  e.file = file;
  e.line = line;
  e.user = std::move(user);
  e.action = logs::Action::kRead;
  e.path = std::move(path);
  e.process = std::move(process);
  return e;
}

Timestamp at(std::string_view iso) {
  return *parse_timestamp(iso, Zone::utc());
}

}  // namespace

TEST_CASE("EventStore: re-reads of a file on one local day are one record") {
  people::Roster roster;
  EventStore store(roster, {*Zone::find("Asia/Tokyo"), {}});
  // 23:30 UTC on the 1st is 08:30 on the 2nd in Tokyo: same local day as
  // 01:00 UTC on the 2nd.
  store.add(read_event("kato", "/srv/a", at("2026-03-01T23:30:00Z"), 1));
  store.add(read_event("kato", "/srv/a", at("2026-03-02T01:00:00Z"), 2));
  store.add(read_event("kato", "/srv/a", at("2026-03-02T16:00:00Z"), 3));
  store.add(read_event("kato", "/srv/b", at("2026-03-02T01:00:00Z"), 4));
  store.finish();
  const auto& all = store.accesses();
  REQUIRE(all.size() == 3);
  CHECK(all[0].count == 2);
  CHECK(all[0].line == 1);  // evidence: the first event
  CHECK(store.events_added() == 4);
  const DayActivity* day = store.activity(all[0].user, false, all[0].day);
  REQUIRE(day != nullptr);
  CHECK(day->hours == ((1u << 8) | (1u << 10)));  // 08:30 and 10:00 local
  CHECK(day->events == 3);
}

TEST_CASE("EventStore: memory follows distinct files, not events") {
  people::Roster roster;
  EventStore store(roster);
  const Timestamp t0 = at("2026-03-02T01:00:00Z");
  // Past the first compaction point: 3 million reads of 1,000 files.
  for (uint64_t i = 0; i < 3'000'000; ++i) {
    store.add(read_event("backup", fmt::format("/srv/f{}", i % 1000),
                         t0 + seconds(i % 3600), i + 1));
  }
  // Merged while they came: at most one batch of new records is pending.
  CHECK(store.records() < 300'000);
  store.finish();
  CHECK(store.accesses().size() == 1000);
  uint64_t total = 0;
  for (const FileAccess& a : store.accesses())
    total += a.count;
  CHECK(total == 3'000'000);
}

TEST_CASE("EventStore: known machine processes are told apart") {
  people::Roster roster;
  EventStore store(roster, {Zone::utc(), {"clamd", "veeam*"}});
  const Timestamp t0 = at("2026-03-02T01:00:00Z");
  store.add(read_event("root", "/srv/a", t0, 1, "/usr/sbin/clamd"));
  store.add(read_event("root", "/srv/b", t0, 2,
                       "C:\\Program Files\\Veeam\\VeeamAgent.exe"));
  store.add(read_event("root", "/srv/c", t0, 3, "/usr/bin/cp"));
  store.finish();
  const auto& all = store.accesses();
  REQUIRE(all.size() == 3);
  CHECK_FALSE(all[0].machine);  // cp: the person; sorted first
  CHECK(store.str(all[0].path) == "/srv/c");
  CHECK(all[1].machine);
  CHECK(all[2].machine);
}

TEST_CASE("EventStore: adding after finish() and finishing again merges") {
  people::Roster roster;
  EventStore store(roster);
  const Timestamp t0 = at("2026-03-02T01:00:00Z");
  store.add(read_event("kato", "/srv/a", t0 + minutes(5), 1));
  store.finish();
  store.add(read_event("kato", "/srv/a", t0, 2));
  store.finish();
  REQUIRE(store.accesses().size() == 1);
  CHECK(store.accesses()[0].count == 2);
  CHECK(store.accesses()[0].time == t0);
  CHECK(store.accesses()[0].line == 2);
}
