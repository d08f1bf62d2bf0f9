// The table of log formats: one row per format (its name, how its content is
// recognised, what reads it, a line for the help). Everything that lists or
// picks formats derives from it: detection order (format_detect.h), the
// names accepted in `--log FORMAT:FILE`, the `--help` text, the list in
// man/mamori.1 (a test keeps it equal), and dispatch in log_reader.cc.
// Adding a format is one parser file and one row here (CONTRIBUTING.md).
#pragma once

#include "logs/format_detect.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace mamori::logs {

// Makes the parser of a line-based format for one log (or rotation series).
using ParserFactory = std::unique_ptr<LineParser> (*)(ParseContext& ctx);
// Reads a format that a library reads from a file of its own (EVTX through
// libevtx); false with `error` set when the file cannot be read at all.
using FileReader = bool (*)(const std::string& path, ParseContext& ctx,
                            std::string* error);
using Sniffer = Sniff (*)(const LogHead& head);

struct LogFormatRow {
  LogFormat format;
  // Where the format shows in a head; detection takes the earliest, ties
  // to the earlier row.
  Sniffer sniff;
  // Exactly one of the two readers is set.
  ParserFactory make_parser;
  FileReader read_file;
  std::string_view description;  // one line, for --help
};

// Every format, in detection order (ties go to the earlier row).
std::span<const LogFormatRow> log_format_table();

// The row of the format named `name` ("samba"), or null.
const LogFormatRow* find_log_format(std::string_view name);
// The row of `format`; null only for an empty or unknown value.
const LogFormatRow* log_format_row(LogFormat format);

// A log as users give it (`--log`, `events LOG`, the `log` config key):
// "FORMAT:FILE" when the text before the first colon names a format, else
// "FILE" (so "C:/x.log" stays a path), "-" being standard input.
struct LogSpec {
  LogFormat format;       // empty: recognised from the content
  std::string_view file;  // a view into the spec given
};
LogSpec split_log_spec(std::string_view spec);

// "Formats: samba (…), auditd (…), …": the lines --help shows, one per
// format, each indented by `indent` spaces.
std::string describe_log_formats(size_t indent);

}  // namespace mamori::logs
