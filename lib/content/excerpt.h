// Excerpts: the few bytes around a string match, as a report may show them.
// The bytes are decoded in the match's encoding when it is known (UTF-16LE,
// CP932, EUC-JP to UTF-8), else read as UTF-8, and every control character,
// bidirectional control and byte that does not decode is escaped
// (escape_for_display): an excerpt never carries raw bytes of the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace mamori::content {

// Bytes of context taken on each side of a match.
inline constexpr uint64_t kExcerptContext = 24;
// The most of a match itself that is shown; a longer one is cut with "…".
inline constexpr uint64_t kExcerptMatch = 64;

// The excerpt of the match at `offset`, `length` bytes long, in `data`.
// `encoding` is an iconv name ("UTF-16LE", "CP932", "EUC-JP", "EUC-JP-MS");
// "", "ASCII", "UTF-8" or a name iconv does not know read the bytes as
// UTF-8. A match outside `data` gives "".
std::string make_excerpt(std::span<const std::byte> data, uint64_t offset,
                         uint64_t length, std::string_view encoding);

}  // namespace mamori::content
