// Helpers shared by the assets and rules tests: a temporary directory that
// removes itself, and writing fixtures into it.
#pragma once

#include "common/diagnostics.h"

#include <doctest/doctest.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("mamori-rules-test-" + std::to_string(random()) +
             std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const {
    return path_ / name;
  }

  // Writes `bytes` to `name` (folders created) and returns the full path.
  std::filesystem::path write(std::string_view name,
                              std::string_view bytes) const {
    const std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out.good());
    return file;
  }

 private:
  std::filesystem::path path_;
};

inline std::span<const std::byte> as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

// "source: message" of every notice, in the order Diagnostics sorts them.
inline std::vector<std::string> notice_lines(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Notice& n : d.sorted()) {
    out.push_back((n.level == Level::kError ? "error " : "warning ") +
                  n.source + ": " + n.message);
  }
  return out;
}

inline std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines)
    out += l + "\n";
  return out;
}

}  // namespace mamori::testing

// Vectors of strings print in full when a CHECK fails.
namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string out = "{";
    for (const auto& s : v)
      out += "\n  \"" + s + "\"";
    out += "}";
    return String(out.c_str());
  }
};
}  // namespace doctest
