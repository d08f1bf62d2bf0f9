// Path globs of the asset register (spec/assets.md) and of the removable
// mount list: `**` crosses folders (and "/**/" also matches a single "/"),
// `*` and `?` stay within one folder, `[abc]`, `[a-z]` and `[!x]` are
// classes. Windows drive paths ("C:/...") and share paths ("//HOST/...") are
// matched case-insensitively; other paths case-sensitively.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori {

class PathGlob {
 public:
  // nullopt with `error` set when the pattern is malformed (an unclosed
  // class, an empty pattern).
  static std::optional<PathGlob> compile(std::string_view pattern,
                                         std::string* error);

  bool matches(std::string_view path) const;
  const std::string& pattern() const { return pattern_; }

 private:
  explicit PathGlob(std::string pattern) : pattern_(std::move(pattern)) {}
  std::string pattern_;
};

// True for "C:/..." and "//HOST/..." paths, whose case does not matter.
bool is_case_insensitive_path(std::string_view path);

}  // namespace mamori
