// The log pass reads logs side by side but hands events over in one fixed
// order: the logs as given, each in its own order.
#include "pipeline/read_logs.h"

#include "test_util.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

using namespace mamori;
using mamori::test::TempDir;

namespace {

// A Samba audit log (RFC 3339 syslog) of `lines` reads by `user`.
std::string samba_log(const std::string& user, int lines) {
  std::string text;
  for (int i = 0; i < lines; ++i) {
    text += fmt::format(
        "2026-03-27T05:{:02}:{:02}.000000+09:00 fs01 smbd_audit[1]: "
        "{}|10.0.0.7|openat|ok|r|/srv/rd/{}/f{}.txt\n",
        i / 60 % 60, i % 60, user, user, i);
  }
  return text;
}

struct Run {
  std::vector<std::string> events;  // "file:line user path"
  logs::ReadStats stats;
  std::vector<Notice> notices;
};

Run run(const std::vector<std::string>& logs, unsigned threads) {
  Run r;
  Diagnostics diag;
  logs::ReadOptions options;
  r.stats = pipeline::read_logs_in_parallel(
      logs, options, threads, diag, [&](logs::Event&& e) {
        r.events.push_back(fmt::format("{} {} {}", e.source(), e.user, e.path));
      });
  r.notices = diag.sorted();
  return r;
}

}  // namespace

TEST_CASE(
    "read_logs: the same events in the same order on any number of threads") {
  TempDir dir;
  // Larger than a batch and than the queue, so workers must wait.
  const std::vector<std::string> logs = {
      dir.write("a.log", samba_log("tanaka", 40000)).string(),
      dir.write("b.log", samba_log("sato", 3)).string(),
      dir.write("c.log", samba_log("kim", 25000)).string(),
  };
  const Run one = run(logs, 1);
  REQUIRE(one.events.size() == 65003);
  CHECK(one.events.front() == logs[0] + ":1 tanaka /srv/rd/tanaka/f0.txt");
  CHECK(one.events[40000] == logs[1] + ":1 sato /srv/rd/sato/f0.txt");
  CHECK(one.events.back() == logs[2] + ":25000 kim /srv/rd/kim/f24999.txt");
  CHECK(one.stats.events == 65003);
  CHECK(one.stats.events_by_format.at("samba") == 65003);
  for (unsigned threads : {2u, 3u, 8u}) {
    CAPTURE(threads);
    const Run many = run(logs, threads);
    CHECK(many.events == one.events);
    CHECK(many.stats.events == one.stats.events);
    CHECK(many.stats.lines_rejected == 0);
  }
}

TEST_CASE(
    "read_logs: an unreadable log is a notice and the others are still read") {
  TempDir dir;
  const std::vector<std::string> logs = {
      dir.write("a.log", samba_log("tanaka", 5) + "junk line\n").string(),
      (dir.path() / "missing.log").string(),
      dir.write("c.log", samba_log("kim", 7)).string(),
  };
  const Run r = run(logs, 3);
  CHECK(r.events.size() == 12);
  CHECK(r.stats.lines_rejected == 1);
  REQUIRE(r.notices.size() == 2);
  CHECK(r.notices[0].code == "parse_error");
  CHECK(r.notices[0].source == logs[0] + ":6");
  CHECK(r.notices[1].code == "unreadable");
  CHECK(r.notices[1].level == Level::kError);
  CHECK(r.notices[1].source.starts_with(logs[1]));
}

TEST_CASE(
    "read_logs: a failing sink stops every worker and the error reaches the "
    "caller") {
  TempDir dir;
  // Each log is far larger than the queue, so workers are blocked on it
  // when the sink fails.
  const std::vector<std::string> logs = {
      dir.write("a.log", samba_log("tanaka", 50000)).string(),
      dir.write("b.log", samba_log("sato", 50000)).string(),
      dir.write("c.log", samba_log("kim", 50000)).string(),
  };
  Diagnostics diag;
  size_t seen = 0;
  CHECK_THROWS_WITH_AS(pipeline::read_logs_in_parallel(
                           logs, {}, 3, diag,
                           [&](logs::Event&&) {
                             if (++seen == 1000)
                               throw std::runtime_error("store full");
                           }),
                       "store full", std::runtime_error);
  CHECK(seen == 1000);
}
