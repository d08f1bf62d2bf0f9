// Path globs of the asset register (spec/assets.md) and of the removable
// mount list: `**` crosses folders (and "/**/" also matches a single "/"),
// `*` and `?` stay within one folder, `[abc]`, `[a-z]` and `[!x]` are
// classes. Windows drive paths ("C:/...") and share paths ("//HOST/...") are
// matched case-insensitively; other paths case-sensitively. A share's host
// written without its domain on one side matches the same host with any
// domain on the other: "//PC01/C$/**" matches "//PC01.example.corp/C$/x" and
// "//pc01.example.corp/C$/**" matches "//PC01/C$/x" (addresses never do).
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

// True when two share hosts name the same machine: equal ignoring case, or
// one without a domain equal to the other's first label ("PC01" and
// "pc01.example.corp"). Two names with different domains, or addresses, are
// never the same.
bool same_host(std::string_view a, std::string_view b);

// True for "C:/..." and "//HOST/..." paths, whose case does not matter.
bool is_case_insensitive_path(std::string_view path);

}  // namespace mamori
