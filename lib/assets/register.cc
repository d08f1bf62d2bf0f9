// Loading and querying the asset register (spec/assets.md). The loader reads
// the whole TOML document first, then checks every key and value, collecting
// each problem with its exact position, so a person fixing a register sees
// all of its mistakes in one run; a register with any problem is discarded
// whole, never partly applied.
#include "assets/register.h"

#include "assets/fingerprint.h"
#include "assets/keyword_check.h"
#include "common/similarity_hash.h"
#include "common/text.h"
#include "common/toml_depth.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

namespace mamori::assets {

std::string_view to_string(Sensitivity s) {
  switch (s) {
    case Sensitivity::kCore:
      return "core";
    case Sensitivity::kConfidential:
      return "confidential";
    case Sensitivity::kInternal:
      return "internal";
  }
  return "internal";
}

std::optional<Sensitivity> parse_sensitivity(std::string_view name) {
  if (name == "core")
    return Sensitivity::kCore;
  if (name == "confidential")
    return Sensitivity::kConfidential;
  if (name == "internal")
    return Sensitivity::kInternal;
  return std::nullopt;
}

bool is_yara_identifier(std::string_view s) {
  // The words of the YARA grammar cannot be tags or rule-name parts.
  static constexpr std::string_view kReserved[] = {
      "all",        "and",        "any",       "ascii",       "at",
      "base64",     "base64wide", "condition", "contains",    "endswith",
      "entrypoint", "false",      "filesize",  "for",         "fullword",
      "global",     "icontains",  "iendswith", "iequals",     "import",
      "in",         "include",    "int16",     "int16be",     "int32",
      "int32be",    "int8",       "int8be",    "istartswith", "matches",
      "meta",       "nocase",     "none",      "not",         "of",
      "or",         "private",    "rule",      "startswith",  "strings",
      "them",       "true",       "uint16",    "uint16be",    "uint32",
      "uint32be",   "uint8",      "uint8be",   "wide",        "xor",
      "defined"};
  // Rule names are limited to 128 characters; "asset_" + id + "_keywords"
  // must fit.
  if (s.empty() || s.size() > 100)
    return false;
  auto alpha = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  if (!alpha(s[0]))
    return false;
  for (char c : s) {
    if (!alpha(c) && !is_digit(c))
      return false;
  }
  return std::find(std::begin(kReserved), std::end(kReserved), s) ==
         std::end(kReserved);
}

bool is_sha256_hex(std::string_view s) {
  if (s.size() != 64)
    return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

const Asset* Register::find(std::string_view id) const {
  for (const Asset& a : assets_) {
    if (a.id == id)
      return &a;
  }
  return nullptr;
}

std::vector<const Asset*> Register::match_path(std::string_view path) const {
  std::vector<const Asset*> out;
  for (const Asset& a : assets_) {
    const bool hit =
        std::any_of(a.paths.begin(), a.paths.end(),
                    [&](const PathGlob& g) { return g.matches(path); });
    if (hit)
      out.push_back(&a);
  }
  return out;
}

std::vector<const Asset*> Register::match_hash(std::string_view sha256) const {
  std::vector<const Asset*> out;
  const auto it = by_hash_.find(to_lower(sha256));
  if (it == by_hash_.end())
    return out;
  for (size_t index : it->second)
    out.push_back(&assets_[index]);
  return out;
}

bool Register::has_fingerprints() const {
  return std::any_of(assets_.begin(), assets_.end(),
                     [](const Asset& a) { return !a.fingerprints.empty(); });
}

// A linear search: a register declares a few files, not thousands.
std::vector<Resemblance> Register::match_similar(const std::string& digest,
                                                 std::string_view layer,
                                                 int threshold) const {
  std::vector<Resemblance> out;
  for (const Asset& a : assets_) {
    Resemblance best;
    for (const Fingerprint& f : a.fingerprints) {
      if (f.layer != layer)
        continue;
      const int score = similarity_score(digest, f.digest);
      if (score >= threshold && score > best.score)
        best = {a.id, f.file, f.part, f.layer, score};
    }
    if (best.score > 0)
      out.push_back(std::move(best));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Resemblance& x, const Resemblance& y) {
                     return x.score > y.score;
                   });
  return out;
}

void Register::add(Asset asset) {
  const size_t index = assets_.size();
  for (const std::string& h : asset.hashes) {
    auto& owners = by_hash_[h];
    // A hash listed twice by one asset still names the asset once.
    if (owners.empty() || owners.back() != index)
      owners.push_back(index);
  }
  assets_.push_back(std::move(asset));
}

namespace {

// Everything the checks need to report a problem at a place in the file.
class Loader {
 public:
  Loader(std::filesystem::path file, Diagnostics& problems)
      : file_(std::move(file)), display_(file_.string()), problems_(problems) {}

