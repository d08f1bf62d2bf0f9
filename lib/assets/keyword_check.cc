// weak_keyword: byte lengths in each encoding keywords are matched in, and
// an estimate of how often such a string occurs by chance.
#include "assets/keyword_check.h"

#include "common/encoding.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace mamori::assets {
namespace {

constexpr size_t kMinBytes = 6;         // in every encoding
constexpr size_t kMinAsciiLetters = 5;  // an ASCII keyword
constexpr size_t kMinDigitsOnly = 8;    // a number, a part code

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Expected occurrences per GiB of uniformly random bytes of one string of
// `n` bytes: real files, far from random, hold many more.
double chance_per_gib(size_t n) {
  return std::ldexp(1.0, 30) / std::pow(256.0, static_cast<double>(n));
}

std::string chance_text(size_t n) {
  const double per_gib = chance_per_gib(n);
  if (per_gib >= 1)
    return fmt::format("about {:.0f} times per GiB of random data", per_gib);
  return fmt::format("once per {:.0f} GiB of random data", 1 / per_gib);
}

}  // namespace

std::optional<std::string> weak_keyword(std::string_view keyword) {
  if (keyword.empty())
    return std::nullopt;  // the loader reports an empty keyword itself
  if (keyword.size() > 1 &&
      std::all_of(keyword.begin(), keyword.end(),
                  [&](char c) { return c == keyword.front(); })) {
    return "one repeated character is not specific";
  }
  if (is_ascii(keyword)) {
    const auto letters = static_cast<size_t>(
        std::count_if(keyword.begin(), keyword.end(), is_alpha));
    if (letters == 0 && keyword.size() < kMinDigitsOnly) {
      return fmt::format(
          "{} digits or signs and no letter: such numbers occur in ordinary "
          "files (give at least {} characters, or a word with them)",
          keyword.size(), kMinDigitsOnly);
    }
    if (letters > 0 && keyword.size() < kMinAsciiLetters) {
      return fmt::format(
          "{} character{}: so short a word occurs in ordinary text, and as "
          "bytes {}, far more often in real files; give at least {} "
          "characters",
          keyword.size(), keyword.size() == 1 ? "" : "s",
          chance_text(keyword.size()), kMinAsciiLetters);
    }
    return std::nullopt;
  }
  // Non-ASCII: the shortest of its encoded forms decides.
  std::pair<size_t, const char*> shortest{keyword.size(), "UTF-8"};
  for (const char* encoding : {"UTF-16LE", "CP932", "EUC-JP"}) {
    if (const auto encoded = convert_encoding(keyword, "UTF-8", encoding)) {
      shortest = std::min(
          shortest, std::pair{encoded->size(), encoding},
          [](const auto& a, const auto& b) { return a.first < b.first; });
    }
  }
  if (shortest.first < kMinBytes) {
    return fmt::format(
        "{} bytes in {}: so short a string occurs as bytes {}, far more "
        "often in real files, and as an ordinary word in text; give at least "
        "three Japanese characters or a longer phrase",
        shortest.first, shortest.second, chance_text(shortest.first));
  }
  return std::nullopt;
}

}  // namespace mamori::assets
