// Rendering a run's findings, notices and summary: JSON Lines (the machine
// contract of spec/findings.md) and a text report for people. Output order
// is deterministic: findings as sorted by detect::sort_findings, then
// notices, then the summary.
#pragma once

#include "common/diagnostics.h"
#include "common/time.h"
#include "detect/finding.h"
#include "detect/timeline.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::report {

// A `suppress` entry of the config that held findings back (spec/findings.md
// summary `suppressed`), keyed by its label (detect::Suppression::label).
struct SuppressedCount {
  std::string label;
  uint64_t count = 0;
  std::string reason;           // empty for a plain id entry
  std::optional<Days> expires;  // none for a plain id entry
  std::string source;           // "config-file:line"
};

// What a --state run took from its state (Summary::state).
struct StateSummary {
  uint64_t logs_resumed = 0;    // read from where the last run stopped
  uint64_t logs_unchanged = 0;  // nothing new, not read
  uint64_t files_cached = 0;    // unchanged files, not matched again
  uint64_t findings_known = 0;  // reported by an earlier run
  bool only_new = false;        // the known ones were left out
};

struct Summary {
  std::string version;
  Timestamp started{};
  Timestamp finished{};
  uint64_t files_scanned = 0;
  uint64_t bytes_scanned = 0;
  uint64_t archive_members = 0;
  uint64_t events = 0;
  std::map<std::string, uint64_t> events_by_format;
  uint64_t lines_rejected = 0;
  // The entries that suppressed at least one finding, in the file's order.
  std::vector<SuppressedCount> suppressed;
  int exit_code = 0;
  // With --state (otherwise unset): what the run took from it.
  std::optional<StateSummary> state;
};

// An input file of the run, for the record of a case (HTML overview).
struct InputFile {
  std::string role;  // "register", "roster", "devices", "log", "path"
  std::string path;
  std::optional<uint64_t> size;  // files only
  std::string sha256;            // files only; empty when not read
};

// What was run, for a report that stands as a case file.
struct RunInfo {
  std::vector<std::string> command;  // argv, as given
  std::string zone;                  // --tz, for times shown to people
  std::vector<InputFile> inputs;
};

struct Report {
  std::vector<detect::Finding> findings;
  std::vector<Notice> notices;
  Summary summary;
  RunInfo run;
  // The people with findings, day by day (HTML time lines).
  std::vector<detect::PersonTimeline> timelines;
};

void append_finding_json(std::string& out, const detect::Finding& f);
void append_notice_json(std::string& out, const Notice& n);
void append_summary_json(std::string& out, const Report& report);

// Where a renderer sends its text, in pieces.
using WriteText = std::function<void(std::string_view)>;
// Renderers that stream hand `write` pieces of about this size.
inline constexpr size_t kWriteChunk = 64 * 1024;

// One JSON object per line, the summary last; written line by line to
// `write` in pieces of about kWriteChunk, whatever the number of findings.
void render_jsonl(const Report& report, const WriteText& write);
std::string render_jsonl(const Report& report);
// For a terminal or a mail from cron; `color` adds ANSI colours. Every
// string from the input is escaped (escape_for_display) before printing.
// "8 findings (5 critical, 1 high, ...); 3 files (782 B), ... 0 notices":
// the last line of the text report, and what `scan -o FILE` tells the
// terminal (or cron) about the report it wrote.
std::string summary_line(const Report& report);
// Words for people, in the language of tr() (common/i18n.h): "critical",
// "CRITICAL" (the text report's column), a contract's end "ends
// 2026-03-31 (in 4 days)".
std::string severity_name(Severity s);
std::string severity_label(Severity s);
std::string end_date_text(Days end, std::optional<int> days_to_end);
// A roster employment value ("dispatched", as the findings contract has
// it) in the language of tr().
std::string employment_text(std::string_view employment);

// An event's action name ("read", "copy_removable", as the events and
// findings contracts have it) in the language of tr().
std::string action_text(std::string_view action);

// "error: unreadable: /mnt/usb/x.zip: cannot examine: ...", escaped.
std::string notice_line(const Notice& n);
// Grouped by person (worst first), then findings about no one; times in
// `zone` with their offset.
std::string render_text(const Report& report, bool color,
                        const Zone& zone = Zone::utc());
// SARIF 2.1.0 (one run; findings as results, notices as notifications).
std::string render_sarif(const Report& report);
// One row per finding, RFC 4180, formula-like cells defused.
std::string render_csv(const Report& report);
// A self-contained HTML page: a case file per person (html.cc); times in
// `zone` with their offset.
std::string render_html(const Report& report, const Zone& zone = Zone::utc());

}  // namespace mamori::report
