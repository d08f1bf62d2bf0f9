// Errors that end the run: bad usage, a register or rule set that cannot be
// used, a report that cannot be written. Problems with a single input are
// never thrown; they become notices in Diagnostics (diagnostics.h).
#pragma once

#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace mamori {

// The one exception type of mamori. Caught only in cli/main.cc, which prints
// "mamori: error: <what>" and exits with `exit_code` (spec/cli.md).
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, int exit_code = 2)
      : std::runtime_error(what), exit_code_(exit_code) {}
  int exit_code() const noexcept { return exit_code_; }

 private:
  int exit_code_;
};

template <typename... Args>
[[noreturn]] void fail(fmt::format_string<Args...> format, Args&&... args) {
  throw Error(fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace mamori
