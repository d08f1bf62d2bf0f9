// Helpers shared by the unit tests: scoped temporary directories and files.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace mamori::test {

// A fresh directory under the system temp dir, removed with its contents on
// destruction, even when an assertion fails.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to `name` (subdirectories created) and returns its path.
  std::filesystem::path write(std::string_view name,
                              std::string_view content) const;

 private:
  std::filesystem::path path_;
};

}  // namespace mamori::test
