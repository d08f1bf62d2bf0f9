// Configuration checked against the data: logs read in a wrong format, users
// missing from the roster, register paths in a form the logs never use, and
// logs given as content.
#include "pipeline/input_checks.h"

#include "logs/log_formats.h"
#include "pipeline/scan.h"
#include "test_util.h"

#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <sstream>

using namespace mamori;
using namespace mamori::pipeline;
using mamori::test::TempDir;

namespace {

std::string sample(const std::string& name) {
  std::ifstream in(std::string(MAMORI_TEST_DATA) + "/../../samples/logs/" +
                   name);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

logs::Event event(logs::LogFormat format, uint64_t line, std::string user,
                  std::string path) {
  logs::Event e;
  e.format = format;
  e.file = std::make_shared<const std::string>("x.log");
  e.line = line;
  e.user = std::move(user);
  e.path = std::move(path);
  return e;
}

people::Roster roster_of(std::initializer_list<const char*> users) {
  people::Roster roster;
  for (const char* user : users) {
    people::Person p;
    p.user = user;
    roster.add(std::move(p));
  }
  return roster;
}

std::vector<Notice> with_code(const Diagnostics& diag, std::string_view code) {
  std::vector<Notice> out;
  for (const Notice& n : diag.sorted()) {
    if (n.code == code)
      out.push_back(n);
  }
  return out;
}

}  // namespace

TEST_CASE("path_form: shares, drives, top folders and URLs") {
  CHECK(*path_form("//PC01.example.corp/C$/Users/a", false) ==
        "//PC01.example.corp/C$");
  CHECK(*path_form("//fs01/rd", false) == "//fs01/rd");
  CHECK(*path_form("c:/Users/a", false) == "C:");
  CHECK(*path_form("/srv/shares/rd/x", false) == "/srv");
  CHECK(*path_form("https://t.sharepoint.com/sites/rd/a.docx", false) ==
        "https://t.sharepoint.com");
  CHECK_FALSE(path_form("/x", false));
  CHECK_FALSE(path_form("relative/x", false));
  CHECK_FALSE(path_form("//fs*/rd/**", true));
  CHECK_FALSE(path_form("/srv*/rd/**", true));
  CHECK(*path_form("//fs01/rd/**", true) == "//fs01/rd");

  CHECK(same_form("//PC01/C$", "//pc01.example.corp/c$"));
  CHECK_FALSE(same_form("//PC01/C$", "//pc01.example.corp/D$"));
  CHECK_FALSE(same_form("C:", "//pc01/C$"));
  CHECK(same_form("C:", "C:"));
  CHECK_FALSE(same_form("/srv", "/SRV"));
}

TEST_CASE(
    "LogChecks: a forced wrong format that rejects every line is named, with "
    "the format the content has, and makes exit 3") {
  TempDir dir;
  const std::string text = sample("fs01-samba-audit.log");
  REQUIRE(!text.empty());
  const auto file = dir.write("samba.log", text);
  const auto lines = count_plain_lines(file.string());
  REQUIRE(lines);
  Diagnostics diag;
  people::Roster roster;
  logs::ReadOptions options;
  LogChecks checks(roster, false, options, diag);
  logs::ReadStats stats;
  stats.lines_rejected = *lines;
  checks.log_done({"auditd:" + file.string()}, stats);
  const auto notices = with_code(diag, "log_mostly_rejected");
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].level == Level::kWarning);
  CHECK(notices[0].source == file.string());
  CHECK(notices[0].message ==
        fmt::format("{} of {} lines rejected, so the log was hardly read: the "
                    "content looks like `samba`, not `auditd`: give it as "
                    "`samba:{}` or without a format",
                    *lines, *lines, file.string()));

  report::Report report;
  report.notices = diag.sorted();
  CHECK(exit_code_for(report, Severity::kMedium) == 3);
}

TEST_CASE("LogChecks: a few rejected lines in a log that was read are fine") {
  TempDir dir;
  const auto file = dir.write("a.log", std::string(100, '\n'));
  Diagnostics diag;
  people::Roster roster;
  logs::ReadOptions options;
  LogChecks checks(roster, false, options, diag);
  logs::ReadStats stats;
  stats.lines_rejected = 3;
  // No event, but 100 lines: 3 of them is no majority.
  checks.log_done({file.string()}, stats);
  // Events up to line 90 of a log that cannot be counted (stdin).
  checks.event(event("syslog", 90, "", ""));
  stats.events = 1;
  stats.lines_rejected = 40;
  checks.log_done({"-"}, stats);
  CHECK(diag.size() == 0);
  // 60 rejected of at least 61: most of it.
  checks.event(event("syslog", 20, "", ""));
  stats.lines_rejected = 60;
  checks.log_done({"-"}, stats);
  CHECK(with_code(diag, "log_mostly_rejected").size() == 1);
}

