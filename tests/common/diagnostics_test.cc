// Tests of lib/common/diagnostics.cc: the sorted order of notices (numbers
// in places compared as numbers), errors versus warnings, counts by code,
// and adding from several threads.
#include "common/diagnostics.h"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

using namespace mamori;

namespace {

std::vector<std::string> sources(const std::vector<Notice>& notices) {
  std::vector<std::string> out;
  for (const Notice& n : notices)
    out.push_back(n.source.empty() ? n.location.front() + "|" + n.code
                                   : n.source + "|" + n.code);
  return out;
}

}  // namespace

TEST_CASE("Diagnostics: sorted by place, \"file:9\" before \"file:10\"") {
  Diagnostics diag;
  diag.warn_at("parse_error", "b.log:10", "late line");
  diag.warn_at("parse_error", "b.log:9", "early line");
  diag.error_at("unreadable", "a.log", "cannot open");
  diag.warn_at("parse_error", "b.log:10:3", "column");
  diag.warn_at("parse_error", "b.log:2:7", "column");
  CHECK(sources(diag.sorted()) ==
        std::vector<std::string>{"a.log|unreadable", "b.log:2:7|parse_error",
                                 "b.log:9|parse_error", "b.log:10|parse_error",
                                 "b.log:10:3|parse_error"});
}

TEST_CASE("Diagnostics: at one place, by location then code, else as said") {
  Diagnostics diag;
  diag.warn_in("limit_ratio", {"/m/b.zip", "x"}, "second member");
  diag.warn_in("encrypted", {"/m/a.zip"}, "archive");
  diag.warn_in("corrupt", {"/m/b.zip", "x"}, "same member");
  diag.warn_at("skipped", "c.log:4", "first said");
  diag.warn_at("skipped", "c.log:4", "then this");
  const auto notices = diag.sorted();
  REQUIRE(notices.size() == 5);
  // Content notices have no source, so they come first, by location.
  CHECK(notices[0].code == "encrypted");
  CHECK(notices[1].code == "corrupt");
  CHECK(notices[2].code == "limit_ratio");
  CHECK(notices[3].message == "first said");
  CHECK(notices[4].message == "then this");
}

TEST_CASE("Diagnostics: only errors make has_errors, and counts go per code") {
  Diagnostics diag;
  CHECK_FALSE(diag.has_errors());
  CHECK(diag.size() == 0);
  diag.warn_at("parse_error", "a.log:1", "x {}", 1);
  diag.warn_in("parse_error", {"b"}, "y");
  CHECK_FALSE(diag.has_errors());
  diag.error_in("unreadable", {"c"}, "z");
  CHECK(diag.has_errors());
  CHECK(diag.size() == 3);
  CHECK(diag.count_by_code() ==
        std::map<std::string, size_t>{{"parse_error", 2}, {"unreadable", 1}});
  CHECK(diag.sorted().back().message == "x 1");  // formatted when added
}

TEST_CASE("Diagnostics: notices added from several threads are all kept") {
  Diagnostics diag;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&diag, t] {
      for (int i = 0; i < 500; ++i)
        diag.warn_at("parse_error", fmt::format("t{}.log:{}", t, i), "x");
    });
  }
  for (auto& t : threads)
    t.join();
  CHECK(diag.size() == 2000);
  const auto notices = diag.sorted();
  CHECK(notices.front().source == "t0.log:0");
  CHECK(notices[499].source == "t0.log:499");
  CHECK(notices.back().source == "t3.log:499");
}
