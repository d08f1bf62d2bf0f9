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

// A similarity digest (common/similarity_hash.h) of a declared file named in
// a hash_files listing: of its bytes, or of the text layer of the file or of
// one of its parts (a .docx's "word/document.xml"). A part is fingerprinted
// on its own, and the scan compares each object it examines (file, member,
// part) with these one by one: a re-saved .docx has every zip byte changed
// but the same text in the same part, and matching part with part needs no
// document reassembled from its members in the scan.
struct Fingerprint {
  std::string file;    // as the listing names it
  std::string part;    // "" for the file itself
  std::string layer;   // "bytes" or "text"
  std::string digest;  // ssdeep
};

// A declared file an object resembles, and how closely (0-100).
struct Resemblance {
  std::string asset;
  std::string file;
  std::string part;
  std::string layer;
  int score = 0;
  bool operator==(const Resemblance&) const = default;
};

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
  // Of the files named in hash_files that could be read, resolved against
  // the listing's folder (where sha256sum -c looks for them).
  std::vector<Fingerprint> fingerprints;
  int line = 0;  // where [[asset]] starts in the file
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
  // Declared files whose `layer` digest scores at least `threshold` against
  // `digest`: the best per asset, highest score first.
  std::vector<Resemblance> match_similar(const std::string& digest,
                                         std::string_view layer,
                                         int threshold) const;
  bool has_fingerprints() const;
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
