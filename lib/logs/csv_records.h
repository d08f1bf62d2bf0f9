// CSV logs, one record at a time: lines are gathered until their quotes
// balance (RFC 4180 fields may hold newlines, as M365's AuditData does),
// then split by the common CsvReader. The header row names the columns;
// lines before it that start with "#" (PowerShell's "#TYPE ...") are
// passed over.
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
  void parse_record(std::string_view text, uint64_t line);

  char delimiter_;
  bool have_header_ = false;
  bool header_ok_ = false;
  std::string pending_;
  uint64_t pending_line_ = 0;
  size_t quotes_ = 0;  // in pending_: odd means a field is still open
  std::vector<std::string> fields_;
};

}  // namespace mamori::logs