  std::optional<Register> load();

 private:
  template <typename... Args>
  void problem_at(const toml::source_region& where,
                  fmt::format_string<Args...> format, Args&&... args) {
    failed_ = true;
    problems_.error_at(
        "register",
        fmt::format("{}:{}:{}", display_, where.begin.line, where.begin.column),
        format, std::forward<Args>(args)...);
  }

  template <typename... Args>
  void warning_at(const toml::source_region& where,
                  fmt::format_string<Args...> format, Args&&... args) {
    problems_.warn_at(
        "keyword",
        fmt::format("{}:{}:{}", display_, where.begin.line, where.begin.column),
        format, std::forward<Args>(args)...);
  }

  void check_version(const toml::table& root);
  void check_assets(const toml::table& root, Register& reg);
  std::optional<Asset> read_asset(const toml::table& table);
  void read_string(const toml::table& t, std::string_view key, std::string& out,
                   bool required);
  std::vector<std::pair<std::string, toml::source_region>> read_strings(
      const toml::table& t, std::string_view key);
  void read_paths(const toml::table& t, Asset& asset);
  void read_hashes(const toml::table& t, Asset& asset);
  void fingerprint_listed(const std::filesystem::path& folder,
                          const std::string& name, Asset& asset);
  void read_hash_file(const std::string& name, const toml::source_region& where,
                      Asset& asset);

