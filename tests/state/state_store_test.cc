// Tests of lib/state/state_store.cc: the schema and its version, refusal of
// a newer state, the run's lock, one transaction per run, findings memory
// and pruning.
#include "state/state_store.h"

#include "test_util.h"

#include "common/error.h"

#include <doctest/doctest.h>

#include <string>

using namespace mamori;
using namespace mamori::state;

namespace {

std::string error_of(const std::string& path, const StoreOptions& options) {
  try {
    StateStore store(path, options);
  } catch (const Error& e) {
    CHECK(e.exit_code() == kExitUsage);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("StateStore: a new state gets the current schema and WAL") {
  test::TempDir dir;
  const std::string path = (dir.path() / "state.db").string();
  {
    StateStore store(path, {});
    CHECK(store.schema_version() == kSchemaVersion);
    store.commit();
  }
  StateStore again(path, {});
  CHECK(again.schema_version() == kSchemaVersion);
  CHECK(again.database().query_int("SELECT count(*) FROM schema_history") ==
        kSchemaVersion);
  Statement mode(again.database(), "PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.column_text(0) == "wal");
  CHECK(again.table_counts().size() == 5);
}

TEST_CASE("StateStore: a state written by a newer mamori is refused") {
  test::TempDir dir;
  const std::string path = (dir.path() / "state.db").string();
  {
    Database db(path, {});
    db.exec("PRAGMA user_version = 99");
  }
  const std::string message = error_of(path, {});
  CHECK(message.find("state " + path + ": written by a newer mamori") == 0);
  CHECK(message.find("schema version 99") != std::string::npos);
  // And it was not touched.
  Database db(path, {});
  CHECK(db.query_int("PRAGMA user_version") == 99);
}

TEST_CASE("StateStore: a file that is not a database is a one-line error") {
  test::TempDir dir;
  const auto path = dir.write("state.db", std::string(200, 'x')).string();
  const std::string message = error_of(path, {});
  CHECK(message.find("state " + path + ": ") == 0);
  CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("StateStore: a second run on a held state waits, then exits 2") {
  test::TempDir dir;
  const std::string path = (dir.path() / "state.db").string();
  StateStore first(path, {});
  StoreOptions impatient;
  impatient.busy_timeout_ms = 50;
  const std::string message = error_of(path, impatient);
  CHECK(message == "state " + path +
                       ": in use by another run (waited 50 ms); try again "
                       "when it has finished");
  // A reader is not blocked.
  StoreOptions reader;
  reader.read_only = true;
  StateStore show(path, reader);
  CHECK(show.schema_version() == 0);  // the first run has not committed
}

TEST_CASE("StateStore: a run that does not commit leaves nothing") {
  test::TempDir dir;
  const std::string path = (dir.path() / "state.db").string();
  {
    StateStore store(path, {});
    store.commit();
  }
  {
    StateStore store(path, {});
    store.remember_finding("f1", "2026-03-01T00:00:00Z", "one");
  }  // killed, in effect: no commit
  StateStore store(path, {});
  CHECK(store.remember_finding("f1", "2026-03-02T00:00:00Z", "one").is_new);
}

TEST_CASE("StateStore: a finding is new once, then updated, not duplicated") {
  test::TempDir dir;
  const std::string path = (dir.path() / "state.db").string();
  {
    StateStore store(path, {});
    CHECK(
        store.remember_finding("f1", "2026-03-01T02:00:00Z", "3 files").is_new);
    store.commit();
  }
  StateStore store(path, {});
  const FindingSeen seen =
      store.remember_finding("f1", "2026-03-02T02:00:00Z", "5 files");
  CHECK_FALSE(seen.is_new);
  CHECK(seen.first_seen == "2026-03-01T02:00:00Z");
  Statement row(store.database(),
                "SELECT count(*), max(last_seen), max(summary) FROM "
                "finding_seen");
  REQUIRE(row.step());
  CHECK(row.column_int(0) == 1);
  CHECK(row.column_text(1) == "2026-03-02T02:00:00Z");
  CHECK(row.column_text(2) == "5 files");
}

TEST_CASE("StateStore: prune drops what was last seen before the horizon") {
  test::TempDir dir;
  StateStore store((dir.path() / "state.db").string(), {});
  store.remember_finding("old", "2025-01-01T00:00:00Z", "");
  store.remember_finding("recent", "2026-02-20T00:00:00Z", "");
  store.database().exec(
      "INSERT INTO person_day VALUES ('alice', '2025-06-01', '{}'), "
      "('alice', '2026-02-28', '{}')");
  CHECK(store.prune("2026-03-01", 180) == 2);
  CHECK(store.database().query_int("SELECT count(*) FROM finding_seen") == 1);
  CHECK(store.database().query_int("SELECT count(*) FROM person_day") == 1);
}
