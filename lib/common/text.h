// Small string helpers shared by the parsers and reports. ASCII-only case
// folding: names and paths in logs are compared byte-wise beyond ASCII.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mamori {

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
         c == '\v';
}
constexpr char to_lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
std::string_view trim(std::string_view s);
// Splits on every `sep`; empty fields are kept.
std::vector<std::string_view> split(std::string_view s, char sep);

bool is_valid_utf8(std::string_view s);
// Appends the UTF-8 encoding of code point `cp` (at most U+10FFFF).
void append_utf8(std::string& out, uint32_t cp);

// Replaces each byte of `s` that begins no valid UTF-8 sequence by '?': the
// size is kept, so a text within a byte limit stays within it.
void replace_invalid_utf8(std::string& s);

// Orders text with runs of digits compared as numbers, so "a.log:9" comes
// before "a.log:10" and "file:2:7" before "file:10:1".
bool natural_less(std::string_view a, std::string_view b);
// Levenshtein distance, for "did you mean" hints.
size_t edit_distance(std::string_view a, std::string_view b);
// Text safe to print on a terminal or in a one-line message: control
// characters and invalid UTF-8 bytes become \n, \t, \xNN escapes.
std::string escape_for_display(std::string_view s);

// Columns `s` takes on a terminal: East Asian wide and fullwidth characters
// (kanji, kana, hangul, fullwidth forms, emoji) count two, combining marks
// and zero-width characters none, invalid bytes one.
size_t display_width(std::string_view s);
// `s` followed by spaces up to `width` columns (display_width).
std::string pad_to_width(std::string_view s, size_t width);

// "1.5 MiB", "412 B": for titles and messages.
std::string human_bytes(uint64_t bytes);

}  // namespace mamori