TEST_CASE(
    "LogChecks: most users of a log missing from the roster are named; for "
    "Samba, share names in their place get the prefix hint") {
  const people::Roster roster = roster_of({"tanaka", "sato"});
  logs::ReadOptions options;
  options.samba_prefix = "%S|%u|%I|%m";
  Diagnostics diag;
  LogChecks checks(roster, true, options, diag);
  checks.event(event("samba", 1, "rd", "/srv/shares/rd/a.xlsx"));
  checks.event(event("samba", 2, "design", "/srv/shares/design/b.dwg"));
  checks.event(event("samba", 2, "PC0142$", "/srv/shares/design/b.dwg"));
  checks.event(event("samba", 3, "10.0.5.11", "/srv/shares/rd/c.xlsx"));
  checks.event(event("samba", 4, "tanaka", "/srv/shares/rd/c.xlsx"));
  checks.event(event("samba", 5, "SYSTEM", "/srv/shares/rd/c.xlsx"));
  checks.log_done({"samba.log"}, {});
  auto notices = with_code(diag, "users_not_in_roster");
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].source == "samba.log");
  CHECK(notices[0].message ==
        "3 of 4 users of this log are not in the roster (`10.0.5.11`, "
        "`design`, `rd`): they look like share names or addresses: is "
        "`samba_prefix` (`%S|%u|%I|%m`) in the order of vfs_full_audit's "
        "`prefix` in smb.conf? (the user is where `%u` is)");

  // People missing from the roster of another log: no Samba hint.
  checks.event(event("auditd", 1, "suzuki", "/home/suzuki/a"));
  checks.event(event("auditd", 2, "kim", "/home/kim/a"));
  checks.event(event("auditd", 3, "sato", "/home/sato/a"));
  checks.log_done({"audit.log"}, {});
  notices = with_code(diag, "users_not_in_roster");
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].message ==
        "2 of 3 users of this log are not in the roster (`kim`, `suzuki`): "
        "their findings carry no roster context: add them, or their log "
        "names as `aliases`");

  // Half or fewer: nothing to say.
  checks.event(event("auditd", 1, "suzuki", "/home/suzuki/a"));
  checks.event(event("auditd", 2, "tanaka", "/home/tanaka/a"));
  checks.log_done({"b.log"}, {});
  CHECK(with_code(diag, "users_not_in_roster").size() == 2);
}

TEST_CASE("LogChecks: without a roster, users are not judged") {
  people::Roster roster;
  logs::ReadOptions options;
  Diagnostics diag;
  LogChecks checks(roster, false, options, diag);
  checks.event(event("samba", 1, "rd", "/srv/shares/rd/a.xlsx"));
  checks.log_done({"samba.log"}, {});
  CHECK(diag.size() == 0);
}

TEST_CASE(
    "LogChecks: a register path form no event can match is named with the "
    "nearest forms seen") {
  TempDir dir;
  const auto file = dir.write("assets.toml", R"(version = 1

[[asset]]
id = "short_host"
name = "matched through the host without its domain"
sensitivity = "core"
paths = ["//PC01/C$/Users/**"]

[[asset]]
id = "drive"
name = "a drive path where the logs have shares"
sensitivity = "core"
paths = ["D:/design/**"]

[[asset]]
id = "near_share"
name = "a share on another host"
sensitivity = "core"
paths = ["//fs02/rd/**"]

[[asset]]
id = "elsewhere"
name = "a place the logs do not cover"
sensitivity = "core"
paths = ["//nas9/archive/**"]

[[asset]]
id = "either"
name = "two forms, one seen"
sensitivity = "core"
paths = ["/srv/shares/rd/**", "E:/rd/**"]
)");
  Diagnostics problems;
  const auto reg = assets::load_register(file, problems);
  CHECK(problems.size() == 0);
  REQUIRE(reg);
  people::Roster roster;
  logs::ReadOptions options;
  Diagnostics diag;
  LogChecks checks(roster, false, options, diag);
  checks.event(event("winjson", 1, "a", "//PC01.example.corp/C$/Users/a/x"));
  checks.event(event("winjson", 2, "a", "//fs01/rd/x"));
  checks.event(event("winjson", 3, "a", "//fs01/rd/y"));
  checks.event(event("samba", 4, "a", "/srv/shares/rd/x"));
  checks.log_done({"x.log"}, {});
  checks.check_register(*reg);
  const auto notices = with_code(diag, "register_path_unseen");
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].source == file.string() + ":9");
  CHECK(notices[0].message ==
        "register paths under `D:` can match no event of the logs (the logs "
        "hold no drive paths (C:/...)); the nearest forms seen: `/srv`, "
        "`//fs01/rd`, `//PC01.example.corp/C$`");
  CHECK(notices[1].source == file.string() + ":15");
  CHECK(notices[1].message ==
        "register paths under `//fs02/rd` can match no event of the logs (no "
        "event path is on it); the nearest forms seen: `//fs01/rd`, "
        "`//PC01.example.corp/C$`, `/srv`");
}

TEST_CASE("check_paths_for_logs: a log given as PATH gets a hint") {
  TempDir dir;
  const auto log = dir.write("audit.txt", sample("fs01-samba-audit.log"));
  const auto doc = dir.write("notes.txt", "just some notes\n");
  Diagnostics diag;
  check_paths_for_logs({log, doc, dir.path()}, {}, diag);
  const auto notices = diag.sorted();
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].code == "log_given_as_path");
  CHECK(notices[0].location == std::vector<std::string>{log.string()});
  CHECK(notices[0].message ==
        fmt::format("this looks like a samba log, scanned as content only: "
                    "give it with `--log {}` to read its events",
                    log.string()));
}

TEST_CASE(
    "LogChecks: a forced format on standard input or a packed log is only "
    "questioned") {
  TempDir dir;
  const auto gz = dir.write("a.log.gz", std::string("\x1f\x8b\x08\0", 4) +
                                            std::string(100, 'x'));
  Diagnostics diag;
  people::Roster roster;
  logs::ReadOptions options;
  LogChecks checks(roster, false, options, diag);
  logs::ReadStats stats;
  stats.lines_rejected = 10;
  checks.log_done({"auditd:-"}, stats);
  checks.log_done({"auditd:" + gz.string()}, stats);
  const auto notices = with_code(diag, "log_mostly_rejected");
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].source == "-");
  for (const Notice& n : notices) {
    CHECK(n.message == "10 of 10 lines rejected, so the log was hardly read: "
                       "is `auditd` the format of this log?");
  }
  CHECK_FALSE(count_plain_lines(gz.string()));
  CHECK_FALSE(count_plain_lines("-"));
}
