// Tests of lib/common/glob.cc: `**` versus `*`, case rules for Windows and
// share paths, malformed patterns, and share hosts with or without a domain.
#include "common/glob.h"

#include <doctest/doctest.h>

using mamori::PathGlob;

namespace {
bool match(std::string_view pattern, std::string_view path) {
  std::string error;
  auto glob = PathGlob::compile(pattern, &error);
  REQUIRE_MESSAGE(glob, error);
  return glob->matches(path);
}
}  // namespace

TEST_CASE("PathGlob: ** crosses folders, * does not") {
  CHECK(match("/srv/rd/mlcc/**", "/srv/rd/mlcc/a/b/c.xlsx"));
  CHECK(match("/srv/rd/mlcc/*", "/srv/rd/mlcc/c.xlsx"));
  CHECK_FALSE(match("/srv/rd/mlcc/*", "/srv/rd/mlcc/a/c.xlsx"));
  CHECK(match("/srv/**/recipe*.xlsx", "/srv/rd/x/y/recipe-07.xlsx"));
  CHECK(match("/srv/**/recipe.xlsx", "/srv/recipe.xlsx"));
  CHECK_FALSE(match("/srv/rd/mlcc/**", "/srv/rd/mlccx/a"));
  CHECK(match("/srv/file?.txt", "/srv/file1.txt"));
  CHECK_FALSE(match("/srv/file?.txt", "/srv/file/.txt"));
  CHECK(match("/srv/[a-c]x", "/srv/bx"));
  CHECK_FALSE(match("/srv/[!a-c]x", "/srv/bx"));
}

TEST_CASE("PathGlob: Windows and share paths ignore case, others do not") {
  CHECK(match("//FS01/rd/mlcc/**", "//fs01/RD/Mlcc/K12.xlsx"));
  CHECK(match("C:/Users/*/Desktop/**", "c:/users/tanaka/DESKTOP/x"));
  CHECK_FALSE(match("/srv/rd/**", "/SRV/rd/x"));
}

TEST_CASE("PathGlob: malformed patterns are refused with a reason") {
  std::string error;
  CHECK_FALSE(PathGlob::compile("/srv/[abc", &error));
  CHECK(error.find("unclosed") != std::string::npos);
  CHECK_FALSE(PathGlob::compile("", &error));
}

TEST_CASE(
    "PathGlob: a share host without its domain matches the same host with "
    "one") {
  CHECK(match("//PC01/C$/**", "//PC01.example.corp/C$/x"));
  CHECK(match("//PC01/C$/**", "//pc01.EXAMPLE.corp/c$/Users/a.dwg"));
  CHECK(match("//pc01.example.corp/C$/**", "//PC01/C$/x"));
  CHECK(match("//fs0?/rd/**", "//fs01.example.corp/rd/a"));
  CHECK(match("//PC01", "//PC01.example.corp"));
  // Other machines, other shares, other domains and addresses never do.
  CHECK_FALSE(match("//PC01/C$/**", "//PC011.example.corp/C$/x"));
  CHECK_FALSE(match("//PC01/C$/**", "//PC01.example.corp/D$/x"));
  CHECK_FALSE(match("//pc01.example.corp/C$/**", "//pc01.other.corp/C$/x"));
  CHECK_FALSE(match("//10/C$/**", "//10.0.0.5/C$/x"));
  CHECK_FALSE(match("//10.0.0.5/C$/**", "//10/C$/x"));
  CHECK_FALSE(match("/PC01/C$/**", "/PC01.example.corp/C$/x"));

  CHECK(mamori::same_host("PC01", "pc01.example.corp"));
  CHECK(mamori::same_host("pc01.example.corp", "PC01"));
  CHECK(mamori::same_host("PC01", "pc01"));
  CHECK_FALSE(mamori::same_host("pc01.a.corp", "pc01.b.corp"));
  CHECK_FALSE(mamori::same_host("10", "10.0.0.5"));
  CHECK_FALSE(mamori::same_host("pc02", "pc01.example.corp"));
}
