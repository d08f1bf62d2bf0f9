// looks_like_text on text in each encoding a Japanese office writes, and on
// the binary files that must not be taken for text.
#include "extract/text_sniff.h"

#include "common/encoding.h"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>

using mamori::extract::looks_like_text;

namespace {

bool text(std::string_view s) {
  return looks_like_text(std::as_bytes(std::span(s)));
}

std::string repeated(std::string_view s, size_t bytes) {
  std::string out;
  while (out.size() < bytes)
    out += s;
  return out;
}

}  // namespace

TEST_CASE("looks_like_text: ASCII, UTF-8, CP932 and EUC-JP prose is text") {
  const std::string ja = "【極秘】非球面研磨レシピ　第3版\r\n区分: 秘\n";
  CHECK(text("CONFIDENTIAL\nDesign review minutes\n"));
  CHECK(text(ja));
  CHECK(text(*mamori::convert_encoding(ja, "UTF-8", "CP932")));
  CHECK(text(*mamori::convert_encoding(ja, "UTF-8", "EUC-JP")));
  CHECK(
      text("\xFF\xFE"
           "a\0b\0"));                  // UTF-16LE with its mark
  CHECK(text("\x1B$B%F%9%H\x1B(B\n"));  // ISO-2022-JP escapes
}

TEST_CASE(
    "looks_like_text: a large file is judged on its start and its end, "
    "cut inside characters") {
  const std::string utf8 = repeated("非球面研磨レシピの工程表。", 200000);
  CHECK(text(utf8));
  const std::string cp932 = *mamori::convert_encoding(utf8, "UTF-8", "CP932");
  CHECK(text(cp932));
  CHECK(text(cp932.substr(1)));  // starts with a trail byte
  const std::string euc = *mamori::convert_encoding(utf8, "UTF-8", "EUC-JP");
  CHECK(text(euc.substr(1)));
  // Binary after a long text header is seen at the end.
  std::string tail_binary = repeated("#!/bin/sh\nexit 0\n", 100000);
  tail_binary += std::string(
      "\x7F"
      "ELF\x02\x01\x01\0\0\0",
      10);
  CHECK_FALSE(text(tail_binary));
}

TEST_CASE(
    "looks_like_text: binaries, compressed data and empty input are "
    "not text") {
  CHECK_FALSE(text(""));
  CHECK_FALSE(
      text(std::string("\x7F"
                       "ELF\x02\x01\x01\0\0\0\0\0",
                       12)));
  CHECK_FALSE(text(std::string("abc\0def", 7)));
  std::mt19937 rng(7);
  std::string noise(4096, '\0');
  for (char& c : noise)
    c = static_cast<char>(rng() % 255 + 1);  // random, but no NUL
  CHECK_FALSE(text(noise));
  // A CP932 【秘】 inside otherwise binary bytes.
  CHECK_FALSE(
      text(std::string("\x01\x02\x81\x79\x94\xE9\x81\x7A\x03\x04", 10)));
  // Bytes above 0x7F that are no Japanese encoding.
  CHECK_FALSE(text("abc \xFF\xFF\xFF def"));
}
