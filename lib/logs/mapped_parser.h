// `csv` and `jsonl` logs of any other source, read through the column
// mapping of the config (ColumnMapping in log_reader.h). Times are ISO 8601
// / RFC 3339 (in ReadOptions::zone without an offset) or epoch seconds or
// milliseconds; actions go through the mapping's table or must be action
// names; a row without a readable time is rejected.
//
// Resynchronisation: csv by the CSV gatherer's rule (csv_records.h: a row
// whose quoted field never closes gives way to the next line that is a
// whole row), jsonl by the JSON record splitter's (json_records.h: the
// next line that begins an object); the broken record is rejected once.
#pragma once

#include "logs/format_detect.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"

#include <memory>

namespace mamori::logs {

inline constexpr LogFormat kCsvFormat{"csv"};
inline constexpr LogFormat kJsonlFormat{"jsonl"};

std::unique_ptr<LineParser> make_mapped_csv_parser(ParseContext& ctx);
std::unique_ptr<LineParser> make_mapped_jsonl_parser(ParseContext& ctx);

// An action by its name in events ("read", "copy_removable", ...).
std::optional<Action> action_from_name(std::string_view name);

// Only with a [columns] mapping: a first line with a comma (csv, kWeak)
// or JSON (jsonl).
Sniff sniff_csv(const LogHead& head);
Sniff sniff_jsonl(const LogHead& head);

}  // namespace mamori::logs
