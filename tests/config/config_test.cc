// Tests of lib/config/config.cc: options by name, paths relative to the
// file, thresholds, [columns] mappings, and every error with its place.
#include "config/config.h"

#include "test_util.h"

#include "common/diagnostics.h"

#include <doctest/doctest.h>

#include <string>

using mamori::Diagnostics;
using mamori::config::ConfigFile;
using mamori::test::TempDir;

namespace {

// "file:line:column: message" of each error notice, one a line, in order.
std::string error_lines(const Diagnostics& diag) {
  std::string all;
  for (const mamori::Notice& n : diag.sorted()) {
    if (n.level == mamori::Level::kError)
      all += (all.empty() ? "" : "\n") + n.source + ": " + n.message;
  }
  return all;
}

// A file that must load: the test stops here when it does not.
ConfigFile load(const std::filesystem::path& file) {
  Diagnostics diag;
  std::optional<ConfigFile> config = mamori::config::load_config(file, diag);
  REQUIRE_MESSAGE(config.has_value(), error_lines(diag));
  CHECK(diag.size() == 0);
  return std::move(*config);
}

// The errors of loading `text`, or "" when it loads (then it must load:
// nothing half-applied, no error without a failure).
std::string error_of(const TempDir& dir, const std::string& text) {
  Diagnostics diag;
  const auto config =
      mamori::config::load_config(dir.write("mamori.toml", text), diag);
  const std::string errors = error_lines(diag);
  CHECK(config.has_value() == errors.empty());
  return errors;
}

}  // namespace

TEST_CASE(
    "Config: options by long name, relative paths from the file's folder") {
  TempDir dir;
  const auto file = dir.write("etc/mamori.toml", R"(
assets = "assets.toml"
log = ["samba:logs/audit.log", "/var/log/auth.log", "-"]
fail-on = "high"
threads = 4
quiet = true
follow-links = true
)");
  const auto c = load(file);
  const std::string base = (dir.path() / "etc").string();
  CHECK(c.options.at("assets") ==
        std::vector<std::string>{base + "/assets.toml"});
  // The format prefix stays in front; absolute paths and "-" are untouched.
  CHECK(c.options.at("log") ==
        std::vector<std::string>{"samba:" + base + "/logs/audit.log",
                                 "/var/log/auth.log", "-"});
  CHECK(c.options.at("fail-on") == std::vector<std::string>{"high"});
  CHECK(c.options.at("threads") == std::vector<std::string>{"4"});
  CHECK(c.options.at("quiet") == std::vector<std::string>{"true"});
  CHECK(c.options.at("follow-links") == std::vector<std::string>{"true"});
}

