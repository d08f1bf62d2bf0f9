// Tests of lib/common/toml_depth.cc: what counts as a nesting level, what
// never does, and the hostile register of issue 11.
#include "common/toml_depth.h"

#include <doctest/doctest.h>

#include <string>

using namespace mamori;

namespace {

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i)
    out += s;
  return out;
}

size_t line_of(std::string_view text, size_t limit) {
  const auto found = find_deep_toml_nesting(text, limit);
  return found ? found->line : 0;
}

}  // namespace

TEST_CASE("TOML nesting: levels of names, keys, arrays and inline tables") {
  // Within the limit of 4: nothing to say.
  CHECK(line_of("[a.b.c.d]\nx.y.z.w = 1\n", 4) == 0);
  CHECK(line_of("x = [[[[1]]]]\n", 4) == 0);
  CHECK(line_of("x = {a.b = {c.d = 1}}\n", 4) == 0);
  CHECK(line_of("[[a.b.c.d]]\n", 4) == 0);
  // One more.
  CHECK(line_of("\n[a.b.c.d.e]\n", 4) == 2);
  CHECK(line_of("x=1\n\na.b.c.d.e = 1\n", 4) == 3);
  CHECK(line_of("x = [\n[\n[\n[\n[1]]]]]\n", 4) == 5);
  CHECK(line_of("x = {a = {b.c.d = 1}}\n", 4) == 1);
  CHECK(line_of("x = [{a.b.c.d = 1}]\n", 4) == 1);
}

TEST_CASE("TOML nesting: strings, comments and values never count") {
  CHECK(line_of("a = \"[[[[[[.....\"\n", 2) == 0);
  CHECK(line_of("a = '{{{{{{{{'\n", 2) == 0);
  CHECK(line_of("# [[[[[ a.b.c.d.e\n", 2) == 0);
  CHECK(line_of("a = 1.5\nb = [1.5, 2.5, 3.5, 4.5]\n", 2) == 0);
  CHECK(line_of("\"a.b.c.d\" = 1\n", 2) == 0);
  CHECK(line_of("a = \"\"\"\n[[[[\n\"\"\"\n[x.y.z]\n", 2) == 4);
  CHECK(line_of("a = '''\n{{{{\n'''\nb = \"\\\"[[[[\"\n", 2) == 0);
  CHECK(line_of("[\"a.b\".c]\n", 2) == 0);
  CHECK(line_of("x = [1, 2, # [[[[\n 3]\n", 2) == 0);
}

TEST_CASE("TOML nesting: the hostile register of issue 11") {
  const std::string deep = "version = 1\n[a" + repeat(".a", 40000) + "]\n";
  const auto found = find_deep_toml_nesting(deep);
  REQUIRE(found);
  CHECK(found->line == 2);
  CHECK(found->depth == kMaxTomlNesting + 1);
  CHECK_FALSE(find_deep_toml_nesting("version = 1\n[[asset]]\nid = \"a\"\n"));
}
