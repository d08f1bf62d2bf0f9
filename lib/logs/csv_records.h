// CSV logs, one record at a time: lines are gathered until their quotes
// balance (RFC 4180 fields may hold newlines, as M365's AuditData does),
// then split by the common CsvReader. The header row names the columns;
// lines before it that start with "#" (PowerShell's "#TYPE ...") are
// passed over.
//
// Quotes follow CsvReader: a quote opens a quoted field only as the
// field's first character; elsewhere it is literal (`/srv/x/5" floppy.txt`
// is a legal path and its row is read). Resynchronisation: a record whose
// quoted field stays open across a line end goes on into the next line,
// unless that line, taken alone, is a whole row (no field left open, no
// text after a closing quote) with as many fields as the header (any
// number before the header) and joining it would not make a well-formed
// record; then the open record is rejected, counted once at its first
// line, and the line starts the next record. A record still open at the
// end, or larger than 16 MiB, is rejected once.
#pragma once

#include "logs/parse_context.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::logs {

class CsvRecordParser : public LineParser {
 public:
  CsvRecordParser(ParseContext& ctx, char delimiter = ',')
      : ctx_(ctx), delimiter_(delimiter) {}
  void parse_line(std::string_view line, uint64_t line_no) override;
  void finish() override;
  uint64_t context_lines() const override { return header_line_; }

 protected:
  // False when the header is not the one expected (then every row is
  // rejected with the reason given through ctx_).
  virtual bool handle_header(const std::vector<std::string>& names,
                             uint64_t line) = 0;
  virtual void handle_row(const std::vector<std::string>& fields,
                          uint64_t line) = 0;
  // The index of a column by name (ASCII case-insensitive), or -1.
  int column(std::string_view name) const;

  ParseContext& ctx_;
  std::vector<std::string> header_;

 private:
  char delimiter_;
  bool have_header_ = false;
  uint64_t header_line_ = 0;  // where the header row ended
  bool header_ok_ = false;
  // A record being cut into fields, line by line.
  struct Scan {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;   // inside a quoted field
    bool started = false;  // the field has a character
    bool closed = false;   // the field was quoted and its quote closed
    std::string error;     // the first defect
    size_t bytes = 0;
    uint64_t line = 0;  // where the record began
    void reset(uint64_t first_line);
    void feed(std::string_view text, char delimiter, bool first);
    bool well_formed() const { return !quoted && error.empty(); }
    size_t field_count() const { return fields.size() + 1; }
  };
  void complete(Scan& scan);

  Scan open_;
  bool pending_ = false;  // open_ holds a record whose quote is open
  Scan alone_;
  std::vector<std::string> fields_;
};

}  // namespace mamori::logs
