// Path glob matching for the register and the removable mount list: checks
// of the pattern, `**`/`*`/`?`/classes, and case folding only for Windows
// drive and share paths.
#include "common/glob.h"

#include "common/text.h"

namespace mamori {

bool is_case_insensitive_path(std::string_view path) {
  if (path.size() >= 2 && path[0] == '/' && path[1] == '/')
    return true;
  return path.size() >= 2 && path[1] == ':' &&
         ((path[0] >= 'A' && path[0] <= 'Z') ||
          (path[0] >= 'a' && path[0] <= 'z'));
}

namespace {

// End of the class starting at p[i] == '[', or npos when it is not closed.
size_t class_end(std::string_view p, size_t i) {
  size_t j = i + 1;
  if (j < p.size() && (p[j] == '!' || p[j] == '^'))
    ++j;
  if (j < p.size() && p[j] == ']')
    ++j;  // "[]x]" holds ']'
  while (j < p.size() && p[j] != ']')
    ++j;
  return j < p.size() ? j : std::string_view::npos;
}

bool class_matches(std::string_view cls, char c, bool fold) {
  bool negate = false;
  size_t i = 0;
  if (i < cls.size() && (cls[i] == '!' || cls[i] == '^')) {
    negate = true;
    ++i;
  }
  const char cc = fold ? to_lower_ascii(c) : c;
  bool hit = false;
  for (; i < cls.size(); ++i) {
    char lo = fold ? to_lower_ascii(cls[i]) : cls[i];
    char hi = lo;
    if (i + 2 < cls.size() && cls[i + 1] == '-') {
      hi = fold ? to_lower_ascii(cls[i + 2]) : cls[i + 2];
      i += 2;
    }
    if (cc >= lo && cc <= hi)
      hit = true;
  }
  return hit != negate;
}

// Backtracking matcher. Patterns are short and the register is reviewed by
// people, but paths come from logs: the recursion depth is bounded by the
// number of `**` in the pattern, not by the path.
bool match_from(std::string_view p, size_t pi, std::string_view s, size_t si,
                bool fold) {
  while (pi < p.size()) {
    const char pc = p[pi];
    if (pc == '*') {
      const bool globstar = pi + 1 < p.size() && p[pi + 1] == '*';
      size_t next = pi + (globstar ? 2 : 1);
      while (next < p.size() && p[next] == '*')
        ++next;
      if (globstar && next < p.size() && p[next] == '/' &&
          (pi == 0 || p[pi - 1] == '/')) {
        // "a/**/b" also matches "a/b": try skipping "**/" entirely.
        if (match_from(p, next + 1, s, si, fold))
          return true;
      }
      for (size_t k = si; k <= s.size(); ++k) {
        if (match_from(p, next, s, k, fold))
          return true;
        if (k < s.size() && !globstar && s[k] == '/')
          break;
      }
      return false;
    }
    if (si >= s.size())
      return false;
    if (pc == '?') {
      if (s[si] == '/')
        return false;
    } else if (pc == '[') {
      const size_t end = class_end(p, pi);
      if (s[si] == '/' ||
          !class_matches(p.substr(pi + 1, end - pi - 1), s[si], fold)) {
        return false;
      }
      pi = end;
    } else if (fold ? to_lower_ascii(pc) != to_lower_ascii(s[si])
                    : pc != s[si]) {
      return false;
    }
    ++pi;
    ++si;
  }
  return si == s.size();
}

// "//HOST/rest" split into HOST and "/rest"; false for other paths.
bool split_share(std::string_view path, std::string_view& host,
                 std::string_view& rest) {
  if (path.size() < 3 || path[0] != '/' || path[1] != '/' || path[2] == '/')
    return false;
  const size_t slash = path.find('/', 2);
  host = path.substr(2, slash == std::string_view::npos ? slash : slash - 2);
  rest =
      slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  return true;
}

// A host name with a domain ("fs01.example.corp"), not an address.
bool is_qualified_name(std::string_view host) {
  if (host.find('.') == std::string_view::npos ||
      host.find(':') != std::string_view::npos)
    return false;
  for (char c : host) {
    if ((c < '0' || c > '9') && c != '.')
      return true;
  }
  return false;  // 10.0.0.5
}

std::string_view first_label(std::string_view host) {
  return host.substr(0, host.find('.'));
}

}  // namespace

bool same_host(std::string_view a, std::string_view b) {
  if (iequals(a, b))
    return true;
  const bool qualified_a = is_qualified_name(a);
  if (qualified_a == is_qualified_name(b))
    return false;
  const std::string_view short_name = qualified_a ? b : a;
  if (short_name.find_first_of(".:") != std::string_view::npos)
    return false;  // an address
  return iequals(short_name, first_label(qualified_a ? a : b));
}

std::optional<PathGlob> PathGlob::compile(std::string_view pattern,
                                          std::string* error) {
  if (pattern.empty()) {
    *error = "empty glob";
    return std::nullopt;
  }
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '[') {
      const size_t end = class_end(pattern, i);
      if (end == std::string_view::npos) {
        *error = "unclosed '[' in glob";
        return std::nullopt;
      }
      i = end;
    }
  }
  return PathGlob(std::string(pattern));
}

bool PathGlob::matches(std::string_view path) const {
  const bool fold = is_case_insensitive_path(path);
  if (match_from(pattern_, 0, path, 0, fold))
    return true;
  // "//PC01/C$/**" and "//PC01.example.corp/C$/x": one side names the host
  // without its domain, so only the first label is compared.
  std::string_view pattern_host, pattern_rest, host, rest;
  if (!split_share(pattern_, pattern_host, pattern_rest) ||
      !split_share(path, host, rest))
    return false;
  const bool qualified_pattern = is_qualified_name(pattern_host);
  if (qualified_pattern == is_qualified_name(host))
    return false;
  const std::string_view short_side = qualified_pattern ? host : pattern_host;
  if (short_side.find_first_of(".:") != std::string_view::npos)
    return false;  // an address
  const bool qualified_path = !qualified_pattern;
  const std::string_view short_pattern =
      qualified_pattern ? first_label(pattern_host) : pattern_host;
  const std::string_view short_host = qualified_path ? first_label(host) : host;
  return match_from(short_pattern, 0, short_host, 0, true) &&
         match_from(pattern_rest, 0, rest, 0, true);
}

}  // namespace mamori
