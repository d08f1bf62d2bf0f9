// LogFormat: which log format a file is in, or an event came from, as a
// value (not free text). Each format's value is a constant declared next to
// its parser (kSambaFormat in samba_audit.h, ...) and listed once in the
// format table (log_formats.h), which turns names given by users
// (`--log FORMAT:FILE`) into values.
#pragma once

#include <cstddef>
#include <string_view>

namespace mamori::logs {

class LogFormat {
 public:
  // No format: not detected, not given.
  constexpr LogFormat() = default;
  // A format known when the program is written: a string literal such as
  // "samba". Text from users goes through find_log_format (log_formats.h).
  template <size_t N>
  constexpr LogFormat(const char (&name)[N])  // NOLINT: implicit on purpose
      : name_(name, N - 1) {}

  // The name users give in FORMAT:FILE ("samba", ...); empty for none.
  constexpr std::string_view name() const { return name_; }
  constexpr bool empty() const { return name_.empty(); }

  friend constexpr bool operator==(const LogFormat& a, const LogFormat& b) {
    // The same literal is usually the same pointer: no byte compare then.
    return (a.name_.data() == b.name_.data() &&
            a.name_.size() == b.name_.size()) ||
           a.name_ == b.name_;
  }

 private:
  std::string_view name_;
};

}  // namespace mamori::logs
