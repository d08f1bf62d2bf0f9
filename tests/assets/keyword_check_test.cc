// weak_keyword: the keywords that would fire on ordinary files, and the
// specific ones that pass.
#include "assets/keyword_check.h"

#include <doctest/doctest.h>

using mamori::assets::weak_keyword;

TEST_CASE(
    "weak_keyword: one or two Japanese characters are too short in "
    "CP932, and the reason says so") {
  const auto one = weak_keyword("秘");
  REQUIRE(one.has_value());
  CHECK(one->starts_with("2 bytes in UTF-16LE"));  // first of the shortest
  CHECK(one->find("about 16384 times per GiB of random data") !=
        std::string::npos);
  const auto two = weak_keyword("研磨");
  REQUIRE(two.has_value());
  CHECK(two->starts_with("4 bytes in UTF-16LE"));
  CHECK(two->find("once per 4 GiB") != std::string::npos);
  CHECK_FALSE(weak_keyword("非球面研磨").has_value());
  CHECK_FALSE(weak_keyword("誘電体スラリー配合").has_value());
  // Half-width katakana is one byte in CP932.
  CHECK(weak_keyword("ｱｲｳ").has_value());
}

TEST_CASE(
    "weak_keyword: short ASCII words, bare numbers and repeated "
    "characters are not specific") {
  CHECK(weak_keyword("K12").has_value());
  CHECK(weak_keyword("2024").has_value());
  CHECK(weak_keyword("----------").has_value());
  CHECK(weak_keyword("aaaaaaa").has_value());
  CHECK_FALSE(weak_keyword("K12 layer stack").has_value());
  CHECK_FALSE(weak_keyword("BT-07 slurry").has_value());
  CHECK_FALSE(weak_keyword("20240917").has_value());  // 8 digits: a part no.
  CHECK_FALSE(weak_keyword("").has_value());
}
