// Errors that end the run: bad usage, a register or rule set that cannot be
// used, a report that cannot be written. Problems with a single input are
// never thrown; they become notices in Diagnostics (diagnostics.h).
//
// Between the two sits the contract for low-level calls: those that work on
// one input without knowing where it stands in the run or which notice it
// deserves (opening a file, parsing a container, reading an archive
// member). They report failure one way: the result says whether it worked
// (bool, optional or a status enum) and a one-line reason for a person goes
// into a trailing `std::string& error` argument. They never throw for bad
// input and never write notices themselves: the caller, which knows the
// location and the notice code, turns the reason into a notice
// (Diagnostics::error_in / warn_in) and goes on. Thin system-call wrappers
// (common/file_open.h) keep the system's own -1 and errno. lib/content and
// lib/unpack follow this contract.
//
// Files that configure a run (register, roster, devices, settings) have a
// loader each, `load_x(path, Diagnostics&) -> optional<T>`: every problem a
// notice at "file:line", nothing when the file cannot be used; what that
// costs the run is decided once, in pipeline/configuration.h.
#pragma once

#include "common/exit_code.h"

#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace mamori {

// The one exception type of mamori. Caught only in cli/main.cc, which prints
// "mamori: error: <what>" and exits with `exit_code` (spec/cli.md).
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, int exit_code = kExitUsage)
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
