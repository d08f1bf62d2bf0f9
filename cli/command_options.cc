// Builds the Boost.Program_options descriptions of `scan` and `events` from
// the option table, and reads the options the two commands share.
#include "cli/command_options.h"

#include "config/option_table.h"

#include "common/error.h"
#include "common/i18n.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace mamori::cli {
namespace {

using config::OptionPlace;
using config::OptionRow;
using config::OptionValue;

// Adds `row` to `description` with the help line `help`.
// Boost wraps descriptions at a byte count, which would cut a Japanese
// character in two: in Japanese each option keeps its line whole.
po::options_description options_block(const std::string& caption) {
  const unsigned width = current_language() == Language::kJapanese ? 1000 : 80;
  return po::options_description(caption, width, width == 80 ? 40 : 32);
}

void add_option(po::options_description& description, const OptionRow& row,
                std::string_view help) {
  std::string names(row.name);
  if (row.short_name != 0)
    names += fmt::format(",{}", row.short_name);
  const std::string text = tr(std::string(help).c_str());
  auto add = description.add_options();
  if (row.value == OptionValue::kSwitch) {
    // --help is tested with vm.count(): a bare flag. Other switches are
    // false unless given, so the settings file can set them too.
    if (row.place == OptionPlace::kCommandLineOnly) {
      add(names.c_str(), text.c_str());
    } else {
      add(names.c_str(), po::bool_switch(), text.c_str());
    }
    return;
  }
  if (row.value == OptionValue::kCount) {
    add(names.c_str(), po::value<unsigned>(), text.c_str());
  } else if (row.value == OptionValue::kInteger) {
    add(names.c_str(), po::value<int>(), text.c_str());
  } else if (row.repeatable) {
    add(names.c_str(), po::value<std::vector<std::string>>(), text.c_str());
  } else if (!row.default_value.empty()) {
    add(names.c_str(),
        po::value<std::string>()->default_value(row.default_value),
        text.c_str());
  } else {
    add(names.c_str(), po::value<std::string>(), text.c_str());
  }
}

std::optional<Timestamp> parse_time_option(const po::variables_map& vm,
                                           const char* name, const Zone& zone) {
  if (!vm.count(name))
    return std::nullopt;
  const std::string text = vm[name].as<std::string>();
  auto t = parse_timestamp(text, zone);
  if (!t)
    fail("--{}: `{}` is not an ISO 8601 date or date-time", name, text);
  // A date alone means the whole day (spec/cli.md): --until 2026-03-20
  // ends just before the 21st's midnight in the zone.
  if (const auto day = parse_date(text);
      day && name == std::string_view("until")) {
    t = parse_timestamp(format_date(*day + date::days{1}), zone);
    *t -= std::chrono::microseconds{1};
  }
  return t;
}

}  // namespace

po::options_description CommandOptions::all() const {
  po::options_description out;
  out.add(visible).add(hidden);
  return out;
}

CommandOptions scan_command_options() {
  CommandOptions options{options_block(tr("scan options")), {}, {}};
  for (const OptionRow& row : config::scan_option_table()) {
    if (row.place == OptionPlace::kPositional) {
      add_option(options.hidden, row, row.help);
      options.positional.add(std::string(row.name).c_str(), -1);
    } else {
      add_option(options.visible, row, row.help);
    }
  }
  return options;
}

CommandOptions events_command_options() {
  CommandOptions options{options_block(tr("events options")), {}, {}};
  for (const config::EventsOption& option : config::events_option_list()) {
    add_option(options.visible, *config::find_scan_option(option.name),
               option.help);
  }
  options.hidden.add_options()("logs", po::value<std::vector<std::string>>());
  options.positional.add("logs", -1);
  return options;
}

std::vector<std::string> config_arguments(
    const config::ConfigFile& config,
    const std::vector<std::string_view>* only) {
  std::vector<std::string> out;
  for (const auto& [name, values] : config.options) {
    if (only != nullptr &&
        std::find(only->begin(), only->end(), name) == only->end()) {
      continue;
    }
    const OptionRow* row = config::find_scan_option(name);
    for (const std::string& value : values) {
      if (row->place == OptionPlace::kPositional) {
        out.push_back(value);
      } else if (row->value == OptionValue::kSwitch) {
        if (value == "true")
          out.push_back("--" + name);
      } else {
        out.push_back(fmt::format("--{}={}", name, value));
      }
    }
  }
  return out;
}

TimeWindow parse_time_window(const po::variables_map& vm) {
  TimeWindow window{Zone::utc(), std::nullopt, std::nullopt};
  if (vm.count("tz")) {
    const std::string name = vm["tz"].as<std::string>();
    auto zone = Zone::find(name);
    if (!zone)
      fail("--tz: `{}` is not an IANA time zone", name);
    window.zone = *zone;
  } else {
    window.zone = Zone::machine();
  }
  window.since = parse_time_option(vm, "since", window.zone);
  window.until = parse_time_option(vm, "until", window.zone);
  return window;
}

unsigned parse_threads(const po::variables_map& vm) {
  const unsigned threads =
      vm.count("threads") ? vm["threads"].as<unsigned>()
                          : std::max(1u, std::thread::hardware_concurrency());
  if (threads == 0)
    fail("--threads must be at least 1");
  return threads;
}

}  // namespace mamori::cli
