// The nightly state (--state PATH, issue 13 item 1): one SQLite database
// that lets tonight's run continue where last night's stopped.
//
// Design.
// - One run, one connection, one transaction. The constructor opens the
//   database in WAL mode and begins an IMMEDIATE transaction, which takes
//   SQLite's write lock: that is the run's exclusive lock. A second run on
//   the same state waits up to `busy_timeout_ms` and then ends with exit 2
//   and "state PATH: in use by another run" (it never writes). Readers
//   (`mamori state show`) are not blocked by WAL.
// - Everything a run learns (where each log stopped, findings seen, files
//   matched) is written inside that transaction and made durable by
//   commit(), which the scan calls after the report is written. A run
//   killed at any moment before the commit leaves the state as the last
//   finished run left it (WAL discards uncommitted frames on the next
//   open), so the next run reads again exactly the lines the killed run
//   had read and no other: nothing missed, nothing counted twice. A kill
//   after the report but before the commit re-reports that night's
//   findings as new, which is the safe side (committing first would lose
//   them).
// - The schema is versioned by `PRAGMA user_version`. kMigrations[i] takes
//   a database from version i to i + 1; each applied step is recorded in
//   `schema_history`. A database whose version is above
//   kSchemaVersion was written by a newer mamori and is refused (exit 2),
//   never downgraded or touched.
// - Tables (version 1; version 2 adds to log_position the format, the
//   context lines and the file's size and time on disk; version 3 adds
//   detection_memo, and an index of person_day by day for expiry; version
//   4 keeps the memo's findings one per row):
//     log_position   one row per log series (log_positions.h)
//     finding_seen   per finding id: first and last seen, last summary
//     file_result    per file: size, mtime, inode, rule-set hash, result
//     person_day     per person and day: the behaviour model's aggregates
//     detection_memo the key of the last detection (detection_memo.h)
//     memo_finding  its log findings, one per row
//   Days older than the expiry (default 180) are dropped by prune().
#pragma once

#include "state/sqlite.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mamori::state {

// The schema this mamori writes; migrations lead up to it.
inline constexpr int64_t kSchemaVersion = 4;

struct StoreOptions {
  // How long to wait for another run that holds the state.
  int busy_timeout_ms = 5000;
  // Create the database when missing (scan); `state show` does not.
  bool create = true;
  // Read only: no migration, no write lock (`state show`).
  bool read_only = false;
};

// What a finding's memory says about it this run.
struct FindingSeen {
  bool is_new = true;
  std::string first_seen;  // as given to remember_finding(), empty if new
};

// A count per table, for `mamori state show`.
struct TableCount {
  std::string table;
  int64_t rows = 0;
};

class StateStore {
 public:
  // Opens (or creates) the state, migrates it to kSchemaVersion and begins
  // the run's transaction. Throws mamori::Error (exit 2) when the state is
  // held by another run, is not an SQLite database, or is newer.
  StateStore(const std::string& path, const StoreOptions& options);
  // Rolls back when commit() was not called.
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  // Makes the run's writes durable and ends the transaction. Once.
  void commit();

  // Records that finding `id` was reported at `now` (an ISO time) with the
  // given one-line summary; says whether it is new. A finding already known
  // keeps its first_seen and gets the new last_seen and summary (a finding
  // that grew is updated, not duplicated).
  FindingSeen remember_finding(const std::string& id, const std::string& now,
                               const std::string& summary);

  // Drops what is older than `keep_days` days before `today` (YYYY-MM-DD):
  // person-days and findings last seen before then. Returns rows removed.
  // Removing a person-day forgets the detection memo.
  int64_t prune(const std::string& today, int keep_days);

  std::vector<TableCount> table_counts();
  int64_t schema_version();

  Database& database() { return db_; }

 private:
  void migrate();
  // A statement of this store's, prepared once and reset for each use.
  Statement& prepared(std::unique_ptr<Statement>& slot, std::string_view sql);

  Database db_;
  bool in_transaction_ = false;
  // Declared after db_, so finalized before it closes.
  std::unique_ptr<Statement> find_seen_;
  std::unique_ptr<Statement> update_seen_;
  std::unique_ptr<Statement> insert_seen_;
};

}  // namespace mamori::state
