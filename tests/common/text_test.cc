// Tests of lib/common/text.cc: natural ordering of log places and display
// escaping of bidirectional controls, display widths of Japanese text.
#include "common/text.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using mamori::display_width;
using mamori::natural_less;
using mamori::pad_to_width;

TEST_CASE("natural_less: numbers inside text compare as numbers") {
  CHECK(natural_less("a.log:9", "a.log:10"));
  CHECK_FALSE(natural_less("a.log:10", "a.log:9"));
  CHECK(natural_less("file:2:7", "file:10:1"));
  CHECK(natural_less("file:10:2", "file:10:11"));
  // Text before the numbers still decides first.
  CHECK(natural_less("a.log:99", "b.log:1"));
  // A prefix comes first; equal text is not less.
  CHECK(natural_less("a.log", "a.log:1"));
  CHECK_FALSE(natural_less("a.log:5", "a.log:5"));
  // Leading zeros do not make a number larger; numbers longer than 64 bits
  // still order.
  CHECK(natural_less("x:007", "x:10"));
  CHECK(natural_less("x:99999999999999999999", "x:100000000000000000000"));
}

TEST_CASE("natural_less sorts log sources as a person reads them") {
  std::vector<std::string> v = {"audit.log:10", "audit.log:4", "audit.log:100",
                                "audit.log:9", "other.log:1"};
  std::sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) {
    return natural_less(a, b);
  });
  CHECK(v == std::vector<std::string>{"audit.log:4", "audit.log:9",
                                      "audit.log:10", "audit.log:100",
                                      "other.log:1"});
}

TEST_CASE("escape_for_display escapes bidirectional controls") {
  // "evil<RLO>txt.exe" shows as "evilexe.txt" in a terminal or a viewer.
  CHECK(mamori::escape_for_display("evil\xE2\x80\xAEtxt.exe") ==
        "evil\\u202etxt.exe");
  CHECK(mamori::escape_for_display("a\xE2\x81\xA6"
                                   "b\xD8\x9C"
                                   "c") == "a\\u2066b\\u061cc");
  CHECK(mamori::escape_for_display("\xE5\x9B\xB3\xE9\x9D\xA2") ==
        "\xE5\x9B\xB3\xE9\x9D\xA2");  // 図面 untouched
}

TEST_CASE("replace_invalid_utf8: bad bytes become '?', the size is kept") {
  std::string s = "ok \xA7\x98 \xE6\xA5\xB5 \xE6\xA5";
  const size_t size = s.size();
  mamori::replace_invalid_utf8(s);
  CHECK(s == "ok ?? \xE6\xA5\xB5 ??");
  CHECK(s.size() == size);
  CHECK(mamori::is_valid_utf8(s));
}

TEST_CASE("display_width: East Asian wide characters take two columns") {
  CHECK(display_width("sato") == 4);
  CHECK(display_width("佐藤") == 4);
  CHECK(display_width("ｻﾄｳ") == 3);       // halfwidth katakana: one each
  CHECK(display_width("ＡＢ") == 4);      // fullwidth Latin: two each
  CHECK(display_width("が") == 2);        // precomposed
  CHECK(display_width("か\u3099") == 2);  // combining voiced mark: none
  CHECK(display_width("\xff") == 1);      // an invalid byte: one
  CHECK(pad_to_width("佐藤", 6) == "佐藤  ");
  CHECK(pad_to_width("sato.yuki", 4) == "sato.yuki");  // never cut
}
