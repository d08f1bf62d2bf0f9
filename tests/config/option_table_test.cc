// The option table: names and short names unique, every `scan` option a
// settings-file key and every key an option, paths in the file resolved
// against its folder, and `events` taking only rows of the table.
#include "config/option_table.h"

#include "config/config.h"
#include "test_util.h"

#include "common/diagnostics.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace mamori::config;
using mamori::test::TempDir;

namespace {

// A TOML value of the kind `row` takes.
std::string sample_value(const OptionRow& row) {
  switch (row.value) {
    case OptionValue::kSwitch:
      return "true";
    case OptionValue::kCount:
    case OptionValue::kInteger:
      return "3";
    case OptionValue::kPath:
      return row.repeatable ? "[\"in/a\", \"in/b\"]" : "\"in/a\"";
    case OptionValue::kText:
      break;
  }
  return "\"x\"";
}

bool loads(const TempDir& dir, const std::string& text) {
  mamori::Diagnostics diag;
  return load_config(dir.write("mamori.toml", text), diag).has_value();
}

// A file that must load: the test stops here when it does not.
ConfigFile load(const std::filesystem::path& file) {
  mamori::Diagnostics diag;
  std::optional<ConfigFile> config = load_config(file, diag);
  REQUIRE(config.has_value());
  return std::move(*config);
}

}  // namespace

TEST_CASE("Option table: long and short names are unique") {
  std::set<std::string_view> names;
  std::set<char> short_names;
  for (const OptionRow& row : scan_option_table()) {
    CHECK_MESSAGE(names.insert(row.name).second, row.name);
    if (row.short_name != 0)
      CHECK_MESSAGE(short_names.insert(row.short_name).second, row.name);
    CHECK(find_scan_option(row.name) == &row);
    // Only a string option can show a default.
    if (!row.default_value.empty())
      CHECK(row.value == OptionValue::kText);
  }
  CHECK(find_scan_option("colour") == nullptr);
}

TEST_CASE("Option table: every scan option is a config key, and back") {
  TempDir dir;
  std::string all;
  for (const OptionRow& row : scan_option_table()) {
    const std::string line =
        std::string(row.name) + " = " + sample_value(row) + "\n";
    const bool command_line_only = row.place == OptionPlace::kCommandLineOnly;
    // --help and --config mean nothing inside the file: unknown keys there.
    CHECK_MESSAGE(loads(dir, line) == !command_line_only, row.name);
    if (!command_line_only)
      all += line;
  }
  const ConfigFile config = load(dir.write("mamori.toml", all));
  for (const auto& [name, values] : config.options) {
    const OptionRow* row = find_scan_option(name);
    REQUIRE_MESSAGE(row != nullptr, name);
    CHECK(row->place != OptionPlace::kCommandLineOnly);
    CHECK(values.size() ==
          (row->repeatable && row->value == OptionValue::kPath ? 2u : 1u));
  }
  size_t keys = 0;
  for (const OptionRow& row : scan_option_table())
    keys += row.place != OptionPlace::kCommandLineOnly ? 1 : 0;
  CHECK(config.options.size() == keys);
}

TEST_CASE("Option table: a path option in the config is relative to the file") {
  TempDir dir;
  std::string text;
  for (const OptionRow& row : scan_option_table()) {
    if (row.value == OptionValue::kPath &&
        row.place != OptionPlace::kCommandLineOnly) {
      text += std::string(row.name) + " = " + sample_value(row) + "\n";
    }
  }
  const ConfigFile config = load(dir.write("etc/mamori.toml", text));
  const std::string base = (dir.path() / "etc").string();
  for (const auto& [name, values] : config.options) {
    CAPTURE(name);
    CHECK(values.front() == base + "/in/a");
  }
  CHECK(config.options.count("log") == 1);
  CHECK(config.options.count("paths") == 1);
  CHECK(config.options.count("output") == 1);
}

TEST_CASE("Option table: a text option in the config is taken as written") {
  TempDir dir;
  const ConfigFile config = load(dir.write("etc/mamori.toml",
                                           "tz = \"Asia/Tokyo\"\n"
                                           "max-member-size = \"64k\"\n"));
  CHECK(config.options.at("tz") == std::vector<std::string>{"Asia/Tokyo"});
  CHECK(config.options.at("max-member-size") ==
        std::vector<std::string>{"64k"});
}

TEST_CASE("Option table: events takes rows of the scan table") {
  std::set<std::string_view> names;
  for (const EventsOption& option : events_option_list()) {
    CAPTURE(option.name);
    CHECK(find_scan_option(option.name) != nullptr);
    CHECK(!option.help.empty());
    CHECK(names.insert(option.name).second);
  }
  CHECK(names.count("tz") == 1);
  CHECK(names.count("threads") == 1);
}