  std::filesystem::path file_;
  std::string display_;
  Diagnostics& problems_;
  bool failed_ = false;
  std::unordered_map<std::string, uint32_t> first_line_of_id_;
};

constexpr std::string_view kAssetKeys[] = {
    "id",     "name",       "sensitivity",
    "owner",  "category",   "export_controlled",
    "paths",  "authorized", "keywords",
    "hashes", "hash_files"};

std::optional<std::string> read_file_bytes(const std::filesystem::path& file,
                                           std::string* error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    *error = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    *error = "read error";
    return std::nullopt;
  }
  return std::move(buffer).str();
}

std::optional<Register> Loader::load() {
  std::string error;
  const auto text = read_file_bytes(file_, &error);
  if (!text) {
    problems_.error_at("register", display_, "cannot read register: {}", error);
    return std::nullopt;
  }
  if (const auto deep = find_deep_toml_nesting(*text)) {
    failed_ = true;
    problems_.error_at("register", fmt::format("{}:{}", display_, deep->line),
                       "TOML nested deeper than {} levels (table names, "
                       "dotted keys, arrays): not read",
                       kMaxTomlNesting);
    return std::nullopt;
  }
  toml::table root;
  try {
    root = toml::parse(*text, display_);
  } catch (const toml::parse_error& e) {
    problem_at(e.source(), "TOML syntax error: {}",
               escape_for_display(e.description()));
    return std::nullopt;
  }
  for (const auto& [key, value] : root) {
    if (key.str() != "version" && key.str() != "asset") {
      problem_at(key.source(), "unknown key '{}'",
                 escape_for_display(key.str()));
    }
  }
  check_version(root);
  Register reg;
  reg.set_file(file_);
  check_assets(root, reg);
  if (failed_)
    return std::nullopt;
  return reg;
}

void Loader::check_version(const toml::table& root) {
  const toml::node* version = root.get("version");
  if (version == nullptr) {
    problem_at(root.source(), "missing required key 'version'");
    return;
  }
  const auto* number = version->as_integer();
  if (number == nullptr) {
    problem_at(version->source(), "'version' must be an integer");
  } else if (number->get() != 1) {
    problem_at(version->source(),
               "unsupported register version {} (expected 1)", number->get());
  }
}

void Loader::check_assets(const toml::table& root, Register& reg) {
  const toml::node* node = root.get("asset");
  if (node == nullptr)
    return;  // a register that declares no asset yet
  const toml::array* list = node->as_array();
  if (list == nullptr || !list->is_array_of_tables()) {
    problem_at(node->source(), "'asset' must be a list of [[asset]] tables");
    return;
  }
  for (const toml::node& element : *list) {
    if (auto asset = read_asset(*element.as_table())) {
      reg.add(std::move(*asset));
    }
  }
}

std::optional<Asset> Loader::read_asset(const toml::table& table) {
  for (const auto& [key, value] : table) {
    if (std::find(std::begin(kAssetKeys), std::end(kAssetKeys), key.str()) ==
        std::end(kAssetKeys)) {
      problem_at(key.source(), "unknown key '{}' in [[asset]]",
                 escape_for_display(key.str()));
    }
  }
  Asset asset;
  asset.line = static_cast<int>(table.source().begin.line);
  read_string(table, "id", asset.id, true);
  if (const toml::node* id = table.get("id"); id && id->is_string()) {
    if (!is_yara_identifier(asset.id)) {
      problem_at(id->source(),
                 "asset id '{}' is not a YARA identifier "
                 "([A-Za-z_][A-Za-z0-9_]*, at most 100 characters, not a "
                 "YARA keyword)",
                 escape_for_display(asset.id));
    } else if (auto [it, fresh] =
                   first_line_of_id_.emplace(asset.id, id->source().begin.line);
               !fresh) {
      problem_at(id->source(),
                 "duplicate asset id '{}' (first declared on line {})",
                 asset.id, it->second);
    }
  }
  read_string(table, "name", asset.name, true);
  std::string sensitivity;
  read_string(table, "sensitivity", sensitivity, true);
  if (const toml::node* s = table.get("sensitivity"); s && s->is_string()) {
    if (auto parsed = parse_sensitivity(sensitivity)) {
      asset.sensitivity = *parsed;
    } else {
      problem_at(s->source(),
                 "bad sensitivity '{}' (expected core, confidential or "
                 "internal)",
                 escape_for_display(sensitivity));
    }
  }
  read_string(table, "owner", asset.owner, false);
  read_string(table, "category", asset.category, false);
  if (const toml::node* e = table.get("export_controlled")) {
    if (const auto* b = e->as_boolean()) {
      asset.export_controlled = b->get();
    } else {
      problem_at(e->source(), "'export_controlled' must be true or false");
    }
  }
  read_paths(table, asset);
  for (auto& [who, where] : read_strings(table, "authorized")) {
    if (trim(who).empty()) {
      problem_at(where, "empty entry in 'authorized'");
    }
    asset.authorized.push_back(std::move(who));
  }
  for (auto& [word, where] : read_strings(table, "keywords")) {
    if (word.empty()) {
      problem_at(where, "empty keyword");
    } else if (!is_valid_utf8(word)) {
      problem_at(where, "keyword is not valid UTF-8");
    } else if (const auto weak = weak_keyword(word)) {
      warning_at(where, "keyword '{}' is not specific enough: {}",
                 escape_for_display(word), *weak);
    }
    asset.keywords.push_back(std::move(word));
  }
  read_hashes(table, asset);
  return asset;
}

void Loader::read_string(const toml::table& t, std::string_view key,
                         std::string& out, bool required) {
  const toml::node* node = t.get(key);
  if (node == nullptr) {
    if (required) {
      problem_at(t.source(), "missing required key '{}' in [[asset]]", key);
    }
    return;
  }
  if (const auto* s = node->as_string()) {
    out = s->get();
    if (required && trim(out).empty()) {
      problem_at(node->source(), "'{}' must not be empty", key);
    }
  } else {
    problem_at(node->source(), "'{}' must be a string", key);
  }
}

// Values of an optional array-of-strings key with their positions; a wrong
// type is reported and yields nothing.
std::vector<std::pair<std::string, toml::source_region>> Loader::read_strings(
    const toml::table& t, std::string_view key) {
  std::vector<std::pair<std::string, toml::source_region>> out;
  const toml::node* node = t.get(key);
  if (node == nullptr)
    return out;
  const toml::array* list = node->as_array();
  if (list == nullptr) {
    problem_at(node->source(), "'{}' must be an array of strings", key);
    return out;
  }
  for (const toml::node& element : *list) {
    if (const auto* s = element.as_string()) {
      out.emplace_back(s->get(), element.source());
    } else {
      problem_at(element.source(), "entries of '{}' must be strings", key);
    }
  }
  return out;
}

void Loader::read_paths(const toml::table& t, Asset& asset) {
  for (const auto& [pattern, where] : read_strings(t, "paths")) {
    std::string error;
    if (auto glob = PathGlob::compile(pattern, &error)) {
      asset.paths.push_back(std::move(*glob));
    } else {
      problem_at(where, "bad path glob '{}': {}", escape_for_display(pattern),
                 error);
    }
  }
}

void Loader::read_hashes(const toml::table& t, Asset& asset) {
  for (const auto& [hash, where] : read_strings(t, "hashes")) {
    if (is_sha256_hex(hash)) {
      asset.hashes.push_back(to_lower(hash));
    } else {
      problem_at(where, "hash '{}' is not 64 hex digits (SHA-256)",
                 escape_for_display(hash));
    }
  }
  for (const auto& [name, where] : read_strings(t, "hash_files")) {
    read_hash_file(name, where, asset);
  }
}

// The file a listing names, when it is at hand beside the listing, gives
// the similarity digests a near copy is found by (similar_file). One that is
// not there declares its SHA-256 only: listings are often shipped without
// the files they list.
void Loader::fingerprint_listed(const std::filesystem::path& folder,
                                const std::string& name, Asset& asset) {
  const std::filesystem::path file = folder / name;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec) ||
      std::filesystem::file_size(file, ec) > kMaxFingerprintPart || ec)
    return;
  std::string error;
  if (const auto bytes = read_file_bytes(file, &error)) {
    for (Fingerprint& f :
         fingerprint_bytes(std::as_bytes(std::span(*bytes)), name))
      asset.fingerprints.push_back(std::move(f));
  }
}

