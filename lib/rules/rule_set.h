// YARA rules: the shipped pack in rules/, files given with --rules, and the
// rules generated from the register's keywords, compiled once and tied to
// assets by their tags (spec/assets.md). libyara stays private to lib/rules.
#pragma once

#include "assets/register.h"
#include "common/diagnostics.h"
#include "common/severity.h"
#include "rules/keyword_rules.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::rules {

// Where a rule's matches count (meta `layer`, an extension of
// spec/assets.md): in both the raw bytes of every object and the text
// extracted from documents ("any", the default and the register's keyword
// rules), only in text a person reads, a text file or extracted text
// ("text": markings), or only in raw bytes ("bytes": a file format's magic).
enum class RuleLayer { kAny, kText, kBytes };

// What a scan is given.
enum class ScanInput {
  kBinary,         // an object's bytes, not text: any and bytes rules
  kTextFile,       // a text file's bytes: every rule
  kExtractedText,  // UTF-8 text extracted from an object: any and text rules
};

struct RuleInfo {
  std::string name;
  std::vector<std::string> tags;
  std::vector<std::string> assets;   // the tags that name declared assets
  std::optional<Severity> severity;  // meta: severity
  std::string description;           // meta: description
  std::string description_ja;        // meta: description_ja (--lang ja)
  // The description in the language of the reports (i18n.h).
  const std::string& localized_description() const;
  RuleLayer layer = RuleLayer::kAny;  // meta: layer
  std::string file;                   // where it was declared, "" if generated
  int line = 0;                       // line of `rule NAME`, 0 if unknown
  // A rule generated from the register's keywords: its strings, each with
  // the keyword and encoding it stands for. Empty for other rules.
  std::vector<KeywordString> keyword_strings;

  // The keyword string `id` ("$k0_cp932"), or null.
  const KeywordString* keyword_string(std::string_view id) const;
};

struct RuleSources {
  std::vector<std::filesystem::path> paths;  // files or directories
  bool default_rules = true;                 // load the shipped pack
  // Where compiled rules are kept between runs; empty: no cache. A stale or
  // corrupt entry is ignored and rewritten.
  std::filesystem::path cache_dir;
};

// The directory of the shipped rules: $MAMORI_RULES_DIR, else the installed
// share/mamori/rules, else the source tree's rules/.
std::filesystem::path default_rules_dir();

class RuleSet {
 public:
  // Compiles every source: the shipped pack (if `default_rules`), each path
  // (a file, or a directory searched recursively for *.yar and *.yara in
  // sorted order; each file is its own YARA namespace, `include` is
  // disabled) and the rules generated from the register's keywords. Errors
  // go to `problems` as error notices with source "file:line" (code "rule");
  // warnings (a tag naming no asset, a duplicate rule name across files, a
  // bad `severity`, libyara's own warnings) as warnings. nullopt when any
  // rule failed. Throws mamori::Error only if libyara cannot start.
  static std::optional<RuleSet> compile(const RuleSources& sources,
                                        const assets::Register& reg,
                                        Diagnostics& problems);
  // Whether the same sources compile, for a run that matches no content
  // (logs only): true at once when `cache_dir` holds an entry for them,
  // which only a compilation that succeeded writes; compiled otherwise.
  // Only errors go to `problems`: warnings about rules that will match
  // nothing in this run would be noise.
  static bool check(const RuleSources& sources, const assets::Register& reg,
                    Diagnostics& problems);
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;

  size_t size() const;
  const RuleInfo& rule(size_t index) const;
  // True when the compiled rules were loaded from `cache_dir`.
  bool from_cache() const;
  // A digest of every source compiled (the register's keyword rules
  // included) and libyara's version: equal digests, equal rules.
  const std::string& sources_digest() const;

 private:
  friend class Scanner;
  struct Impl;
  explicit RuleSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Where one of a rule's strings matched: `offset` and `length` in bytes of
// the buffer scanned.
struct StringMatch {
  std::string id;  // "$m_plain_utf8"; "$" for an anonymous string
  uint64_t offset = 0;
  uint64_t length = 0;
  bool operator==(const StringMatch&) const = default;
};

// A rule's matches are listed up to these caps: the first matches of each
// string by offset, taken a round at a time (the first of every string,
// then the second...), so that every string that matched shows.
inline constexpr size_t kMatchesPerString = 3;
inline constexpr size_t kMatchesPerRule = 10;

struct RuleMatch {
  const RuleInfo* rule = nullptr;
  std::vector<StringMatch> strings;  // sorted by offset, then id
  uint64_t strings_omitted = 0;      // matches beyond the caps
};

struct ScanResult {
  std::vector<RuleMatch> matches;  // sorted by rule name
  bool timed_out = false;          // matches are then partial
  // The bytes stopped being readable during the scan: a mapped file was
  // truncated while it was read (libyara catches the SIGBUS).
  bool unreadable = false;
  std::string error;  // libyara failed otherwise
};

// One per worker thread; create and destroy the RuleSet on the main thread.
class Scanner {
 public:
  // `rules` must outlive the scanner. Throws mamori::Error only when libyara
  // cannot allocate a scanner.
  explicit Scanner(const RuleSet& rules, int timeout_seconds = 60);
  ~Scanner();
  Scanner(Scanner&&) noexcept;
  Scanner& operator=(Scanner&&) noexcept;

  // Matches of the rules whose layer fits `input`.
  ScanResult scan(std::span<const std::byte> data,
                  ScanInput input = ScanInput::kBinary);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mamori::rules
