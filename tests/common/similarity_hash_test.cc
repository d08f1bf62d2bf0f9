// Tests of lib/common/similarity_hash.cc: the size floor, and scores that
// tell an edited text from an unrelated one.
#include "common/similarity_hash.h"

#include <doctest/doctest.h>

#include <string>

using namespace mamori;

namespace {

// Words drawn from a small vocabulary by a fixed generator (`seed`).
std::string words(uint32_t seed, size_t count) {
  static const char* const kWords[] = {
      "layer", "ceramic", "sinter",  "glass",  "frit",   "paste",
      "green", "sheet",   "via",     "punch",  "stack",  "press",
      "kiln",  "profile", "alumina", "silver", "binder", "solvent",
      "tape",  "cast",    "dry",     "cut",    "fire",   "test"};
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    seed = seed * 1103515245u + 12345u;
    out += kWords[(seed >> 16) % std::size(kWords)];
    out += (i % 12 == 11) ? ".\n" : " ";
  }
  return out;
}

}  // namespace

TEST_CASE("similarity_hash: nothing below the floor") {
  CHECK_FALSE(similarity_digest(std::string(kMinSimilarityBytes - 1, 'a')));
  CHECK(similarity_digest(words(1, 200)));
}

TEST_CASE("similarity_hash: an edited text scores high, another text 0") {
  const std::string text = words(1, 600);
  std::string edited = text;
  edited.replace(edited.size() / 2, 40, words(9, 8));
  const auto a = similarity_digest(text);
  const auto b = similarity_digest(edited + words(3, 30));
  const auto c = similarity_digest(words(2, 600));
  REQUIRE((a && b && c));
  CHECK(similarity_score(*a, *a) == 100);
  CHECK(similarity_score(*a, *b) >= 60);
  CHECK(similarity_score(*a, *c) == 0);
  CHECK(similarity_score(*a, "not a digest") == 0);
}
