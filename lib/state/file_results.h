// Per-file memory of content scans (--state, issue 13 item 1): a file on a
// share whose size, modification time and inode are unchanged, matched by
// the same rule set (rules and register, hashed together by the caller),
// is not matched again; its stored result is used instead. Any change to
// the file or to the rule set misses the cache and the file is matched. A
// file that the walk of its root no longer finds is forgotten, so the table
// follows the shares rather than growing with every file they ever held.
#pragma once

#include "state/sqlite.h"

#include "content/content_scanner.h"

#include <cstdint>
#include <optional>
#include <string>

namespace mamori::state {

struct FileKey {
  std::string path;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t inode = 0;
};

// The result stored for `key` under `ruleset_sha256`, nullopt when the file
// or the rule set changed or the file was never matched.
std::optional<std::string> cached_file_result(
    Database& db, const FileKey& key, const std::string& ruleset_sha256);

// Stores (or replaces) the result of matching `key`.
void save_file_result(Database& db, const FileKey& key,
                      const std::string& ruleset_sha256,
                      const std::string& result);

// The content scanner's FileCache over the state's file_result table: a
// file is known by its path, size, modification time and inode, its result
// by content::result_key().
class StateFileCache : public content::FileCache {
 public:
  StateFileCache(Database& db, std::string key)
      : db_(db), key_(std::move(key)) {}
  std::optional<std::string> find(const content::WalkedFile& file) override;
  void keep(const content::WalkedFile& file, std::string result) override;
  // Forgets the files under `roots` that the walk no longer finds, so the
  // state follows a share whose files are deleted or renamed.
  void walked(const std::vector<std::filesystem::path>& roots,
              const std::vector<content::WalkedFile>& files) override;

 private:
  Database& db_;
  std::string key_;
};

}  // namespace mamori::state
