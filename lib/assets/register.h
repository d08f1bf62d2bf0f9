// The core-technology asset register (spec/assets.md): a TOML file naming
// each asset, where it lives, who may touch it and how to recognise it.
#pragma once

#include "common/diagnostics.h"
#include "common/glob.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mamori::assets {

enum class Sensitivity { kCore, kConfidential, kInternal };
std::string_view to_string(Sensitivity s);
std::optional<Sensitivity> parse_sensitivity(std::string_view name);

// True for a name usable as a YARA tag and inside a rule name:
// [A-Za-z_][A-Za-z0-9_]*, at most 100 characters, not a YARA keyword.
bool is_yara_identifier(std::string_view s);
// True for 64 hex digits of either case.
bool is_sha256_hex(std::string_view s);

struct Asset {
  std::string id;    // a YARA identifier, unique in the register
  std::string name;  // free text, any language
  Sensitivity sensitivity = Sensitivity::kInternal;
  std::string owner;
  std::string category;
  bool export_controlled = false;
  std::vector<PathGlob> paths;
  std::vector<std::string> authorized;  // "tanaka", "group:mlcc-team"
  std::vector<std::string> keywords;
  std::vector<std::string> hashes;  // lower-case SHA-256 hex, hash_files too
  int line = 0;                     // where [[asset]] starts in the file
};

class Register {
 public:
  Register() = default;  // an empty register: no assets declared

  const std::vector<Asset>& assets() const { return assets_; }
  const Asset* find(std::string_view id) const;
  // Assets whose `paths` globs match a normalised path (spec/inputs.md).
  std::vector<const Asset*> match_path(std::string_view path) const;
  // Assets that declare this SHA-256 (lower-case hex).
  std::vector<const Asset*> match_hash(std::string_view sha256) const;
  const std::filesystem::path& file() const { return file_; }
  bool empty() const { return assets_.empty(); }

  // Internal to the loader.
  void add(Asset asset);
  void set_file(std::filesystem::path file) { file_ = std::move(file); }

 private:
  std::vector<Asset> assets_;
  std::unordered_map<std::string, std::vector<size_t>> by_hash_;
  std::filesystem::path file_;
};

// Reads and validates a register. Every problem is reported to `problems`
// as an error notice with `source` "file:line:column" (code "register"), all
// of them in one pass; nullopt when there was any, so a register is never
// partly applied.
std::optional<Register> load_register(const std::filesystem::path& file,
                                      Diagnostics& problems);

}  // namespace mamori::assets
