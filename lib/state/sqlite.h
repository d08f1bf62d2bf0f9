// A thin RAII wrapper over the SQLite C API for the nightly state
// (--state, issue 13 item 1): one Database owns one connection, one
// Statement owns one prepared statement. Only lib/state includes
// <sqlite3.h>; the handles are forward-declared here.
//
// Every failure throws mamori::Error with a one-line message that names the
// database's path ("state /var/lib/mamori/state.db: <what>: <sqlite's
// reason>"): the state configures the run, so a state that cannot be used
// ends it (exit 2, spec/cli.md), before any report is written.
#pragma once

#include "common/handle.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace mamori::state {

namespace detail {
void close_database(sqlite3* db) noexcept;
void finalize_statement(sqlite3_stmt* stmt) noexcept;
}  // namespace detail

class Database;

// One prepared statement. Bind parameters by their 1-based index, call
// step() until it returns false, read columns by their 0-based index.
// reset() makes it ready to run again with new bindings.
class Statement {
 public:
  Statement(const Database& db, std::string_view sql);

  Statement& bind(int index, int64_t value);
  Statement& bind(int index, std::string_view text);
  // Bytes that need not be text (read back with column_text).
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  // True while a row is available; false when done.
  bool step();
  // Runs a statement that returns no row.
  void run();
  void reset();

  int64_t column_int(int index) const;
  std::string column_text(int index) const;
  // The column's bytes in place: valid until the next step(), reset() or
  // the statement's end.
  std::string_view column_view(int index) const;
  bool column_is_null(int index) const;

 private:
  [[noreturn]] void fail_here(std::string_view what) const;

  const Database* db_;
  CHandle<sqlite3_stmt, detail::finalize_statement> stmt_;
};

// How a database is opened.
struct OpenOptions {
  bool create = true;       // create the file when it is missing
  int busy_timeout_ms = 0;  // how long to wait for another connection's lock
};

class Database {
 public:
  Database(std::string path, const OpenOptions& options);

  // Runs one or more statements that return no row.
  void exec(std::string_view sql);
  // The single integer of a one-row, one-column query.
  int64_t query_int(std::string_view sql);

  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_.get(); }
  // "state <path>: <what>: <sqlite's message>".
  [[noreturn]] void fail_with(std::string_view what, int code) const;

 private:
  std::string path_;
  CHandle<sqlite3, detail::close_database> db_;
};

// True when the last error of `db` was SQLITE_BUSY or SQLITE_LOCKED: another
// connection holds a lock that the wait could not outlast.
bool is_busy_code(int code);

}  // namespace mamori::state
