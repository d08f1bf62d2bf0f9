// The compiled-rules cache for scheduled runs (issue 3 item 5): a nightly
// run with unchanged rules loads the compiled rules instead of compiling.
// Private to lib/rules (it names libyara types).
#pragma once

#include "common/diagnostics.h"
#include "rules/rule_source.h"
#include "rules/yara_handles.h"

#include <filesystem>
#include <string>
#include <vector>

namespace mamori::rules {

// A warning libyara gave while compiling, replayed when the cache is used so
// `rules check` says the same thing on every run.
struct CachedWarning {
  std::string source;
  std::string message;
};

// One entry per distinct set of sources, keyed by the SHA-256 of every
// source's path and bytes (the generated keyword rules included) and the
// libyara version. An entry is "rules-<key>.yarc" (yr_rules_save output)
// beside "rules-<key>.meta" (format line, SHA-256 of the .yarc, warnings):
// a truncated or tampered .yarc fails the digest check and is recompiled.
class RuleCache {
 public:
  // An empty `dir` disables the cache.
  RuleCache(std::filesystem::path dir, const std::vector<RuleSource>& sources,
            std::string_view yara_version);

  // The cached rules, or null when there is no usable entry.
  RulesHandle load(std::vector<CachedWarning>* warnings) const;
  // True when an entry for these sources was written: they compiled. Reads
  // the entry's .meta only; whether the .yarc is intact is load()'s check.
  bool has_entry() const;
  // Writes the entry atomically (temporary file, then rename). A cache that
  // cannot be written is a warning (code "cache"); the run goes on.
  void store(YR_RULES* rules, const std::vector<CachedWarning>& warnings,
             Diagnostics& problems) const;

  const std::string& key() const { return key_; }

 private:
  std::filesystem::path dir_;
  std::string key_;
};

}  // namespace mamori::rules
