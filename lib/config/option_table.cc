// The rows of the option table (option_table.h). The help lines are those of
// spec/cli.md and the man page; `mamori scan --help` prints them as written.
#include "config/option_table.h"

#include "report/output_formats.h"

#include <algorithm>
#include <array>
#include <vector>

namespace mamori::config {
namespace {

using enum OptionValue;
using enum OptionPlace;

std::vector<OptionRow> make_scan_options() {
  // The report formats and the default come from the output-format table.
  const std::string default_format(report::output_format_table().front().name);
  const std::string format_help = report::output_format_names(", ", " or ");
  // clang-format off
  return {
    {"help", 'h', kSwitch, kCommandLineOnly, false, "", "show this help"},
    {"config", 'c', kPath, kCommandLineOnly, false, "", "settings file (TOML); default /etc/mamori/mamori.toml when present"},
    {"assets", 'a', kPath, kEverywhere, false, "", "the asset register (TOML)"},
    {"rules", 'r', kPath, kEverywhere, true, "", "extra YARA rule file or directory; repeatable"},
    {"no-default-rules", 0, kSwitch, kEverywhere, false, "", "do not load the shipped rules"},
    {"log", 'l', kPath, kEverywhere, true, "", "a log to ingest: FILE, FORMAT:FILE or - ; repeatable"},
    {"roster", 0, kPath, kEverywhere, false, "", "people roster (CSV)"},
    {"devices", 0, kPath, kEverywhere, false, "", "approved removable devices (CSV)"},
    {"tz", 0, kText, kEverywhere, false, "", "IANA zone for log times without an offset (default: the machine's)"},
    {"since", 0, kText, kEverywhere, false, "", "only events at or after this ISO 8601 date or time"},
    {"until", 0, kText, kEverywhere, false, "", "only events at or before this ISO 8601 date or time (a date alone: that whole day)"},
    {"state", 0, kPath, kEverywhere, false, "", "incremental state directory for scheduled runs (not supported yet: refused)"},
    {"format", 'f', kText, kEverywhere, false, default_format, format_help},
    {"output", 'o', kPath, kEverywhere, false, "", "write the report to FILE (atomically)"},
    {"fail-on", 0, kText, kEverywhere, false, "medium", "exit 1 when a finding is at or above: info, low, medium, high, critical"},
    {"threads", 'j', kCount, kEverywhere, false, "", "worker threads (default: all cores)"},
    {"quiet", 'q', kSwitch, kEverywhere, false, "", "print nothing when the run is clean (an exit 3 is still said on stderr)"},
    {"evidence", 0, kText, kEverywhere, false, "20", "evidence records per finding: a number, or all (HTML: all unless given)"},
    {"no-excerpts", 0, kSwitch, kEverywhere, false, "", "leave out the excerpts of the bytes around each match (privacy); the matches stay"},
    {"max-depth", 0, kInteger, kEverywhere, false, "", "archive nesting limit (default 8)"},
    {"max-member-size", 0, kText, kEverywhere, false, "", "largest archive member examined (default 512M)"},
    {"max-expanded", 0, kText, kEverywhere, false, "", "bytes expanded per file on disk (default 8G)"},
    {"similarity-threshold", 0, kInteger, kEverywhere, false, "", "least ssdeep score (1-100) of a near copy of a declared file, similar_file (default 50)"},
    {"follow-links", 0, kSwitch, kEverywhere, false, "", "follow symbolic links below the PATHs (default: a notice each)"},
    {"file-timeout", 0, kCount, kEverywhere, false, "", "seconds a sandboxed worker may spend on one file on disk (default 300)"},
    {"paths", 0, kPath, kPositional, true, "", "files, directories and archives to walk"},
  };
  // clang-format on
}

// clang-format off
constexpr std::array<EventsOption, 7> kEventsOptions = {{
  {"help", "show this help"},
  {"config", "settings file (TOML): its [columns], samba_prefix and tz are used"},
  {"tz", "IANA zone for log times without an offset (default: the machine's)"},
  {"since", "only events at or after this ISO 8601 date or time"},
  {"until", "only events at or before this ISO 8601 date or time (a date alone: that whole day)"},
  {"threads", "logs read side by side (default: all cores)"},
  {"output", "write the events to FILE (atomically)"},
}};
// clang-format on

}  // namespace

std::span<const OptionRow> scan_option_table() {
  static const std::vector<OptionRow> kRows = make_scan_options();
  return kRows;
}

const OptionRow* find_scan_option(std::string_view name) {
  const auto rows = scan_option_table();
  const auto row =
      std::find_if(rows.begin(), rows.end(),
                   [&](const OptionRow& r) { return r.name == name; });
  return row == rows.end() ? nullptr : &*row;
}

std::span<const EventsOption> events_option_list() {
  return kEventsOptions;
}

}  // namespace mamori::config
