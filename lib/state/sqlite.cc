// See sqlite.h. The one file that includes <sqlite3.h>.
#include "state/sqlite.h"

#include "common/error.h"

#include <fmt/format.h>

#include <limits>
#include <sqlite3.h>

namespace mamori::state {

namespace detail {
void close_database(sqlite3* db) noexcept {
  // sqlite3_close_v2 defers the close until the last statement is
  // finalized, so member order cannot leak the connection.
  sqlite3_close_v2(db);
}
void finalize_statement(sqlite3_stmt* stmt) noexcept {
  sqlite3_finalize(stmt);
}
}  // namespace detail

bool is_busy_code(int code) {
  const int primary = code & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

Database::Database(std::string path, const OpenOptions& options)
    : path_(std::move(path)) {
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                    (options.create ? SQLITE_OPEN_CREATE : 0);
  const int rc = sqlite3_open_v2(path_.c_str(), &raw, flags, nullptr);
  db_.reset(raw);  // owned even when the open failed (sqlite3 says so)
  if (rc != SQLITE_OK) {
    if (raw == nullptr)
      throw Error(fmt::format("state {}: cannot open: out of memory", path_));
    fail_with("cannot open", rc);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
}

void Database::fail_with(std::string_view what, int code) const {
  const char* reason = db_ ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(code);
  throw Error(fmt::format("state {}: {}: {}", path_, what, reason), kExitUsage);
}

void Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc =
      sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    const std::string reason = message != nullptr ? message : "";
    sqlite3_free(message);
    throw Error(fmt::format("state {}: {}: {}", path_,
                            is_busy_code(rc) ? "in use" : "cannot update",
                            reason.empty() ? sqlite3_errstr(rc) : reason),
                kExitUsage);
  }
}

int64_t Database::query_int(std::string_view sql) {
  Statement s(*this, sql);
  if (!s.step())
    fail_with("query returned no row", SQLITE_ERROR);
  return s.column_int(0);
}

Statement::Statement(const Database& db, std::string_view sql) : db_(&db) {
  sqlite3_stmt* raw = nullptr;
  if (sql.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
    db.fail_with("statement too long", SQLITE_TOOBIG);
  const int rc = sqlite3_prepare_v2(
      db.handle(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  stmt_.reset(raw);
  if (rc != SQLITE_OK)
    db.fail_with("cannot prepare a statement", rc);
}

void Statement::fail_here(std::string_view what) const {
  db_->fail_with(what, sqlite3_errcode(db_->handle()));
}

Statement& Statement::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_.get(), index, value) != SQLITE_OK)
    fail_here("cannot bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (text.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
    db_->fail_with("value too long", SQLITE_TOOBIG);
  if (sqlite3_bind_text(stmt_.get(), index, text.data(),
                        static_cast<int>(text.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK)
    fail_here("cannot bind");
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  if (sqlite3_bind_blob(stmt_.get(), index, bytes.data(),
                        static_cast<int>(bytes.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK)
    fail_here("cannot bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(stmt_.get(), index) != SQLITE_OK)
    fail_here("cannot bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW)
    return true;
  if (rc == SQLITE_DONE)
    return false;
  db_->fail_with(is_busy_code(rc) ? "in use" : "cannot read or write", rc);
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

int64_t Statement::column_int(int index) const {
  return sqlite3_column_int64(stmt_.get(), index);
}

std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(stmt_.get(), index);
  const int size = sqlite3_column_bytes(stmt_.get(), index);
  if (text == nullptr)
    return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(size));
}

std::string_view Statement::column_view(int index) const {
  const void* bytes = sqlite3_column_blob(stmt_.get(), index);
  const int size = sqlite3_column_bytes(stmt_.get(), index);
  if (bytes == nullptr)
    return {};
  return std::string_view(static_cast<const char*>(bytes),
                          static_cast<size_t>(size));
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_.get(), index) == SQLITE_NULL;
}

}  // namespace mamori::state
