// Tests of lib/common/json_writer.cc: commas in nested containers and hostile
// bytes escaped in strings.
#include "common/json_writer.h"

#include <doctest/doctest.h>

using namespace mamori;

TEST_CASE("JsonWriter: nested containers get their commas right") {
  std::string out;
  JsonWriter w(out);
  w.begin_object().field("a", 1).key("b").begin_array().value("x").value(true);
  w.begin_object().field("c", uint64_t{2}).end_object().end_array();
  w.field_if("empty", "").field_if("d", "e").end_object();
  CHECK(out == R"({"a":1,"b":["x",true,{"c":2}],"d":"e"})");
}

TEST_CASE("append_json_string: hostile bytes never reach the output raw") {
  std::string out;
  append_json_string(out, "a\"b\\c\n\x1b[31m\x7f");
  CHECK(out == R"("a\"b\\c\n\u001b[31m\u007f")");
  out.clear();
  append_json_string(out, "\xff\xfe ok \xe7\xa7\x98");  // invalid, then 秘
  CHECK(out == "\"\\\\xff\\\\xfe ok \xe7\xa7\x98\"");
  out.clear();
  append_json_string(out, "\xc2\x9b");  // C1 CSI
  CHECK(out == R"("\u009b")");
  out.clear();
  append_json_string(out, "\xed\xa0\x80");  // a UTF-16 surrogate in UTF-8
  CHECK(out == R"("\\xed\\xa0\\x80")");
  out.clear();
  append_json_string(out, "evil\xe2\x80\xaetxt.exe");  // U+202E RLO
  CHECK(out == R"("evil\u202etxt.exe")");
}
