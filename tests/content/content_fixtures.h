// Fixtures for the content tests: temporary trees, archives written with
// libarchive's write API (so the tests need no external tool), and a small
// rule set compiled from a string.
#pragma once

#include "assets/register.h"
#include "common/diagnostics.h"
#include "content/content_scanner.h"
#include "rules/rule_set.h"

#include <archive.h>
#include <archive_entry.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <stdlib.h>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mamori::content::testing {

namespace fs = std::filesystem;

// A directory under /tmp, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "mamori-content-XXXXXX");
    REQUIRE(::mkdtemp(templ.data()) != nullptr);
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

inline void write_file(const fs::path& path, const std::string& data) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << data;
  REQUIRE(out.good());
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Entry {
  std::string name;
  std::string data;
};

// Which writer format and filter to use, by libarchive name
// ("zip", "gnutar", "7zip", "cpio", "iso9660"...; filter "gzip", "none").
struct ArchiveSpec {
  std::string format = "zip";
  std::string filter = "none";
  std::vector<std::string> options;  // archive_write_set_options strings
  std::string passphrase;            // non-empty: encrypt (zip)
};

inline ArchiveSpec spec(std::string format, std::string filter = "none",
                        std::vector<std::string> options = {},
                        std::string passphrase = {}) {
  return {std::move(format), std::move(filter), std::move(options),
          std::move(passphrase)};
}

inline std::string make_archive(const ArchiveSpec& spec,
                                const std::vector<Entry>& entries) {
  archive* a = archive_write_new();
  REQUIRE(a != nullptr);
  REQUIRE(archive_write_set_format_by_name(a, spec.format.c_str()) ==
          ARCHIVE_OK);
  if (spec.filter != "none") {
    REQUIRE_MESSAGE(
        archive_write_add_filter_by_name(a, spec.filter.c_str()) == ARCHIVE_OK,
        archive_error_string(a));
  }
  for (const std::string& option : spec.options) {
    REQUIRE_MESSAGE(archive_write_set_options(a, option.c_str()) == ARCHIVE_OK,
                    archive_error_string(a));
  }
  if (!spec.passphrase.empty()) {
    REQUIRE(archive_write_set_passphrase(a, spec.passphrase.c_str()) ==
            ARCHIVE_OK);
  }
  // No padding to a 10 KiB block: truncating a fixture must cut its data.
  archive_write_set_bytes_in_last_block(a, 1);
  std::string out;
  auto writer = [](archive*, void* user, const void* buf,
                   size_t n) -> la_ssize_t {
    static_cast<std::string*>(user)->append(static_cast<const char*>(buf), n);
    return static_cast<la_ssize_t>(n);
  };
  REQUIRE_MESSAGE(archive_write_open2(a, &out, nullptr, writer, nullptr,
                                      nullptr) == ARCHIVE_OK,
                  archive_error_string(a));
  for (const Entry& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(e.data.size()));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_mtime(entry, 1700000000, 0);
    REQUIRE_MESSAGE(archive_write_header(a, entry) == ARCHIVE_OK,
                    archive_error_string(a));
    if (!e.data.empty()) {
      REQUIRE(archive_write_data(a, e.data.data(), e.data.size()) ==
              static_cast<la_ssize_t>(e.data.size()));
    }
    archive_entry_free(entry);
  }
  REQUIRE(archive_write_close(a) == ARCHIVE_OK);
  archive_write_free(a);
  return out;
}

inline std::string make_zip(const std::vector<Entry>& entries) {
  return make_archive({}, entries);
}

// A register (written to `dir`) whose one core asset, `lens`, has `keyword`
// as its keyword.
inline assets::Register keyword_register(const fs::path& dir,
                                         std::string_view keyword) {
  write_file(dir / "assets.toml",
             "version = 1\n[[asset]]\nid = \"lens\"\nname = \"Lens\"\n"
             "sensitivity = \"core\"\nkeywords = [\"" +
                 std::string(keyword) + "\"]\n");
  Diagnostics diag;
  auto loaded = assets::load_register(dir / "assets.toml", diag);
  REQUIRE(loaded.has_value());
  return std::move(*loaded);
}

// Rules are compiled from text written next to the tree (never inside it).
class RuleFixture {
 public:
  explicit RuleFixture(const std::string& source,
                       const assets::Register& reg = assets::Register()) {
    fs::path file = dir_ / "rules.yar";
    write_file(file, source);
    Diagnostics problems;
    rules::RuleSources sources;
    sources.paths = {file};
    sources.default_rules = false;
    rules_ = rules::RuleSet::compile(sources, reg, problems);
    REQUIRE(rules_.has_value());
  }
  const rules::RuleSet& get() const { return *rules_; }

 private:
  TempDir dir_;
  std::optional<rules::RuleSet> rules_;
};

// One rule per keyword: `secret` finds "PRJ-SECRET-0042".
inline const char* kSecretRule = R"(
rule secret : core_asset { strings: $a = "PRJ-SECRET-0042" condition: $a }
)";
inline const char* kSecret = "PRJ-SECRET-0042";

inline std::vector<std::string> codes(const Diagnostics& diag) {
  std::vector<std::string> out;
  for (const Notice& n : diag.sorted())
    out.push_back(n.code);
  return out;
}

inline std::optional<Notice> find_notice(const Diagnostics& diag,
                                         const std::string& code) {
  for (const Notice& n : diag.sorted()) {
    if (n.code == code)
      return n;
  }
  return std::nullopt;
}

inline const ObjectHit* find_hit(const Results& results,
                                 const Location& location) {
  for (const ObjectHit& hit : results.hits) {
    if (hit.location == location)
      return &hit;
  }
  return nullptr;
}

inline const ContainerRecord* find_archive(const Results& results,
                                           const Location& location) {
  for (const ContainerRecord& info : results.archives) {
    if (info.location == location)
      return &info;
  }
  return nullptr;
}

}  // namespace mamori::content::testing
