// The one table of mamori's options (spec/cli.md): every option of `scan`
// with its short name, the kind of value it takes and its help line, in the
// order `mamori scan --help` lists them. The settings file takes the same
// long names as keys (config.h), `mamori events` takes a few of the same
// options with help lines of its own, and cli/options.cc turns the table
// into Boost.Program_options descriptions. Adding an option is one row
// here, and its use in build_request (cli/scan_command.cc).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace mamori::config {

// What an option takes, which is also how a settings file's value is read.
enum class OptionValue {
  kSwitch,   // no value on the command line; `true`/`false` in the file
  kText,     // a string
  kPath,     // a string naming a file: relative to the file when set there
  kCount,    // a whole number >= 0 (unsigned)
  kInteger,  // a whole number, possibly negative, refused later with a message
};

// Where an option may be given.
enum class OptionPlace {
  kEverywhere,       // command line and settings file
  kCommandLineOnly,  // --help, --config: no meaning inside the file
  kPositional,       // scan's PATHs: bare words, or the `paths` key
};

struct OptionRow {
  std::string_view name;  // long name: `--name` and the settings-file key
  char short_name;        // `-j` for --threads; 0 when there is none
  OptionValue value;
  OptionPlace place;
  bool repeatable;
  std::string default_value;  // shown in --help as (=...); "" for none
  std::string help;                // the line of `mamori scan --help`
};

// Every option of `scan`, in the order of its --help.
std::span<const OptionRow> scan_option_table();

// The row of the long option `name`, or null.
const OptionRow* find_scan_option(std::string_view name);

// An option of `mamori events`: a row of the scan table, with the help
// line that says what it does there.
struct EventsOption {
  std::string_view name;
  std::string_view help;
};

// The options of `events`, in the order of its --help.
std::span<const EventsOption> events_option_list();

}  // namespace mamori::config
