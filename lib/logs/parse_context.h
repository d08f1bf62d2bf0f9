// What every parser shares while reading one log: where events go (with the
// since/until window and the per-format counts applied), how a rejected line
// is counted and reported, and the options. Parsers see only this and the
// lines; they never touch files or Diagnostics directly.
#pragma once

#include "common/diagnostics.h"
#include "logs/event.h"
#include "logs/log_format.h"
#include "logs/log_reader.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mamori::logs {

class ParseContext {
 public:
  // `file_time` is the log's modification time (now for standard input):
  // the year of syslog lines that carry none is taken from it.
  ParseContext(std::shared_ptr<const std::string> file,
               const ReadOptions& options, Diagnostics& diag,
               const EventSink& sink, Timestamp file_time);

  // A fresh event of `format` at `line`, with the file set.
  Event make_event(LogFormat format, uint64_t line) const;
  // Passes the event on when it lies inside [since, until], and counts it.
  void emit(Event&& event);
  // Counts a line that does not parse; the first few become warnings with
  // "file:line". `record` marks EVTX record numbers ("file#record").
  void reject(uint64_t line, std::string_view reason, bool record = false);
  // Counts `count` consecutive lines or records from `first` at once.
  void reject_range(uint64_t first, uint64_t count, std::string_view reason,
                    bool record = false);
  // The same for lines of `file`, an earlier file of the series.
  void reject_range(const std::shared_ptr<const std::string>& file,
                    uint64_t first, uint64_t count, std::string_view reason);
  // Counts a well-formed record that yields no event (ReadStats).
  void skip() { ++skipped_; }
  // Adds the counts to `stats`, and a notice for the rejections not shown.
  void finish(ReadStats& stats);
  // After finish(): the next file of a series, read by the same parser or
  // a new one; counts and the rejections shown start again.
  void set_file(std::shared_ptr<const std::string> file, Timestamp file_time);

  const ReadOptions& options() const { return options_; }
  const Zone& zone() const { return options_.zone; }
  Timestamp file_time() const { return file_time_; }
  const std::shared_ptr<const std::string>& file() const { return file_; }
  Diagnostics& diagnostics() { return diag_; }
  uint64_t rejected() const { return rejected_; }

  static constexpr uint64_t kReportedRejects = 5;

 private:
  std::shared_ptr<const std::string> file_;
  const ReadOptions& options_;
  Diagnostics& diag_;
  const EventSink& sink_;
  Timestamp file_time_;
  uint64_t events_ = 0;
  uint64_t rejected_ = 0;
  uint64_t skipped_ = 0;
  // A run sees few formats, so a short list beats a map per event.
  std::vector<std::pair<LogFormat, uint64_t>> by_format_;
};

// A parser of one format: fed every line in order, then finish().
class LineParser {
 public:
  virtual ~LineParser() = default;
  virtual void parse_line(std::string_view line, uint64_t line_no) = 0;
  // Called at the end of the data: flush grouped records (auditd events,
  // an unterminated XML event).
  virtual void finish() {}
  // Whether records may run on from one file of a rotation series into the
  // next, so the same parser should read them all (auditd events).
  virtual bool joins_files() const { return false; }
  // The leading lines that give the others their meaning (a CSV header and
  // what precedes it): read again, for that alone, when a log is resumed
  // after them (log_resume.h). 0: every line stands alone.
  virtual uint64_t context_lines() const { return 0; }
};

}  // namespace mamori::logs
