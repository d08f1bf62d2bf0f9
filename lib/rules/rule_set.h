// YARA rules: the shipped pack in rules/, files given with --rules, and the
// rules generated from the register's keywords, compiled once and tied to
// assets by their tags (spec/assets.md). libyara stays private to lib/rules.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "assets/register.h"
#include "common/diagnostics.h"
#include "common/severity.h"

namespace mamori::rules {

struct RuleInfo {
  std::string name;
  std::vector<std::string> tags;
  std::vector<std::string> assets;    // the tags that name declared assets
  std::optional<Severity> severity;   // meta: severity
  std::string description;            // meta: description
  std::string file;                   // where it was declared, "" if generated
};

struct RuleSources {
  std::vector<std::filesystem::path> paths;  // files or directories
  bool default_rules = true;                 // load the shipped pack
};

// The directory of the shipped rules: $MAMORI_RULES_DIR, else the installed
// share/mamori/rules, else the source tree's rules/.
std::filesystem::path default_rules_dir();

class RuleSet {
 public:
  // Compiles every source. Errors go to `problems` as error notices with
  // source "file:line" (code "rule"); warnings (a tag naming no asset, a
  // duplicate rule name) as warnings. nullopt when any rule failed.
  static std::optional<RuleSet> compile(const RuleSources& sources,
                                        const assets::Register& reg,
                                        Diagnostics& problems);
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;

  size_t size() const;
  const RuleInfo& rule(size_t index) const;

 private:
  friend class Scanner;
  struct Impl;
  explicit RuleSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct ScanResult {
  std::vector<const RuleInfo*> matches;  // sorted by rule name
  bool timed_out = false;                // matches are then partial
};

// One per worker thread; create and destroy the RuleSet on the main thread.
class Scanner {
 public:
  explicit Scanner(const RuleSet& rules, int timeout_seconds = 60);
  ~Scanner();
  Scanner(Scanner&&) noexcept;
  Scanner& operator=(Scanner&&) noexcept;

  ScanResult scan(std::span<const std::byte> data);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mamori::rules
