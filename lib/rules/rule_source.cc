// Reading rule files and directories, and locating rule declarations (YARA
// keeps no line numbers in compiled rules, but warnings about a rule must
// point at it).
#include "rules/rule_source.h"

#include "common/text.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

namespace mamori::rules {

namespace fs = std::filesystem;

RuleSource RuleSource::make_file(std::string display, std::string text) {
  RuleSource s;
  s.display = std::move(display);
  s.lines = find_rule_lines(text);
  s.text = std::move(text);
  return s;
}

RuleSource RuleSource::make_generated(std::string register_file,
                                      std::string text) {
  RuleSource s;
  s.display = std::move(register_file);
  s.text = std::move(text);
  s.generated = true;
  return s;
}

int RuleSource::line_of(std::string_view rule_name) const {
  const auto it = lines.find(rule_name);
  return it == lines.end() ? 0 : it->second;
}

namespace {

bool is_word_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         c == '_';
}

// Consumes `word` plus following blanks at the front of `line`.
bool take_word(std::string_view& line, std::string_view word) {
  if (line.substr(0, word.size()) != word)
    return false;
  if (line.size() > word.size() && is_word_char(line[word.size()])) {
    return false;
  }
  line.remove_prefix(word.size());
  line = trim(line);
  return true;
}

bool is_rule_file(const fs::path& p) {
  const std::string ext = to_lower(p.extension().string());
  return ext == ".yar" || ext == ".yara";
}

// The rule files of a directory, sorted so every run compiles in the same
// order.
std::vector<fs::path> list_rule_files(const fs::path& dir,
                                      Diagnostics& problems, bool* readable) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(
      dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && is_rule_file(it->path())) {
      files.push_back(it->path());
    }
  }
  if (ec) {
    problems.error_at("rule", dir.string(), "cannot list rules directory: {}",
                      ec.message());
    *readable = false;
  }
  std::sort(files.begin(), files.end());
  return files;
}

void read_rule_file(const fs::path& file, std::set<fs::path>& seen,
                    std::vector<RuleSource>& out, Diagnostics& problems,
                    bool* readable) {
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(file, ec);
  if (!seen.insert(ec ? file : canonical).second)
    return;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (in)
    text << in.rdbuf();
  if (!in || in.bad()) {
    problems.error_at("rule", file.string(), "cannot read rule file: {}",
                      std::strerror(errno));
    *readable = false;
    return;
  }
  out.push_back(RuleSource::make_file(file.string(), std::move(text).str()));
}

void read_path(const fs::path& path, std::set<fs::path>& seen,
               std::vector<RuleSource>& out, Diagnostics& problems,
               bool* readable) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (fs::is_directory(status)) {
    for (const fs::path& f : list_rule_files(path, problems, readable)) {
      read_rule_file(f, seen, out, problems, readable);
    }
  } else if (fs::exists(status)) {
    read_rule_file(path, seen, out, problems, readable);
  } else {
    problems.error_at("rule", path.string(), "cannot read rules: {}",
                      ec ? ec.message() : "no such file or directory");
    *readable = false;
  }
}

}  // namespace

std::map<std::string, int, std::less<>> find_rule_lines(std::string_view text) {
  std::map<std::string, int, std::less<>> lines;
  bool in_comment = false;
  int number = 0;
  for (std::string_view line : split(text, '\n')) {
    ++number;
    if (in_comment) {
      const size_t end = line.find("*/");
      if (end == std::string_view::npos)
        continue;
      line.remove_prefix(end + 2);
      in_comment = false;
    }
    line = trim(line);
    const size_t open = line.find("/*");
    if (open != std::string_view::npos &&
        line.find("*/", open + 2) == std::string_view::npos) {
      in_comment = true;
    }
    while (take_word(line, "private") || take_word(line, "global")) {
    }
    if (!take_word(line, "rule"))
      continue;
    size_t n = 0;
    while (n < line.size() && is_word_char(line[n]))
      ++n;
    if (n > 0)
      lines.emplace(std::string(line.substr(0, n)), number);
  }
  return lines;
}

std::vector<RuleSource> collect_sources(const RuleSources& sources,
                                        Diagnostics& problems, bool* readable) {
  *readable = true;
  std::vector<RuleSource> out;
  std::set<fs::path> seen;
  if (sources.default_rules) {
    const fs::path dir = default_rules_dir();
    std::error_code ec;
    if (fs::is_directory(dir, ec)) {
      read_path(dir, seen, out, problems, readable);
    } else {
      problems.error_at("rule", dir.string(),
                        "shipped rules not found (set MAMORI_RULES_DIR)");
      *readable = false;
    }
  }
  for (const fs::path& p : sources.paths) {
    read_path(p, seen, out, problems, readable);
  }
  return out;
}

}  // namespace mamori::rules
