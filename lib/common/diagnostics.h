// Notices: everything that was not fully examined, and why (spec/findings.md
// "notice"). Problems with one input are reported here and the run goes on;
// nothing is skipped silently.
#pragma once

#include <fmt/format.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace mamori {

// The catalogue's translation of `english`, or null when there is none or
// the language is English (i18n.cc).
const char* translate_message(fmt::string_view english);

enum class Level { kWarning, kError };

struct Notice {
  Level level = Level::kWarning;
  std::string code;                   // unreadable, parse_error, ...
  std::vector<std::string> location;  // content: outermost path first
  std::string source;                 // logs and config: "file:line[:col]"
  std::string message;                // one line for a person
};

// Collects notices from any thread. Errors (level kError) mean an input could
// not be examined at all, which makes `scan` exit 3 (spec/cli.md).
class Diagnostics {
 public:
  void add(Notice notice);

  // The message in the language of tr() (i18n.h): the English format is
  // the catalogue's message id (po/update extracts the messages of
  // warn_at, error_at, warn_in and error_in), checked at compile time; a
  // translation orders its arguments with {0}, {1}... where it must, and
  // one that does not format (po/check prevents it) falls back to English.
  template <typename... Args>
  static std::string localized(fmt::format_string<Args...> format,
                               Args&&... args) {
    const fmt::string_view english = format;
    const char* translated = translate_message(english);
    if (translated != nullptr) {
      try {
        return fmt::format(fmt::runtime(translated),
                           std::forward<Args>(args)...);
      } catch (const fmt::format_error&) {
      }
    }
    return fmt::format(format, std::forward<Args>(args)...);
  }

  template <typename... Args>
  void warn_at(std::string code, std::string source,
               fmt::format_string<Args...> format, Args&&... args) {
    add({Level::kWarning,
         std::move(code),
         {},
         std::move(source),
         localized(format, std::forward<Args>(args)...)});
  }
  template <typename... Args>
  void error_at(std::string code, std::string source,
                fmt::format_string<Args...> format, Args&&... args) {
    add({Level::kError,
         std::move(code),
         {},
         std::move(source),
         localized(format, std::forward<Args>(args)...)});
  }
  template <typename... Args>
  void warn_in(std::string code, std::vector<std::string> location,
               fmt::format_string<Args...> format, Args&&... args) {
    add({Level::kWarning,
         std::move(code),
         std::move(location),
         {},
         localized(format, std::forward<Args>(args)...)});
  }
  template <typename... Args>
  void error_in(std::string code, std::vector<std::string> location,
                fmt::format_string<Args...> format, Args&&... args) {
    add({Level::kError,
         std::move(code),
         std::move(location),
         {},
         localized(format, std::forward<Args>(args)...)});
  }

  // A snapshot in a deterministic order (by source/location, then code).
  std::vector<Notice> sorted() const;
  bool has_errors() const;
  size_t size() const;
  std::map<std::string, size_t> count_by_code() const;
  // The notices in the order they were added, leaving none (a sandboxed
  // content worker hands each file's notices to the parent this way).
  std::vector<Notice> take();

 private:
  mutable std::mutex mutex_;
  std::vector<Notice> notices_;
};

}  // namespace mamori
