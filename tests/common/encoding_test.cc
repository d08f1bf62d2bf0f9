// Tests of lib/common/encoding.cc: CP932 as Excel writes it (backslash and
// the wave dash of CP932, not of Shift_JIS), UTF-16LE, output that outgrows
// its first buffer, and invalid input refused rather than mangled.
#include "common/encoding.h"

#include "common/error.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

using mamori::convert_encoding;

TEST_CASE("convert_encoding: CP932 to UTF-8 with CP932's own mappings") {
  // 日本 in CP932.
  CHECK(convert_encoding("\x93\xFA\x96\x7B", "CP932", "UTF-8") ==
        "\xE6\x97\xA5\xE6\x9C\xAC");
  // 0x5C stays a backslash (Shift_JIS would make it a yen sign), 0x8160 is
  // U+FF5E (Shift_JIS: U+301C), 0xB1 is a half-width katakana.
  CHECK(convert_encoding("C:\\a\x81\x60\xB1", "CP932", "UTF-8") ==
        "C:\\a\xEF\xBD\x9E\xEF\xBD\xB1");
  // And back.
  CHECK(convert_encoding("\xE6\x97\xA5\xE6\x9C\xAC", "UTF-8", "CP932") ==
        "\x93\xFA\x96\x7B");
}

TEST_CASE("convert_encoding: UTF-16LE both ways, and output larger than 2x") {
  const std::string utf16(
      "\xE5\x65\x2C\x67"
      "a\0",
      6);  // 日本a
  CHECK(convert_encoding(utf16, "UTF-16LE", "UTF-8") ==
        "\xE6\x97\xA5\xE6\x9C\xAC"
        "a");
  CHECK(convert_encoding("\xE6\x97\xA5\xE6\x9C\xAC"
                         "a",
                         "UTF-8", "UTF-16LE") == utf16);
  // UTF-32 is four bytes per ASCII character: the buffer has to grow.
  const std::string ascii(10000, 'x');
  auto wide = convert_encoding(ascii, "UTF-8", "UTF-32LE");
  REQUIRE(wide);
  CHECK(wide->size() == 40000);
  CHECK(convert_encoding(*wide, "UTF-32LE", "UTF-8") == ascii);
  CHECK(convert_encoding("", "CP932", "UTF-8") == "");
}

TEST_CASE("convert_encoding: invalid or unrepresentable input is nullopt") {
  // A CP932 lead byte with no trail byte.
  CHECK_FALSE(convert_encoding("ab\x81", "CP932", "UTF-8"));
  // Not UTF-8 at all.
  CHECK_FALSE(
      convert_encoding("a\xFF"
                       "b",
                       "UTF-8", "CP932"));
  // An emoji has no CP932 form: refused, not dropped.
  CHECK_FALSE(convert_encoding("a\xF0\x9F\x98\x80", "UTF-8", "CP932"));
  // Half a UTF-16 code unit.
  CHECK_FALSE(convert_encoding(std::string("a\0b", 3), "UTF-16LE", "UTF-8"));
}

TEST_CASE("convert_encoding: an encoding iconv does not know is an Error") {
  CHECK_THROWS_AS(convert_encoding("a", "NO-SUCH-CHARSET", "UTF-8"),
                  mamori::Error);
}

TEST_CASE("Utf16Decoder: pieces of any size give the whole text") {
  // "日本 a" and 𠮷 (U+20BB7, a surrogate pair) in both byte orders.
  const std::string utf8 = "\xE6\x97\xA5\xE6\x9C\xAC a\xF0\xA0\xAE\xB7!";
  for (const char* name : {"UTF-16LE", "UTF-16BE"}) {
    CAPTURE(name);
    const auto order = std::string_view(name) == "UTF-16LE"
                           ? mamori::ByteOrder::kLittle
                           : mamori::ByteOrder::kBig;
    const std::string utf16 = *convert_encoding(utf8, "UTF-8", name);
    for (size_t piece = 1; piece <= utf16.size(); ++piece) {
      CAPTURE(piece);
      mamori::Utf16Decoder decoder(order);
      std::string out;
      for (size_t at = 0; at < utf16.size(); at += piece)
        decoder.decode(std::string_view(utf16).substr(at, piece), out);
      decoder.finish(out);
      CHECK(out == utf8);
      CHECK(decoder.replaced() == 0);
    }
  }
}

TEST_CASE("Utf16Decoder: a lone surrogate or a cut unit is U+FFFD, counted") {
  // "a", a high surrogate with no low one, "b"; then half a unit.
  const std::string utf16(
      "a\0\x3D\xD8"
      "b\0"
      "c",
      7);
  mamori::Utf16Decoder decoder(mamori::ByteOrder::kLittle);
  std::string out;
  decoder.decode(utf16, out);
  decoder.finish(out);
  CHECK(out ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD");
  CHECK(decoder.replaced() == 2);
}

TEST_CASE("Converter: one conversion for many strings, each whole") {
  mamori::Converter cp932("CP932", "UTF-8");
  CHECK(cp932("\x93\xFA") == "\xE6\x97\xA5");
  CHECK(cp932("\x93") == std::nullopt);        // a lead byte alone
  CHECK(cp932("\x96\x7B") == "\xE6\x9C\xAC");  // not disturbed by the last
}

TEST_CASE("convert_encoding: the conversions it keeps open act as new ones") {
  // More encodings than a thread keeps open, used in turn three times, with
  // a failed conversion between: each result equals a new Converter's. A
  // stateful encoding (ISO-2022-JP shifts in and out) shows a state left
  // over from the call before.
  const std::string text = "\xE6\x97\xA5\xE6\x9C\xAC a";  // 日本 a
  const char* const encodings[] = {
      "CP932",     "EUC-JP",  "ISO-2022-JP", "UTF-16LE", "UTF-16BE", "UTF-32LE",
      "SHIFT_JIS", "GB18030", "BIG5",        "EUC-KR",   "UTF-7"};
  for (int round = 0; round < 3; ++round) {
    for (const char* encoding : encodings) {
      CAPTURE(encoding);
      const std::optional<std::string> fresh =
          mamori::Converter("UTF-8", encoding)(text);
      REQUIRE(fresh);
      CHECK(convert_encoding(text, "UTF-8", encoding) == fresh);
      CHECK(convert_encoding("\xE6\x97", "UTF-8", encoding) == std::nullopt);
      CHECK(convert_encoding(*fresh, encoding, "UTF-8") == text);
    }
  }
}