// A sha256sum listing: "<64 hex> <space or *><name>" per line. Blank lines
// and '#' comments are allowed; anything else is reported with the listing's
// own line number, since that is the file the person has to fix.
void Loader::read_hash_file(const std::string& name,
                            const toml::source_region& where, Asset& asset) {
  const std::filesystem::path path = file_.parent_path() / name;
  std::string error;
  const auto text = read_file_bytes(path, &error);
  if (!text) {
    problem_at(where, "cannot read hash file '{}': {}",
               escape_for_display(name), error);
    return;
  }
  size_t line_number = 0;
  for (std::string_view line : split(*text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#')
      continue;
    const bool well_formed =
        line.size() >= 66 && is_sha256_hex(line.substr(0, 64)) &&
        line[64] == ' ' && (line[65] == ' ' || line[65] == '*');
    if (well_formed) {
      asset.hashes.push_back(to_lower(line.substr(0, 64)));
      fingerprint_listed(path.parent_path(), std::string(line.substr(66)),
                         asset);
      continue;
    }
    failed_ = true;
    problems_.error_at("register",
                       fmt::format("{}:{}:1", path.string(), line_number),
                       "not a sha256sum line (expected '<64 hex digits>  "
                       "<file name>')");
  }
}

}  // namespace

std::optional<Register> load_register(const std::filesystem::path& file,
                                      Diagnostics& problems) {
  return Loader(file, problems).load();
}

}  // namespace mamori::assets
