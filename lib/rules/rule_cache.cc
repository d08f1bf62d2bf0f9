// Compiled-rules cache. Entries are content-addressed, so a changed rule file
// or register simply misses and a new entry is written; old entries beyond
// the newest few are removed so the directory does not grow without bound.
#include "rules/rule_cache.h"

#include "common/sha256.h"
#include "common/text.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <system_error>

namespace mamori::rules {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFormat = "mamori-rules-cache 1";
constexpr size_t kEntriesKept = 8;

struct ReadCursor {
  const std::string* bytes = nullptr;
  size_t offset = 0;
};

size_t read_from_string(void* ptr, size_t size, size_t count,
                        void* user_data) noexcept {
  auto* cursor = static_cast<ReadCursor*>(user_data);
  if (size == 0)
    return 0;
  const size_t available = (cursor->bytes->size() - cursor->offset) / size;
  const size_t items = std::min(count, available);
  std::memcpy(ptr, cursor->bytes->data() + cursor->offset, items * size);
  cursor->offset += items * size;
  return items;
}

size_t write_to_string(const void* ptr, size_t size, size_t count,
                       void* user_data) noexcept {
  try {
    static_cast<std::string*>(user_data)->append(static_cast<const char*>(ptr),
                                                 size * count);
    return count;
  } catch (...) {
    return 0;  // libyara reports ERROR_WRITING_FILE
  }
}

std::optional<std::string> slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad())
    return std::nullopt;
  return std::move(out).str();
}

// Writes through a uniquely named temporary file and a rename, so a reader
// (another mamori run) sees the old entry or the whole new one.
bool write_atomically(const fs::path& file, std::string_view bytes) {
  std::random_device random;
  const fs::path tmp =
      file.parent_path() /
      fmt::format(".{}.{:08x}.tmp", file.filename().string(), random());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec)
    fs::remove(tmp, ec);
  return !ec;
}

void remove_old_entries(const fs::path& dir) {
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("rules-", 0) != 0 || it->path().extension() != ".yarc") {
      continue;
    }
    std::error_code time_ec;
    entries.emplace_back(it->last_write_time(time_ec), it->path());
  }
  if (entries.size() <= kEntriesKept)
    return;
  std::sort(entries.begin(), entries.end(), std::greater<>());
  for (size_t i = kEntriesKept; i < entries.size(); ++i) {
    fs::path meta = entries[i].second;
    meta.replace_extension(".meta");
    fs::remove(entries[i].second, ec);
    fs::remove(meta, ec);
  }
}

}  // namespace

RuleCache::RuleCache(fs::path dir, const std::vector<RuleSource>& sources,
                     std::string_view yara_version)
    : dir_(std::move(dir)) {
  // The key is also the rules' digest (RuleSet::sources_digest), cache or
  // not.
  Sha256 hash;
  hash.update(kFormat);
  hash.update(fmt::format("\nlibyara {}\n", yara_version));
  for (const RuleSource& s : sources) {
    // Lengths first, so no two different source lists hash alike.
    hash.update(fmt::format("{} {} {} {}\n", s.generated ? "generated" : "file",
                            s.display.size(), s.text.size(), s.display));
    hash.update(s.text);
  }
  key_ = hash.hex_digest();
}

RulesHandle RuleCache::load(std::vector<CachedWarning>* warnings) const {
  if (dir_.empty())
    return nullptr;
  const auto meta = slurp(dir_ / fmt::format("rules-{}.meta", key_));
  const auto compiled = slurp(dir_ / fmt::format("rules-{}.yarc", key_));
  if (!meta || !compiled)
    return nullptr;
  const std::vector<std::string_view> lines = split(*meta, '\n');
  if (lines.size() < 2 || lines[0] != kFormat ||
      lines[1] != sha256_hex(*compiled)) {
    return nullptr;
  }
  ReadCursor cursor{&*compiled, 0};
  YR_STREAM stream{&cursor, read_from_string, nullptr};
  YR_RULES* raw = nullptr;
  if (yr_rules_load_stream(&stream, &raw) != ERROR_SUCCESS)
    return nullptr;
  RulesHandle rules(raw);
  warnings->clear();
  for (size_t i = 2; i < lines.size(); ++i) {
    const size_t tab = lines[i].find('\t');
    if (tab == std::string_view::npos)
      continue;
    warnings->push_back({std::string(lines[i].substr(0, tab)),
                         std::string(lines[i].substr(tab + 1))});
  }
  return rules;
}

bool RuleCache::has_entry() const {
  if (dir_.empty())
    return false;
  const auto meta = slurp(dir_ / fmt::format("rules-{}.meta", key_));
  std::error_code ec;
  return meta && split(*meta, '\n').front() == kFormat &&
         fs::is_regular_file(dir_ / fmt::format("rules-{}.yarc", key_), ec);
}

void RuleCache::store(YR_RULES* rules,
                      const std::vector<CachedWarning>& warnings,
                      Diagnostics& problems) const {
  if (dir_.empty())
    return;
  std::string compiled;
  YR_STREAM stream{&compiled, nullptr, write_to_string};
  std::string meta = fmt::format("{}\n", kFormat);
  std::error_code ec;
  fs::create_directories(dir_, ec);
  bool ok = !ec && yr_rules_save_stream(rules, &stream) == ERROR_SUCCESS;
  if (ok) {
    meta += sha256_hex(compiled) + "\n";
    for (const CachedWarning& w : warnings) {
      // Messages are one line; a tab or newline would break the entry.
      std::string message = w.message;
      std::replace_if(
          message.begin(), message.end(),
          [](char c) { return c == '\n' || c == '\t'; }, ' ');
      meta += fmt::format("{}\t{}\n", w.source, message);
    }
    // The .meta goes first: until the .yarc lands, the digest cannot match.
    ok = write_atomically(dir_ / fmt::format("rules-{}.meta", key_), meta) &&
         write_atomically(dir_ / fmt::format("rules-{}.yarc", key_), compiled);
  }
  if (!ok) {
    problems.warn_at("cache", dir_.string(),
                     "cannot write the compiled-rules cache; rules will be "
                     "compiled again next run");
    return;
  }
  remove_old_entries(dir_);
}

}  // namespace mamori::rules
