// Rules generated from the register's keywords (spec/assets.md): one rule
// per asset, named asset_<id>_keywords and tagged with the asset id, whose
// strings are every keyword in each encoding a Japanese organisation's files
// are written in: UTF-8, UTF-16LE, Shift_JIS (CP932) and EUC-JP.
#pragma once

#include "assets/register.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::rules {

// One string of a generated rule: the keyword it encodes, as the register
// declares it, and the encoding of its bytes ("ASCII" for an ASCII keyword
// outside UTF-16LE: the bytes are the same in UTF-8, CP932 and EUC-JP).
struct KeywordString {
  std::string id;  // "$k0_cp932"
  std::string keyword;
  std::string encoding;  // "ASCII", "UTF-8", "UTF-16LE", "CP932", "EUC-JP"...
  bool operator==(const KeywordString&) const = default;
};

struct KeywordRules {
  std::string text;  // YARA source; empty when no asset has keywords
  // The strings of each generated rule, by rule name: how a match of
  // "$k0_cp932" is told back as its keyword without parsing the name.
  std::map<std::string, std::vector<KeywordString>> strings;
};

KeywordRules generate_keyword_rule_set(const assets::Register& reg);

// The YARA source of the generated rules; empty when no asset has keywords.
std::string generate_keyword_rules(const assets::Register& reg);

// The name of the generated rule of an asset.
std::string keyword_rule_name(std::string_view asset_id);

// The encodings a non-ASCII keyword is matched in, as iconv names.
inline constexpr const char* kKeywordEncodings[] = {
    "UTF-8", "UTF-16LE", "CP932", "EUC-JP", "EUC-JP-MS"};

// `utf8` converted with iconv to `encoding`; nullopt when some character has
// no representation there (the keyword then simply has no string in it).
std::optional<std::string> encode_text(std::string_view utf8,
                                       const char* encoding);

// A YARA text-string literal body: quotes, backslashes and bytes outside
// printable ASCII escaped.
std::string escape_yara_text(std::string_view bytes);

}  // namespace mamori::rules
