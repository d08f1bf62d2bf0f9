// The options of `scan` and `events` as Boost.Program_options sees them,
// made from the one option table (lib/config/option_table.h), and the
// values both commands read the same way: the zone and time window, the
// number of threads, and the settings file's options turned into arguments.
#pragma once

#include "config/config.h"

#include "common/time.h"

#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::cli {

namespace po = boost::program_options;

// The options a command shows in --help, those it takes without showing
// (scan's PATHs), and which of them are bare words.
struct CommandOptions {
  po::options_description visible;
  po::options_description hidden;
  po::positional_options_description positional;
  po::options_description all() const;
};

// Every row of the option table, as `mamori scan` takes them.
CommandOptions scan_command_options();
// The rows `mamori events` takes, with its own help lines.
CommandOptions events_command_options();

// The settings file's options as "--name=value" arguments (a switch as
// "--name" when true, a PATH as itself), to be stored after the command
// line so that the command line wins. With `only` set, just those keys.
std::vector<std::string> config_arguments(
    const config::ConfigFile& config,
    const std::vector<std::string_view>* only = nullptr);

// --tz (default: the machine's zone), then --since and --until read in it.
// Throws Error naming the option whose value is wrong.
struct TimeWindow {
  Zone zone;
  std::optional<Timestamp> since;
  std::optional<Timestamp> until;
};
TimeWindow parse_time_window(const po::variables_map& vm);

// --threads, by default every core; 0 is refused.
unsigned parse_threads(const po::variables_map& vm);

}  // namespace mamori::cli
