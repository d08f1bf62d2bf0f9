// The table of report formats (`scan --format`): one row per format, its
// name, its renderer and a line for the help. The option's help text, the
// check of its value and the dispatch all come from this table; adding a
// format is one renderer file and one row (CONTRIBUTING.md).
#pragma once

#include "common/time.h"
#include "report/report.h"

#include <span>
#include <string>
#include <string_view>

namespace mamori::report {

struct RenderOptions {
  bool color = false;       // ANSI colours, for a terminal (text only)
  Zone zone = Zone::utc();  // times for people (text, HTML); JSON stays UTC
};

// A renderer hands its text to `write` a piece at a time: the JSON Lines
// report, the one that grows with the findings, goes out through a buffer of
// bounded size (kWriteChunk) and is never held whole in memory.
using Renderer = void (*)(const Report& report, const RenderOptions& options,
                          const WriteText& write);

// Renders the whole report into a string (tests, small outputs).
std::string render_to_string(Renderer render, const Report& report,
                             const RenderOptions& options = {});

struct OutputFormatRow {
  std::string_view name;
  Renderer render;
  std::string_view description;  // one line, for --help
};

// Every format; the first is the default.
std::span<const OutputFormatRow> output_format_table();

// The row named `name`, or null.
const OutputFormatRow* find_output_format(std::string_view name);

// The names joined by `separator`, the last two by `last` ("text, jsonl,
// sarif, csv or html").
std::string output_format_names(std::string_view separator,
                                std::string_view last);

}  // namespace mamori::report
