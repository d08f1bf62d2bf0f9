// looks_like_text: byte-level checks in one pass per candidate encoding;
// no conversion, since a sniff runs on every object examined.
#include "extract/text_sniff.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace mamori::extract {
namespace {

// Bytes sampled at the start and at the end: a text file does not turn
// into binary in its middle, and a binary file with a text header (a
// script stub, a tar of text) has binary further on.
constexpr size_t kHeadSample = 32u << 10;
constexpr size_t kTailSample = 8u << 10;

using Bytes = std::span<const uint8_t>;

// A multi-byte character cut by the sample's edge is not an error.
bool valid_utf8(Bytes b, bool cut_start, bool cut_end) {
  size_t i = 0;
  if (cut_start) {
    while (i < b.size() && i < 3 && (b[i] & 0xC0) == 0x80)
      ++i;
  }
  while (i < b.size()) {
    const uint8_t c = b[i];
    size_t n;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
    } else {
      return false;
    }
    if (i + n >= b.size())
      return cut_end || i + n < b.size();
    for (size_t k = 1; k <= n; ++k) {
      if ((b[i + k] & 0xC0) != 0x80)
        return false;
    }
    i += n + 1;
  }
  return true;
}

bool valid_cp932(Bytes b, bool cut_end) {
  for (size_t i = 0; i < b.size(); ++i) {
    const uint8_t c = b[i];
    if (c < 0x80 || (c >= 0xA1 && c <= 0xDF))
      continue;  // ASCII, half-width katakana
    if (!((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC)))
      return false;
    if (i + 1 == b.size())
      return cut_end;
    const uint8_t t = b[++i];
    if (t < 0x40 || t == 0x7F || t > 0xFC)
      return false;
  }
  return true;
}

bool valid_euc_jp(Bytes b, bool cut_end) {
  for (size_t i = 0; i < b.size(); ++i) {
    const uint8_t c = b[i];
    if (c < 0x80)
      continue;
    size_t n;
    if (c == 0x8E)
      n = 1;  // half-width katakana
    else if (c == 0x8F)
      n = 2;  // JIS X 0212
    else if (c >= 0xA1 && c <= 0xFE)
      n = 1;
    else
      return false;
    if (i + n >= b.size())
      return cut_end;
    for (size_t k = 1; k <= n; ++k) {
      if (b[i + k] < 0xA1 || b[i + k] == 0xFF)
        return false;
    }
    i += n;
  }
  return true;
}

// No NUL, and at most 1 in 200 bytes another C0 control than tab, line
// feed, vertical tab, form feed, carriage return and escape (ISO-2022-JP).
bool plain_controls(Bytes b) {
  size_t odd = 0;
  for (const uint8_t c : b) {
    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
        c == '\r' || c == 0x1B)
      continue;
    if (c == 0)
      return false;
    ++odd;
  }
  return odd * 200 <= b.size();
}

bool text_sample(Bytes b, bool cut_start, bool cut_end) {
  if (!plain_controls(b))
    return false;
  if (std::all_of(b.begin(), b.end(), [](uint8_t c) { return c < 0x80; }))
    return true;
  if (valid_utf8(b, cut_start, cut_end))
    return true;
  // A sample cut at its start may begin inside a character: one of the
  // first three bytes starts one (EUC-JP's longest is three bytes).
  const size_t starts = cut_start ? 3 : 1;
  for (size_t skip = 0; skip < starts && skip < b.size(); ++skip) {
    if (valid_cp932(b.subspan(skip), cut_end) ||
        valid_euc_jp(b.subspan(skip), cut_end))
      return true;
  }
  return false;
}

bool starts_with(Bytes b, std::string_view prefix) {
  return b.size() >= prefix.size() &&
         std::equal(
             prefix.begin(), prefix.end(), b.begin(),
             [](char p, uint8_t c) { return static_cast<uint8_t>(p) == c; });
}

}  // namespace

bool looks_like_text(std::span<const std::byte> data) {
  const Bytes b(reinterpret_cast<const uint8_t*>(data.data()), data.size());
  if (b.empty())
    return false;
  if (starts_with(b, "\xEF\xBB\xBF") || starts_with(b, "\xFF\xFE") ||
      starts_with(b, "\xFE\xFF"))
    return true;
  if (b.size() <= kHeadSample + kTailSample)
    return text_sample(b, false, false);
  return text_sample(b.first(kHeadSample), false, true) &&
         text_sample(b.last(kTailSample), true, false);
}

}  // namespace mamori::extract
