// Whether a declared keyword is specific enough to name a core technology.
// A keyword is matched as bytes in four encodings (rules/keyword_rules.h);
// a short one recurs by chance in binary files and in ordinary text, and
// every such match would be a finding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori::assets {

// Why `keyword` is too short or too common to be specific, in one
// sentence; nullopt when it is fine. Judged on its shortest form among
// UTF-8, UTF-16LE, CP932 and EUC-JP (fewer than 6 bytes, i.e. fewer than
// three Japanese characters), on letters (an ASCII keyword needs 5), and
// on keywords that are only digits, punctuation or one repeated character.
std::optional<std::string> weak_keyword(std::string_view keyword);

}  // namespace mamori::assets
