// See state_store.h for the design.
#include "state/state_store.h"

#include "state/detection_memo.h"

#include "common/error.h"

#include <fmt/format.h>

#include <array>
#include <string_view>

namespace mamori::state {

namespace {

// kMigrations[i] takes the schema from version i to i + 1. Append only:
// a released step is never edited, a change is a new step.
constexpr std::array<std::string_view, kSchemaVersion> kMigrations = {
    R"sql(
CREATE TABLE schema_history (
  version INTEGER PRIMARY KEY,
  applied_by TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE log_position (
  path TEXT PRIMARY KEY,
  device INTEGER NOT NULL,
  inode INTEGER NOT NULL,
  head_size INTEGER NOT NULL,
  head_sha256 TEXT NOT NULL,
  offset INTEGER NOT NULL,
  line INTEGER NOT NULL,
  updated TEXT NOT NULL
);
CREATE INDEX log_position_head ON log_position (head_sha256);
CREATE TABLE finding_seen (
  id TEXT PRIMARY KEY,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE TABLE file_result (
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  inode INTEGER NOT NULL,
  ruleset_sha256 TEXT NOT NULL,
  result TEXT NOT NULL
);
CREATE TABLE person_day (
  person TEXT NOT NULL,
  day TEXT NOT NULL,
  aggregates TEXT NOT NULL,
  PRIMARY KEY (person, day)
);
)sql",
    R"sql(
ALTER TABLE log_position ADD COLUMN format TEXT NOT NULL DEFAULT '';
ALTER TABLE log_position ADD COLUMN context_lines INTEGER NOT NULL DEFAULT 0;
ALTER TABLE log_position ADD COLUMN raw_size INTEGER NOT NULL DEFAULT -1;
ALTER TABLE log_position ADD COLUMN raw_mtime_ns INTEGER NOT NULL DEFAULT 0;
)sql",
    R"sql(
CREATE TABLE detection_memo (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  key TEXT NOT NULL,
  findings BLOB NOT NULL
);
CREATE INDEX person_day_day ON person_day (day);
)sql",
    R"sql(
DROP TABLE detection_memo;
CREATE TABLE detection_memo (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  key TEXT NOT NULL,
  findings INTEGER NOT NULL
);
CREATE TABLE memo_finding (
  seq INTEGER PRIMARY KEY,
  finding BLOB NOT NULL
);
)sql",
};

constexpr std::array<std::string_view, 5> kTables = {
    "log_position", "finding_seen", "file_result", "person_day",
    "memo_finding"};

void refuse_newer(const Database& db, int64_t version) {
  if (version > kSchemaVersion)
    throw Error(fmt::format("state {}: written by a newer mamori (schema "
                            "version {}, this one reads up to {}); use that "
                            "version or another state file",
                            db.path(), version, kSchemaVersion),
                kExitUsage);
  if (version < 0)
    throw Error(fmt::format("state {}: not a mamori state (schema version {})",
                            db.path(), version),
                kExitUsage);
}

}  // namespace

StateStore::StateStore(const std::string& path, const StoreOptions& options)
    : db_(path, OpenOptions{options.create && !options.read_only,
                            options.busy_timeout_ms}) {
  // Reading the version first also checks that the file is a database.
  refuse_newer(db_, db_.query_int("PRAGMA user_version"));
  if (options.read_only)
    return;
  db_.exec("PRAGMA journal_mode=WAL");
  db_.exec("PRAGMA synchronous=FULL");
  // Read pages through a mapping: the history and the detection memo are
  // large records on chains of overflow pages, one read() each otherwise.
  db_.exec("PRAGMA mmap_size=1073741824");
  try {
    db_.exec("BEGIN IMMEDIATE");
  } catch (const Error&) {
    throw Error(fmt::format("state {}: in use by another run (waited {} ms); "
                            "try again when it has finished",
                            path, options.busy_timeout_ms),
                kExitUsage);
  }
  in_transaction_ = true;
  migrate();
}

