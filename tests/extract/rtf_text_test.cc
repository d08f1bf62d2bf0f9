// rtf_text on RTF as Word and WordPad write it on Japanese systems, and on
// broken and hostile RTF.
#include "extract/rtf_text.h"

#include "common/encoding.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <random>
#include <string>
#include <string_view>

using mamori::extract::ExtractedText;
using mamori::extract::rtf_text;
using mamori::extract::TextLimits;

namespace {

ExtractedText rtf(std::string_view s, const TextLimits& limits = {}) {
  return rtf_text(std::as_bytes(std::span(s)), limits);
}

// `utf8` in CP932 as Word writes it: bytes above 0x7F and the three
// special characters as \'hh, other bytes (trail bytes in the ASCII range,
// as the 'y' of 【 = 81 79) as they are.
std::string cp932_escaped(std::string_view utf8) {
  const auto sjis = mamori::convert_encoding(utf8, "UTF-8", "CP932");
  REQUIRE(sjis);
  std::string out;
  for (const char c : *sjis) {
    const auto b = static_cast<unsigned char>(c);
    const bool special = c == '{' || c == '}' || c == '\\';
    out +=
        b < 0x80 && !special ? std::string(1, c) : fmt::format("\\'{:02x}", b);
  }
  return out;
}

}  // namespace

TEST_CASE("rtf_text: \\'hh bytes in CP932 (\\ansicpg932) decode as pairs") {
  const std::string doc =
      "{\\rtf1\\ansi\\ansicpg932\\deff0{\\fonttbl{\\f0\\fnil\\fcharset128 "
      "MS Mincho;}}\\f0\\fs21 " +
      cp932_escaped("【極秘】非球面研磨レシピ") + "\\par\n" +
      cp932_escaped("第3版") + "\\par}";
  const ExtractedText t = rtf(doc);
  CHECK(t.text == "【極秘】非球面研磨レシピ\n第3版");
  CHECK(t.error.empty());
}

TEST_CASE("rtf_text: a font's \\fcharset128 selects CP932 in a 1252 document") {
  const std::string doc =
      "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 "
      "Arial;}{\\f1\\fnil\\fcharset128 MS Gothic;}}"
      "caf\\'e9 {\\f1 " +
      cp932_escaped("図面") + "}\\par}";
  CHECK(rtf(doc).text == "café 図面");
}

TEST_CASE("rtf_text: without \\ansicpg the code page is 1252") {
  CHECK(rtf("{\\rtf1\\ansi na\\'efve \\'93quote\\'94}").text ==
        "naïve “quote”");
}

TEST_CASE("rtf_text: \\uN with negative values and \\uc fallbacks skipped") {
  // 非 U+975E = 38750 = -26786, 面 U+9762 = -26782, 研 U+7814 = 30740.
  SUBCASE("\\uc1 with a '?' fallback") {
    CHECK(rtf("{\\rtf1\\uc1 \\u-26786?\\u-26782?\\u30740?}").text == "非面研");
  }
  SUBCASE("\\uc2 with \\'hh fallbacks, then \\uc0 in a group") {
    CHECK(rtf("{\\rtf1\\ansi\\ansicpg932\\uc2\\u-26786\\'94\\'f1"
              "{\\uc0\\u-26782}x\\u30740\\'8c\\'a4}")
              .text == "非面x研");
  }
  SUBCASE("a surrogate pair") {
    // U+20BB7 = D842 DFB7 = -10174 -8265.
    CHECK(rtf("{\\rtf1\\uc1\\u-10174?\\u-8265?}").text == "\xF0\xA0\xAE\xB7");
  }
  SUBCASE("the fallback does not cross a group end") {
    CHECK(rtf("{\\rtf1\\uc1{\\u30740}x}").text == "研x");
  }
}

TEST_CASE("rtf_text: destinations no reader sees are skipped") {
  const ExtractedText t =
      rtf("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}"
          "{\\colortbl;\\red0\\green0\\blue0;}"
          "{\\stylesheet{\\s0 Normal;}}"
          "{\\*\\generator Msftedit 5.41.21.2510;}"
          "{\\*\\unknowndest hidden text}"
          "{\\info{\\title Design}{\\author Yamada}{\\creatim\\yr2024\\mo1}}"
          "{\\pict\\pngblip 89504e47}"
          "{\\field{\\*\\fldinst HYPERLINK \"http://x\"}{\\fldrslt link text}}"
          "\\par Body {\\*\\annotation a note}\\par}");
  CHECK(t.text == "Design\nYamada\nlink text\nBody a note");
}

TEST_CASE("rtf_text: paragraphs, lines, tabs and table cells") {
  CHECK(rtf("{\\rtf1 a\\tab b\\line c\\par "
            "\\trowd x\\cell y\\cell\\row z\\par}")
            .text == "a\tb\nc\nx\ty\nz");
  CHECK(rtf("{\\rtf1 a\\{b\\}c\\\\d\\~e\\emdash f}").text ==
        "a{b}c\\d\xC2\xA0"
        "e\u2014f");
}

TEST_CASE("rtf_text: \\bin data is skipped, not read as text or groups") {
  const std::string doc = "{\\rtf1 A{\\*\\blob\\bin6 }{}\\x}}B{\\bin4 }}{x}C}";
  // The first \bin is in a skipped destination; the second is in text.
  CHECK(rtf(doc).text == "ABC");
}

TEST_CASE("rtf_text: not RTF, truncated RTF and hostile input") {
  CHECK_FALSE(rtf("").error.empty());
  CHECK_FALSE(rtf("plain text").error.empty());
  CHECK(rtf("plain text").text.empty());

  const ExtractedText cut = rtf("{\\rtf1 first\\par second {\\b bold");
  CHECK(cut.text == "first\nsecond bold");
  CHECK_FALSE(cut.error.empty());

  std::string deep = "{\\rtf1 ";
  for (int i = 0; i < 200000; ++i)
    deep += "{";
  deep += "deep";
  for (int i = 0; i < 200000; ++i)
    deep += "}";
  CHECK(rtf(deep + "}").text == "deep");

  std::mt19937 rng(3);
  for (int round = 0; round < 50; ++round) {
    std::string noise = "{\\rtf1\\ansicpg932 ";
    for (int i = 0; i < 4096; ++i) {
      static constexpr std::string_view kAlphabet = "{}\\'*u-0123456789abcz ";
      noise.push_back(round % 2 == 0 ? static_cast<char>(rng())
                                     : kAlphabet[rng() % kAlphabet.size()]);
    }
    const auto start = std::chrono::steady_clock::now();
    (void)rtf(noise);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  }
}

TEST_CASE("rtf_text: limits truncate") {
  TextLimits limits;
  limits.max_text_bytes = 7;
  const ExtractedText t =
      rtf("{\\rtf1\\uc0\\u-26786\\u-26782\\u30740}", limits);
  CHECK(t.truncated);
  CHECK(t.text == "非面");

  std::string big = "{\\rtf1 ";
  for (int i = 0; i < 100000; ++i)
    big += "word\\par ";
  limits = TextLimits{};
  limits.max_time = std::chrono::milliseconds(0);
  CHECK(rtf(big + "}", limits).truncated);
  CHECK_FALSE(rtf(big + "}").truncated);
}
