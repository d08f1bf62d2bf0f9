// Excerpts are decoded in the match's encoding, cut at character
// boundaries, and never carry a control character, a bidirectional
// control or an undecodable byte unescaped.
#include "content/excerpt.h"

#include "common/encoding.h"

#include <doctest/doctest.h>

#include <string>

using namespace mamori;
using namespace mamori::content;

namespace {

std::string in(std::string_view utf8, const char* encoding) {
  auto out = convert_encoding(utf8, "UTF-8", encoding);
  REQUIRE(out.has_value());
  return *out;
}

// The excerpt of the first `match` in `data`.
std::string excerpt_of(const std::string& data, const std::string& match,
                       std::string_view encoding) {
  const size_t at = data.find(match);
  REQUIRE(at != std::string::npos);
  return make_excerpt(std::as_bytes(std::span(data)), at, match.size(),
                      encoding);
}

}  // namespace

TEST_CASE("Excerpt: CP932, EUC-JP and UTF-16LE context is decoded to UTF-8") {
  const std::string text = "本書は誘電体スラリー配合の手順を示す。";
  for (const char* encoding : {"CP932", "EUC-JP", "UTF-16LE"}) {
    CAPTURE(encoding);
    const std::string data = in(text, encoding);
    CHECK(excerpt_of(data, in("誘電体スラリー配合", encoding), encoding) ==
          text);
  }
}

TEST_CASE(
    "Excerpt: a window that starts inside a double-byte character starts at "
    "the next one") {
  // 漢 is 8A BF in CP932, and BF alone is the half-width ｿ: a window that
  // starts on the trail byte would read as ｿ. The window (24 bytes before
  // the match) starts there: the odd "A" shifts the kanji by one byte.
  std::string kanji;
  for (int i = 0; i < 12; ++i)
    kanji += "漢";
  const std::string match = in("誘電体", "CP932");
  const std::string data =
      "\n" + in(kanji, "CP932") + "A" + match + in("です", "CP932");
  const std::string out = excerpt_of(data, match, "CP932");
  CHECK(out == "…" + kanji.substr(3) + "A誘電体です");
  CHECK(out.find("ｿ") == std::string::npos);
  // A lead byte without its trail is escaped, not dropped.
  const std::string stray = "abc\x82" + match;
  CHECK(excerpt_of(stray, match, "CP932") == "abc\\x82誘電体");
}

TEST_CASE(
    "Excerpt: control characters, bidi controls and invalid bytes are "
    "escaped") {
  const std::string data =
      "ab\x1b[31mKEY\x07\n\xff\xfe e\xe2\x80\xaetxt.exe \xc2\x9b";
  const std::string out = excerpt_of(data, "KEY", "");
  CHECK(out == "ab\\x1b[31mKEY\\x07\\n\\xff\\xfe e\\u202etxt.exe \\u009b");
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find("\xe2\x80\xae") == std::string::npos);
  // The same in text decoded from UTF-16LE: U+202E and ESC stay escaped.
  const std::string wide = in("a\u202Eb\x1b KEY", "UTF-16LE");
  CHECK(excerpt_of(wide, in("KEY", "UTF-16LE"), "UTF-16LE") ==
        "a\\u202eb\\x1b KEY");
}

TEST_CASE("Excerpt: 24 bytes each side, the rest marked as cut") {
  const std::string data = std::string(30, 'a') + "KEY" + std::string(30, 'b');
  CHECK(excerpt_of(data, "KEY", "UTF-8") ==
        "…" + std::string(24, 'a') + "KEY" + std::string(24, 'b') + "…");
  // A long match is cut after kExcerptMatch bytes, without its context after.
  const std::string long_match(100, 'k');
  CHECK(excerpt_of("pre " + long_match + " post", long_match, "") ==
        "pre " + std::string(kExcerptMatch, 'k') + "…");
}

TEST_CASE("Excerpt: a UTF-8 window does not start or end inside a character") {
  // "é" is 2 bytes: 25 bytes before the match split the first one.
  const std::string data =
      "é" + std::string(23, '.') + "KEY" + std::string(23, '.') + "é";
  CHECK(excerpt_of(data, "KEY", "ASCII") ==
        "…" + std::string(23, '.') + "KEY" + std::string(23, '.') + "…");
}

TEST_CASE("Excerpt: a match outside the data gives nothing") {
  const std::string data = "short";
  CHECK(make_excerpt(std::as_bytes(std::span(data)), 3, 5, "").empty());
  CHECK(make_excerpt(std::as_bytes(std::span(data)), 9, 0, "").empty());
}
