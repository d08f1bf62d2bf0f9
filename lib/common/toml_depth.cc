// A one-pass scan of TOML text that counts nesting levels (table names,
// dotted keys, arrays, inline tables) without parsing values, so toml++ never
// sees a file deep enough to overflow its recursion.
#include "common/toml_depth.h"

#include <string_view>
#include <vector>

namespace mamori {

std::optional<TomlNesting> find_deep_toml_nesting(std::string_view text,
                                                  size_t limit) {
  // Brackets open around the current position: '[' an array or a table
  // name, '{' an inline table.
  std::vector<char> open;
  size_t line = 1;
  size_t key_parts = 0;  // dots seen in the key being read, plus one
  bool in_key = true;    // at a key: the start of a line, or in a header
  bool line_start = true;
  auto deeper = [&]() -> std::optional<TomlNesting> {
    const size_t depth = open.size() + key_parts;
    if (depth > limit)
      return TomlNesting{line, depth};
    return std::nullopt;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      // A newline ends a key line or a table name; arrays and inline
      // tables go on over lines.
      if (open.empty()) {
        in_key = true;
        line_start = true;
        key_parts = 0;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r')
      continue;
    if (c == '#') {
      while (i + 1 < text.size() && text[i + 1] != '\n')
        ++i;
      continue;
    }
    if (c == '"' || c == '\'') {
      // A string or quoted key, single or multi-line; newlines inside count.
      const std::string_view triple = c == '"' ? "\"\"\"" : "\'\'\'";
      const bool multi = text.substr(i, 3) == triple;
      const size_t body = i + (multi ? 3 : 1);
      size_t j = body;
      for (; j < text.size(); ++j) {
        if (c == '"' && text[j] == '\\') {
          ++j;
          if (j < text.size() && text[j] == '\n')
            ++line;
          continue;
        }
        if (text[j] == '\n') {
          if (!multi)
            break;  // malformed: left to the parser
          ++line;
          continue;
        }
        if (text[j] == c && (!multi || text.substr(j, 3) == triple)) {
          break;
        }
      }
      if (multi && j < text.size()) {
        j += 2;
        // """a"""" ends with up to two more quotes inside the string.
        while (j + 1 < text.size() && text[j + 1] == c)
          ++j;
      }
      i = j < text.size() && text[j] != '\n' ? j : j - 1;
      if (in_key && key_parts == 0)
        key_parts = 1;
      line_start = false;
      continue;
    }
    if (line_start && open.empty() && c == '[') {
      // A table name, [a.b] or [[a.b]]: its parts are a key.
      in_key = true;
      key_parts = 0;
      line_start = false;
      if (i + 1 < text.size() && text[i + 1] == '[')
        ++i;
      continue;
    }
    line_start = false;
    if (in_key) {
      if (c == '.') {
        ++key_parts;
        if (auto found = deeper())
          return found;
        continue;
      }
      if (c == '=' || c == ']') {
        in_key = false;
        key_parts = 0;
        continue;
      }
      if (key_parts == 0)
        key_parts = 1;
      continue;
    }
    if (c == '[' || c == '{') {
      open.push_back(c);
      in_key = c == '{';
      key_parts = 0;
      if (auto found = deeper())
        return found;
      continue;
    }
    if ((c == ']' || c == '}') && !open.empty()) {
      open.pop_back();
      continue;
    }
    if (c == ',' && !open.empty() && open.back() == '{') {
      in_key = true;
      key_parts = 0;
    }
  }
  return std::nullopt;
}

}  // namespace mamori
