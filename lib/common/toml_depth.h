// A guard run before toml++ parses a file: toml++ recurses once per level of
// a dotted key, a table name or a nested array or inline table, so a name
// nested some 40,000 levels deep overflows the stack (issue 11). Counting
// the levels first turns that into a one-line error.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace mamori {

// More levels than any register or config needs, and few enough for
// toml++'s recursion on the smallest thread stack mamori runs it on.
inline constexpr size_t kMaxTomlNesting = 64;

struct TomlNesting {
  size_t line = 0;   // 1-based line where the limit is first passed
  size_t depth = 0;  // the levels counted there
};

// Where `text` first nests deeper than `limit`: the components of a dotted
// key or table name ([a.b.c], a.b.c = 1) plus the arrays and inline tables
// around them. Strings and comments are skipped; nullopt when within limit.
// Malformed TOML is left to the parser.
std::optional<TomlNesting> find_deep_toml_nesting(
    std::string_view text, size_t limit = kMaxTomlNesting);

}  // namespace mamori
