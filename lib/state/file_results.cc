// See file_results.h.
#include "state/file_results.h"

#include "content/tree_walker.h"

#include <string>
#include <sys/stat.h>
#include <unordered_set>
#include <vector>

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

void StateFileCache::walked(const std::vector<std::filesystem::path>& roots,
                            const std::vector<content::WalkedFile>& files) {
  std::unordered_set<std::string> found;
  found.reserve(files.size());
  for (const content::WalkedFile& file : files)
    found.insert(file.path.string());
  // Under a root: the root itself, and the paths from "root/" up to but
  // not including "root0" ('0' follows '/'), which the key's index finds.
  Statement under(db_,
                  "SELECT path FROM file_result WHERE path = ?1 OR (path >= "
                  "?2 AND path < ?3)");
  Statement forget(db_, "DELETE FROM file_result WHERE path = ?");
  for (const std::filesystem::path& root : roots) {
    std::string dir = root.string();
    while (dir.size() > 1 && dir.back() == '/')
      dir.pop_back();
    const std::string prefix = dir == "/" ? dir : dir + '/';
    std::string end = prefix;
    end.back() = '0';
    under.bind(1, dir).bind(2, prefix).bind(3, end);
    std::vector<std::string> gone;
    while (under.step()) {
      std::string path = under.column_text(0);
      if (!found.contains(path))
        gone.push_back(std::move(path));
    }
    under.reset();
    for (const std::string& path : gone)
      forget.bind(1, path).run();
  }
}

}  // namespace mamori::state
