// RFC 4180 CSV over text held in memory (rosters and device lists are small):
// quoted fields with "" escapes and embedded newlines, CRLF or LF, a UTF-8
// byte-order mark ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mamori {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // Reads the next record into `fields`. Returns false at the end of input.
  // `line` is the line the record starts on (1-based). A malformed record
  // (a quote that never closes, text after a closing quote) sets `error`
  // and is still returned, so the caller can report it and go on.
  bool next(std::vector<std::string>& fields, size_t& line, std::string& error);

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

}  // namespace mamori