StateStore::~StateStore() {
  if (!in_transaction_)
    return;
  try {
    db_.exec("ROLLBACK");
  } catch (const Error&) {
    // Closing the connection rolls back as well.
  }
}

void StateStore::migrate() {
  // Read again under the lock: another run may have migrated meanwhile.
  const int64_t version = db_.query_int("PRAGMA user_version");
  refuse_newer(db_, version);
  for (int64_t v = version; v < kSchemaVersion; ++v) {
    db_.exec(kMigrations[static_cast<size_t>(v)]);
    Statement(db_,
              "INSERT INTO schema_history (version, applied_by) VALUES (?, ?)")
        .bind(1, v + 1)
        .bind(2, "mamori " MAMORI_VERSION)
        .run();
    db_.exec(fmt::format("PRAGMA user_version = {}", v + 1));
  }
}

void StateStore::commit() {
  if (!in_transaction_)
    throw Error(fmt::format("state {}: nothing to commit", db_.path()));
  db_.exec("COMMIT");
  in_transaction_ = false;
}

Statement& StateStore::prepared(std::unique_ptr<Statement>& slot,
                                std::string_view sql) {
  if (!slot)
    slot = std::make_unique<Statement>(db_, sql);
  else
    slot->reset();
  return *slot;
}

FindingSeen StateStore::remember_finding(const std::string& id,
                                         const std::string& now,
                                         const std::string& summary) {
  FindingSeen seen;
  Statement& find =
      prepared(find_seen_, "SELECT first_seen FROM finding_seen WHERE id = ?");
  find.bind(1, id);
  const bool known = find.step();
  if (known)
    seen.first_seen = find.column_text(0);
  find.reset();  // no read left open across the run's commit
  if (known) {
    seen.is_new = false;
    prepared(update_seen_,
             "UPDATE finding_seen SET last_seen = ?, summary = ? WHERE id = ?")
        .bind(1, now)
        .bind(2, summary)
        .bind(3, id)
        .run();
    return seen;
  }
  prepared(insert_seen_,
           "INSERT INTO finding_seen (id, first_seen, last_seen, summary) "
           "VALUES (?, ?, ?, ?)")
      .bind(1, id)
      .bind(2, now)
      .bind(3, now)
      .bind(4, summary)
      .run();
  return seen;
}

int64_t StateStore::prune(const std::string& today, int keep_days) {
  // The cutoff as a value, so that the index of person_day by day serves
  // (SQLite does not look through date() into an index).
  Statement cutoff_of(db_, "SELECT date(?1, '-' || ?2 || ' days')");
  cutoff_of.bind(1, today).bind(2, int64_t{keep_days});
  if (!cutoff_of.step() || cutoff_of.column_is_null(0))
    throw Error(
        fmt::format("state prune: `{}` is not a date (YYYY-MM-DD)", today),
        kExitUsage);
  const std::string cutoff = cutoff_of.column_text(0);
  const auto remove = [&](const std::string& sql) {
    Statement(db_, sql).bind(1, cutoff).run();
    return db_.query_int("SELECT changes()");
  };
  const int64_t days = remove("DELETE FROM person_day WHERE day < ?1");
  // The last detection was made from days that are gone now.
  if (days > 0)
    forget_detection_memo(db_);
  return days +
         remove(
             "DELETE FROM finding_seen WHERE substr(last_seen, 1, 10) < ?1") +
         remove("DELETE FROM log_position WHERE substr(updated, 1, 10) < ?1");
}

std::vector<TableCount> StateStore::table_counts() {
  std::vector<TableCount> counts;
  if (schema_version() == 0)
    return counts;
  for (std::string_view table : kTables)
    counts.push_back(
        {std::string(table),
         db_.query_int(fmt::format("SELECT count(*) FROM {}", table))});
  return counts;
}

int64_t StateStore::schema_version() {
  return db_.query_int("PRAGMA user_version");
}

}  // namespace mamori::state
