// Small lexers shared by the timestamp and log parsers: fixed-width decimal
// fields, hexadecimal numbers, fractional seconds, a wall-clock time and the
// "YYYY/MM/DD HH:MM:SS.f" layout (smbd's debug log, setupapi.dev.log). Each
// reads from a position and fails rather than guess: no sign, no spaces.
// They live in common/ because common/time.cc reads ISO 8601 with them.
#pragma once

#include "common/text.h"

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mamori {

// Exactly `n` decimal digits at `pos` (n <= 9), or nullopt.
inline std::optional<int> fixed_digits(std::string_view s, size_t pos,
                                       size_t n) {
  if (pos > s.size() || n > s.size() - pos)
    return std::nullopt;
  int value = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!is_digit(s[i]))
      return std::nullopt;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

// One to `max_digits` decimal digits at `pos` (max_digits <= 9), as many
// as there are: "9/20/2023" gives 9, then 20. Advances `pos` past them;
// nullopt, and `pos` unmoved, when there is no digit.
inline std::optional<int> read_digits(std::string_view s, size_t& pos,
                                      size_t max_digits) {
  int value = 0;
  size_t i = pos;
  while (i < s.size() && i - pos < max_digits && is_digit(s[i]))
    value = value * 10 + (s[i++] - '0');
  if (i == pos)
    return std::nullopt;
  pos = i;
  return value;
}

// The whole of `s` as a hexadecimal number, "0x" or "0X" optional ("0x2",
// "12019f"); nullopt when empty, not hexadecimal or over 64 bits.
inline std::optional<uint64_t> hex_number(std::string_view s) {
  if (s.substr(0, 2) == "0x" || s.substr(0, 2) == "0X")
    s.remove_prefix(2);
  if (s.empty())
    return std::nullopt;
  uint64_t value = 0;
  const auto [end, ec] =
      std::from_chars(s.data(), s.data() + s.size(), value, 16);
  if (ec != std::errc() || end != s.data() + s.size())
    return std::nullopt;
  return value;
}

// The whole of `s` as an unsigned decimal number ("262401"); nullopt when
// empty, not decimal or over 64 bits.
inline std::optional<uint64_t> decimal_number(std::string_view s) {
  if (s.empty())
    return std::nullopt;
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size())
    return std::nullopt;
  return value;
}

// The digits of a fraction of a second at `pos` (after its '.' or ','), as
// microseconds: "5" is 500000, "123456789" is 123456 (digits past the sixth
// are read and dropped). Advances `pos` past the digits; nullopt, and `pos`
// unmoved, when there is none.
inline std::optional<int64_t> fraction_micros(std::string_view s, size_t& pos) {
  int64_t frac = 0;
  int scale = 0;
  size_t i = pos;
  while (i < s.size() && is_digit(s[i])) {
    if (scale < 6) {
      frac = frac * 10 + (s[i] - '0');
      ++scale;
    }
    ++i;
  }
  if (i == pos)
    return std::nullopt;
  for (; scale < 6; ++scale)
    frac *= 10;
  pos = i;
  return frac;
}

// A wall-clock time at the start of a text: "HH:MM:SS" with an optional
// ".ffffff" or ",ffffff" (the separator only counts when a digit follows).
struct ClockTime {
  int64_t micros_of_day = 0;
  size_t length = 0;  // characters read
};
inline std::optional<ClockTime> parse_clock_time(std::string_view s) {
  if (s.size() < 8 || s[2] != ':' || s[5] != ':')
    return std::nullopt;
  const auto h = fixed_digits(s, 0, 2), m = fixed_digits(s, 3, 2),
             sec = fixed_digits(s, 6, 2);
  if (!h || !m || !sec || *h > 23 || *m > 59 || *sec > 60)
    return std::nullopt;
  ClockTime t{((*h * 60LL + *m) * 60 + *sec) * 1000000, 8};
  if (t.length < s.size() && (s[t.length] == '.' || s[t.length] == ',')) {
    size_t pos = t.length + 1;
    if (auto frac = fraction_micros(s, pos)) {
      t.micros_of_day += *frac;
      t.length = pos;
    }
  }
  return t;
}

// "YYYY/MM/DD HH:MM:SS[.f]" at the start of `s`: the fields as written (the
// date is not checked against the calendar).
struct SlashDateTime {
  int year = 0;
  int month = 0;
  int day = 0;
  ClockTime time;
  size_t length = 0;  // characters read
};
inline std::optional<SlashDateTime> parse_slash_date_time(std::string_view s) {
  if (s.size() < 19 || s[4] != '/' || s[7] != '/' || s[10] != ' ')
    return std::nullopt;
  const auto y = fixed_digits(s, 0, 4), mo = fixed_digits(s, 5, 2),
             d = fixed_digits(s, 8, 2);
  const auto time = parse_clock_time(s.substr(11));
  if (!y || !mo || !d || !time)
    return std::nullopt;
  return SlashDateTime{*y, *mo, *d, *time, 11 + time->length};
}

}  // namespace mamori
