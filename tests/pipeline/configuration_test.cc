// The failure policy for configuration files: unusable ends the run (exit
// 2) naming every error of the file; usable passes its notices on.
#include "pipeline/configuration.h"

#include "test_util.h"

#include "common/error.h"

#include <doctest/doctest.h>

#include <string>

using namespace mamori;
using mamori::test::TempDir;

namespace {

// The Error a call throws, as "exit code|message"; "" when none.
template <typename Call>
std::string failure_of(Call call) {
  try {
    call();
  } catch (const Error& e) {
    return std::to_string(e.exit_code()) + "|" + e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("Configuration: a roster without its user column ends the run") {
  TempDir dir;
  const auto file = dir.write("roster.csv", "name,end_date\nito,2026-03-31\n");
  Diagnostics diag;
  CHECK(failure_of([&] { pipeline::require_roster(file, diag); }) ==
        "2|" + file.string() + ":1: the header has no `user` column");
  CHECK(diag.size() == 0);
}

TEST_CASE("Configuration: a usable roster's bad rows are the run's notices") {
  TempDir dir;
  const auto file = dir.write("roster.csv",
                              "user,employment,end_date\nito,employee,2026-03-"
                              "31\nsato,employee,someday\n");
  Diagnostics diag;
  const people::Roster roster = pipeline::require_roster(file, diag);
  CHECK(roster.find("ito") != nullptr);
  CHECK(roster.find("sato") == nullptr);
  const auto notices = diag.sorted();
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].code == "roster");
  CHECK(notices[0].source == file.string() + ":3");
}

TEST_CASE("Configuration: a device list that cannot be read ends the run") {
  TempDir dir;
  Diagnostics diag;
  const std::string failure = failure_of(
      [&] { pipeline::require_devices(dir.path() / "devices.csv", diag); });
  CHECK(failure.starts_with("2|" + (dir.path() / "devices.csv").string() +
                            ": cannot open: "));
}

TEST_CASE("Configuration: every error of a settings file, in file order") {
  TempDir dir;
  const auto file = dir.write("mamori.toml",
                              "fail-on = \"high\"\n"
                              "colour = true\n"
                              "[thresholds]\n"
                              "bulk_floor = -1\n"
                              "[detection]\n"
                              "machines = []\n");
  const std::string f = file.string();
  CHECK(failure_of([&] { pipeline::require_config(file); }) ==
        "2|" + f + ":2:1: unknown key `colour`\n" + f +
            ":4:14: `bulk_floor` must be a whole number >= 0\n" + f +
            ":6:1: unknown detection setting `machines`");
  CHECK(pipeline::require_config(dir.write("ok.toml", "fail-on = \"high\"\n"))
            .options.at("fail-on")
            .front() == "high");
}

TEST_CASE("Configuration: a register with errors ends the run with them all") {
  TempDir dir;
  const auto file = dir.write("assets.toml",
                              "[[asset]]\n"
                              "id = \"a\"\n"
                              "sensitivity = \"extreme\"\n");
  const std::string failure =
      failure_of([&] { pipeline::require_register(file); });
  CHECK(failure.starts_with("2|" + file.string() + ":"));
  CHECK(failure.find("extreme") != std::string::npos);
}
