// Reading logs: format detection from content, transparent decompression,
// streaming line by line, one parser per format (log_formats.h).
#pragma once

#include "common/diagnostics.h"
#include "common/time.h"
#include "logs/event.h"
#include "logs/log_resume.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::logs {

// Where the fields of a `csv` or `jsonl` log are: a CSV
// header name or a JSON key ("a.b" reaches into nested objects) for each
// event field; empty means the log has no such field. `time` is required;
// its values may be ISO 8601 / RFC 3339 (read in ReadOptions::zone when
// they carry no offset) or epoch seconds / milliseconds.
struct ColumnMapping {
  std::string time;
  std::string user;
  std::string host;
  std::string action;
  std::string path;
  std::string target;
  std::string bytes;
  std::string process;
  std::string vendor_id;
  std::string product_id;
  std::string serial;
  std::string mount;
  // Values of the action column to action names ("FileRead" -> "read");
  // a value not listed is used as is when it is an action name
  // ("read", "copy_removable", ...), and is "other" otherwise.
  std::map<std::string, std::string> actions;
  char delimiter = ',';  // CSV only

  bool empty() const { return time.empty(); }
};

struct ReadOptions {
  Zone zone = Zone::utc();  // for timestamps that carry no offset
  std::optional<Timestamp> since;
  std::optional<Timestamp> until;
  std::string samba_prefix;  // e.g. "%u|%I|%m|%S"; empty: detect
  ColumnMapping columns;     // for csv and jsonl
  // Lines longer than this are rejected (and skipped to the next newline).
  size_t max_line_bytes = size_t{1} << 20;
  // The year of syslog lines that carry none comes from the log's
  // modification time (now for standard input); this overrides it.
  std::optional<Timestamp> reference_time;
  // Refused accesses (auditd success=no, Samba "fail (...)") are skipped
  // unless this is set; then they are events with `failed` set.
  bool include_failed = false;
  // Threads for decoding one EVTX file (0: one per core, at most 4).
  unsigned threads = 0;
  // Where each log file starts and where it stopped (--state); null: every
  // log from its first line. Files of archives, standard input and EVTX
  // files are always read whole.
  ResumeBook* resume = nullptr;
};

struct ReadStats {
  uint64_t events = 0;
  uint64_t lines_rejected = 0;
  // Well-formed records of no interest (other Windows event ids, other
  // providers): counted, not events, not rejected.
  uint64_t records_skipped = 0;
  std::map<std::string, uint64_t> events_by_format;
  void merge(const ReadStats& other);
};

// The names of the formats, in the order of the format table.
const std::vector<std::string_view>& format_names();

// Reads one log given as "FILE", "FORMAT:FILE" (FORMAT one of
// format_names(), so "C:/x" stays a path) or "-" (standard input), calling
// `sink` for each event inside [since, until], in the log's order, on the
// calling thread. Without FORMAT the format is recognised from the content;
// gzip, bzip2, xz, zstd and lz4 are decompressed (on a second thread) and
// the files of a zip or tar are read one by one ("archive.zip/member" in
// sources); a compressed, archived or piped EVTX file is copied to a
// temporary file for libevtx. A file that cannot be read, or is in no known
// format, is an error notice (codes unreadable, unknown_format) and returns
// false; lines that do not parse are counted in `stats` and the first five per
// file reported as warning notices (code parse_error) with "file:line", or
// "file#record" for EVTX. Memory stays bounded whatever the log's size.
bool read_log_file(std::string_view spec, const ReadOptions& options,
                   Diagnostics& diag, ReadStats& stats, const EventSink& sink);

// Reads the files of one rotation series, oldest first, as one log: an
// auditd event whose records straddle two files is joined, and sources
// still name the file and line of each record. Otherwise as read_log_file on
// each file in turn.
bool read_log_series(const std::vector<std::string>& specs,
                     const ReadOptions& options, Diagnostics& diag,
                     ReadStats& stats, const EventSink& sink);

// Groups logs into rotation series by name: "audit.log.2.gz",
// "audit.log.1" and "audit.log" are one series, as are "messages-20260301"
// and "messages" (a forced FORMAT: must agree). Each series is ordered
// oldest first; the series keep the order of their first file in `specs`;
// any other log is a series of its own.
std::vector<std::vector<std::string>> rotation_series(
    const std::vector<std::string>& specs);

}  // namespace mamori::logs
