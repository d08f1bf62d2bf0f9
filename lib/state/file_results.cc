// See file_results.h.
#include "state/file_results.h"

namespace mamori::state {

std::optional<std::string> cached_file_result(
    Database& db, const FileKey& key, const std::string& ruleset_sha256) {
  Statement s(db,
              "SELECT result FROM file_result WHERE path = ? AND size = ? AND "
              "mtime_ns = ? AND inode = ? AND ruleset_sha256 = ?");
  s.bind(1, key.path)
      .bind(2, static_cast<int64_t>(key.size))
      .bind(3, key.mtime_ns)
      .bind(4, static_cast<int64_t>(key.inode))
      .bind(5, ruleset_sha256);
  if (!s.step())
    return std::nullopt;
  return s.column_text(0);
}

void save_file_result(Database& db, const FileKey& key,
                      const std::string& ruleset_sha256,
                      const std::string& result) {
  Statement(db,
            "INSERT OR REPLACE INTO file_result (path, size, mtime_ns, inode, "
            "ruleset_sha256, result) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, key.path)
      .bind(2, static_cast<int64_t>(key.size))
      .bind(3, key.mtime_ns)
      .bind(4, static_cast<int64_t>(key.inode))
      .bind(5, ruleset_sha256)
      .bind(6, result)
      .run();
}

}  // namespace mamori::state
