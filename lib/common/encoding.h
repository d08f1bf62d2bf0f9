// Character-set conversion through iconv (glibc), for text that people save
// in Japanese encodings: CP932 (Shift_JIS as Excel writes it), EUC-JP,
// UTF-16LE.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori {

// Converts all of `text` from `from` to `to` (iconv names: "CP932",
// "EUC-JP", "UTF-16LE", "UTF-8"). nullopt when a character cannot be
// represented or the input is not valid in `from`.
std::optional<std::string> convert_encoding(std::string_view text,
                                            const char* from, const char* to);

}  // namespace mamori
