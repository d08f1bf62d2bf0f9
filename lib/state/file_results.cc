// See file_results.h.
#include "state/file_results.h"

#include "content/tree_walker.h"

#include <sys/stat.h>

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
      .bind_blob(6, result)
      .run();
}

namespace {

std::optional<FileKey> key_of(const content::WalkedFile& file) {
  struct stat st {};
  if (::stat(file.path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return std::nullopt;
  return FileKey{
      file.path.string(), static_cast<uint64_t>(st.st_size),
      int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + int64_t{st.st_mtim.tv_nsec},
      static_cast<uint64_t>(st.st_ino)};
}

}  // namespace

std::optional<std::string> StateFileCache::find(
    const content::WalkedFile& file) {
  const std::optional<FileKey> key = key_of(file);
  if (!key)
    return std::nullopt;
  return cached_file_result(db_, *key, key_);
}

void StateFileCache::keep(const content::WalkedFile& file, std::string result) {
  if (const std::optional<FileKey> key = key_of(file))
    save_file_result(db_, *key, key_, result);
}

}  // namespace mamori::state