TEST_CASE("Config: every threshold is read into the detector settings") {
  TempDir dir;
  const auto c = load(dir.write("mamori.toml", R"(
[thresholds]
bulk_window_minutes = 30
bulk_floor = 80
bulk_core_floor = 12
bulk_mass_floor = 9000
departing_days = 60
departed_days = 14
removable_floor = 20
removable_bytes_floor = 1048576
sequence_window_hours = 48
cumulative_days = 10
cumulative_floor = 150
cumulative_core_floor = 40
off_hours_min_days = 3
removable_roots = ["/mnt/usb*/**"]
)"));
  const auto& s = c.settings;
  CHECK(s.bulk_window == std::chrono::minutes(30));
  CHECK(s.bulk_floor == 80);
  CHECK(s.bulk_core_floor == 12);
  CHECK(s.bulk_mass_floor == 9000);
  CHECK(s.departing_days == 60);
  CHECK(s.departed_days == 14);
  CHECK(s.removable_floor == 20);
  CHECK(s.removable_bytes_floor == 1048576);
  CHECK(s.sequence_window == std::chrono::hours(48));
  CHECK(s.cumulative_days == 10);
  CHECK(s.cumulative_floor == 150);
  CHECK(s.cumulative_core_floor == 40);
  CHECK(s.off_hours_min_days == 3);
  CHECK(s.removable_roots == std::vector<std::string>{"/mnt/usb*/**"});
}

TEST_CASE("Config: [columns] maps a csv or jsonl log") {
  TempDir dir;
  const auto c = load(dir.write("mamori.toml", R"(
[columns]
time = "When"
user = "Who"
action = "What"
path = "File"
serial = "Serial"
delimiter = ";"
[columns.actions]
"Copied to USB" = "copy_removable"
)"));
  CHECK(c.columns.time == "When");
  CHECK(c.columns.user == "Who");
  CHECK(c.columns.action == "What");
  CHECK(c.columns.path == "File");
  CHECK(c.columns.serial == "Serial");
  CHECK(c.columns.host.empty());
  CHECK(c.columns.delimiter == ';');
  CHECK(c.columns.actions.at("Copied to USB") == "copy_removable");
}

TEST_CASE("Config: every problem is reported with file:line:column, together") {
  TempDir dir;
  const std::string file = (dir.path() / "mamori.toml").string();
  const std::string all = error_of(dir, R"(fail-on = "high"
colour = "yes"
[thresholds]
bulk_floor = -3
bulk_widow = 5
[columns]
user = "Who"
delimiter = ";;"
)");
  CHECK(all == file + ":2:1: unknown key `colour`\n" + file +
                   ":4:14: `bulk_floor` must be a whole number >= 0\n" + file +
                   ":5:1: unknown threshold `bulk_widow`\n" + file +
                   ":6:1: `columns.time` is required\n" + file +
                   ":8:13: `columns.delimiter` must be one character");
}

TEST_CASE(
    "Config: a TOML syntax error names the place; one value where one is "
    "allowed") {
  TempDir dir;
  const std::string file = (dir.path() / "mamori.toml").string();
  CHECK(error_of(dir, "assets = \"a.toml\"\nfail-on = \n")
            .starts_with(file + ":2:"));
  CHECK(error_of(dir, "assets = [\"a.toml\", \"b.toml\"]\n") ==
        file + ":1:10: `assets` takes one value");
  CHECK(error_of(dir, "[thresholds]\nbulk_window_minutes = 0\n") ==
        file +
            ":1:1: `bulk_window_minutes` and `cumulative_days` must be at "
            "least 1");
}

TEST_CASE("Config: byte floors larger than 2 GiB are accepted") {
  TempDir dir;
  const auto c = load(dir.write(
      "mamori.toml", "[thresholds]\nremovable_bytes_floor = 8589934592\n"));
  CHECK(c.settings.removable_bytes_floor == 8589934592ull);
}

TEST_CASE("Config: suppress as a list of finding ids works as before") {
  TempDir dir;
  const auto c = load(
      dir.write("mamori.toml", "suppress = [\"8ddb771fbc9572d3\", \"a1\"]\n"));
  REQUIRE(c.suppress.size() == 2);
  CHECK(c.suppress[0].plain_id);
  CHECK(c.suppress[0].id == "8ddb771fbc9572d3");
  CHECK(c.suppress[0].label() == "8ddb771fbc9572d3");
  CHECK(c.suppress[1].id == "a1");
  CHECK_FALSE(c.suppress[1].expires);
}

TEST_CASE("Config: [[suppress]] matchers with a reason and an expiry") {
  TempDir dir;
  const auto file = dir.write("mamori.toml", R"(tz = "Asia/Tokyo"

[[suppress]]
user = "svc-backup"
detector = "bulk_access"
asset = "ltcc_stack"
path = "//fs01/backup/**"
id = "8ddb771fbc9572d3"
reason = "nightly backup, ticket IT-2231"
expires = 2026-06-30

[[suppress]]
detector = "off_hours_access"
reason = "night shift"
expires = "2026-12-31"
)");
  const auto c = load(file);
  REQUIRE(c.suppress.size() == 2);
  const auto& all = c.suppress[0];
  CHECK_FALSE(all.plain_id);
  CHECK(all.user == "svc-backup");
  CHECK(all.detector == "bulk_access");
  CHECK(all.asset == "ltcc_stack");
  REQUIRE(all.path);
  CHECK(all.path->pattern() == "//fs01/backup/**");
  CHECK(all.id == "8ddb771fbc9572d3");
  CHECK(all.reason == "nightly backup, ticket IT-2231");
  CHECK(all.expires == mamori::parse_date("2026-06-30"));
  CHECK(all.source == file.string() + ":3");
  CHECK(c.suppress[1].label() == "detector=off_hours_access");
  CHECK(c.suppress[1].expires == mamori::parse_date("2026-12-31"));
  CHECK(c.suppress[1].source == file.string() + ":12");
}

TEST_CASE("Config: ids and inline matchers mix in one suppress array") {
  TempDir dir;
  const auto c = load(dir.write("mamori.toml", R"(suppress = [
  "8ddb771fbc9572d3",
  {user = "svc-index", reason = "weekly crawl", expires = 2026-06-30},
]
)"));
  REQUIRE(c.suppress.size() == 2);
  CHECK(c.suppress[0].plain_id);
  CHECK(c.suppress[1].label() == "user=svc-index");
}

TEST_CASE("Config: every broken suppress matcher is named with its place") {
  TempDir dir;
  const std::string file = (dir.path() / "mamori.toml").string();
  const std::string all = error_of(dir, R"([[suppress]]
user = "svc-backup"
reason = "nightly backup"
expires = 2026-06-30

[[suppress]]
detector = "bulk"
expires = "2026-02-30"
colour = "red"

[[suppress]]
asset = "ltcc_stack"
reason = "no expiry"

[[suppress]]
reason = "matches everything"
expires = 2026-06-30

[[suppress]]
path = "[abc"
reason = ""
expires = 2026-06-30T10:00:00

[[suppress]]
user = "svc-backup"
reason = "the same again"
expires = 2026-07-31
)");
  CHECK(all ==
        file + ":6:1: a suppress matcher needs a `reason`\n" + file +
            ":7:12: unknown detector `bulk` (one of content_match, "
            "hash_match, similar_file, staged_archive, encrypted_archive, "
            "bulk_access, "
            "unauthorized_access, removable_copy, unapproved_device, "
            "exfil_sequence, cumulative_access, off_hours_access)\n" +
            file +
            ":8:11: `expires` must be a date: 2026-06-30 or "
            "\"2026-06-30\"\n" +
            file +
            ":9:1: unknown key `colour` in a suppress matcher (user, "
            "detector, asset, path, id, reason, expires)\n" +
            file + ":11:1: a suppress matcher needs an `expires` date\n" +
            file +
            ":15:1: a suppress matcher must set at least one of user, "
            "detector, asset, path, id\n" +
            file + ":20:8: `path`: unclosed '[' in glob\n" + file +
            ":21:10: `reason` must be a non-empty string\n" + file +
            ":22:11: `expires` must be a date: 2026-06-30 or "
            "\"2026-06-30\"\n" +
            file + ":24:1: the same suppress matcher as " + file + ":1:1");
}

TEST_CASE("Config: a suppress entry is an id or a table") {
  TempDir dir;
  const std::string file = (dir.path() / "mamori.toml").string();
  CHECK(error_of(dir, "suppress = [\"ab\", 12]\n") ==
        file +
            ":1:19: a `suppress` entry is a finding id (a string) or a "
            "matcher table");
}

TEST_CASE(
    "Config: a table name nested 40,000 levels deep is one error with its "
    "line") {
  TempDir dir;
  std::string deep = "# deep\n[thresholds";
  for (int i = 0; i < 40000; ++i)
    deep += ".x";
  deep += "]\n";
  const std::string file = (dir.path() / "mamori.toml").string();
  CHECK(error_of(dir, deep) ==
        file +
            ":2: TOML nested deeper than 64 levels (table names, dotted keys, "
            "arrays): not read");
  std::string inline_tables = "a = ";
  for (int i = 0; i < 40000; ++i)
    inline_tables += "{b = ";
  CHECK(error_of(dir, inline_tables).find("mamori.toml:1: TOML nested") !=
        std::string::npos);
}

TEST_CASE(
    "Config: [report] excerpts = false is the option no-excerpts, and "
    "--evidence takes a number or all") {
  TempDir dir;
  CHECK(load(dir.write("a.toml", "[report]\nexcerpts = false\n"))
            .options.at("no-excerpts") == std::vector<std::string>{"true"});
  CHECK(load(dir.write("b.toml", "[report]\nexcerpts = true\n"))
            .options.at("no-excerpts") == std::vector<std::string>{"false"});
  CHECK(load(dir.write("c.toml", "evidence = 25\n")).options.at("evidence") ==
        std::vector<std::string>{"25"});
  CHECK(load(dir.write("d.toml", "evidence = \"all\"\n"))
            .options.at("evidence") == std::vector<std::string>{"all"});
  const std::string file = (dir.path() / "mamori.toml").string();
  CHECK(error_of(dir, "[report]\nexcerpts = \"no\"\n") ==
        file + ":2:12: `report.excerpts` must be true or false");
  CHECK(error_of(dir, "[report]\nexcerpt = false\n") ==
        file + ":2:1: unknown report setting `excerpt` (excerpts)");
  CHECK(error_of(dir, "no-excerpts = true\n[report]\nexcerpts = false\n") ==
        file + ":3:1: `report.excerpts` and `no-excerpts` both set");
}
