// The rows of the option table (option_table.h). The help lines are those of
// spec/cli.md and the man page; `mamori scan --help` prints them as written.
#include "config/option_table.h"

#include "common/i18n.h"
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
    {"help", 'h', kSwitch, kCommandLineOnly, false, "", N_("show this help")},
    {"config", 'c', kPath, kCommandLineOnly, false, "", N_("settings file (TOML); default /etc/mamori/mamori.toml when present")},
    {"assets", 'a', kPath, kEverywhere, false, "", N_("the asset register (TOML)")},
    {"rules", 'r', kPath, kEverywhere, true, "", N_("extra YARA rule file or directory; repeatable")},
    {"no-default-rules", 0, kSwitch, kEverywhere, false, "", N_("do not load the shipped rules")},
    {"log", 'l', kPath, kEverywhere, true, "", N_("a log to ingest: FILE, FORMAT:FILE or - ; repeatable")},
    {"roster", 0, kPath, kEverywhere, false, "", N_("people roster (CSV)")},
    {"devices", 0, kPath, kEverywhere, false, "", N_("approved removable devices (CSV)")},
    {"tz", 0, kText, kEverywhere, false, "", N_("IANA zone for log times without an offset (default: the machine's)")},
    {"since", 0, kText, kEverywhere, false, "", N_("only events at or after this ISO 8601 date or time")},
    {"until", 0, kText, kEverywhere, false, "", N_("only events at or before this ISO 8601 date or time (a date alone: that whole day)")},
    {"state", 0, kPath, kEverywhere, false, "", N_("the nightly state, an SQLite database (created when missing): logs are read from where the last run stopped, findings are marked new or known")},
    {"only-new", 0, kSwitch, kEverywhere, false, "", N_("with --state: report only findings no earlier run reported")},
    {"state-keep-days", 0, kCount, kEverywhere, false, "", N_("with --state: days of history kept before the latest day seen (default 180); older ones are dropped")},
    {"format", 'f', kText, kEverywhere, false, default_format, format_help},
    {"output", 'o', kPath, kEverywhere, false, "", N_("write the report to FILE (atomically)")},
    {"fail-on", 0, kText, kEverywhere, false, "medium", N_("exit 1 when a finding is at or above: info, low, medium, high, critical")},
    {"threads", 'j', kCount, kEverywhere, false, "", N_("worker threads (default: all cores)")},
    {"lang", 0, kText, kEverywhere, false, "", N_("language of the reports, help and messages: ja or en (default: LC_ALL, LC_MESSAGES or LANG; JSON Lines, SARIF and CSV stay English unless given)")},
    {"quiet", 'q', kSwitch, kEverywhere, false, "", N_("print nothing when the run is clean (an exit 3 is still said on stderr)")},
    {"evidence", 0, kText, kEverywhere, false, "20", N_("evidence records per finding: a number, or all (HTML: all unless given)")},
    {"no-excerpts", 0, kSwitch, kEverywhere, false, "", N_("leave out the excerpts of the bytes around each match (privacy); the matches stay")},
    {"max-depth", 0, kInteger, kEverywhere, false, "", N_("archive nesting limit (default 8)")},
    {"max-member-size", 0, kText, kEverywhere, false, "", N_("largest archive member examined (default 512M)")},
    {"max-expanded", 0, kText, kEverywhere, false, "", N_("bytes expanded per file on disk (default 8G)")},
    {"follow-links", 0, kSwitch, kEverywhere, false, "", N_("follow symbolic links below the PATHs (default: a notice each)")},
    {"file-timeout", 0, kCount, kEverywhere, false, "", N_("seconds a sandboxed worker may spend on one file on disk (default 300)")},
    {"similarity-threshold", 0, kInteger, kEverywhere, false, "", N_("least ssdeep score (1-100) of a near copy of a declared file, similar_file (default 50)")},
    {"paths", 0, kPath, kPositional, true, "", N_("files, directories and archives to walk")},
  };
  // clang-format on
}

// clang-format off
constexpr std::array<EventsOption, 7> kEventsOptions = {{
  {"help", N_("show this help")},
  {"config", N_("settings file (TOML): its [columns], samba_prefix and tz are used")},
  {"tz", N_("IANA zone for log times without an offset (default: the machine's)")},
  {"since", N_("only events at or after this ISO 8601 date or time")},
  {"until", N_("only events at or before this ISO 8601 date or time (a date alone: that whole day)")},
  {"threads", N_("logs read side by side (default: all cores)")},
  {"output", N_("write the events to FILE (atomically)")},
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
