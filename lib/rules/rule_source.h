// The text of each rule source, read once: the same bytes are hashed for the
// cache key and handed to the compiler, so the cache can never describe
// other bytes than those compiled.
#pragma once

#include "common/diagnostics.h"
#include "rules/rule_set.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::rules {

struct RuleSource {
  std::string display;  // the path shown in messages; also the namespace
  std::string text;
  bool generated = false;  // the register's keyword rules
  std::map<std::string, int, std::less<>> lines;  // rule name -> line

  static RuleSource make_file(std::string display, std::string text);
  static RuleSource make_generated(std::string register_file, std::string text);
  int line_of(std::string_view rule_name) const;
};

// Reads the shipped pack and every path of `sources` (directories searched
// recursively for *.yar and *.yara, in sorted order; a file given twice is
// read once). Unreadable paths are error notices (code "rule") and clear
// `*readable`.
std::vector<RuleSource> collect_sources(const RuleSources& sources,
                                        Diagnostics& problems, bool* readable);

// Line of each `rule NAME` declaration (after optional `private`/`global`)
// that starts a line outside a block comment. Rule declarations written in
// the middle of a line are not found; their line is then 0.
std::map<std::string, int, std::less<>> find_rule_lines(std::string_view text);

}  // namespace mamori::rules
