// CsvReader: RFC 4180 records split from text in memory. A record ends at a
// newline outside quotes, so one record may span several lines; `line` is
// where it starts.
#include "common/csv.h"

namespace mamori {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF")
    pos_ = 3;
}

bool CsvReader::next(std::vector<std::string>& fields, size_t& line,
                     std::string& error) {
  fields.clear();
  error.clear();
  if (pos_ >= text_.size())
    return false;
  line = line_;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field started with a quote
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n')
          ++line_;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n')
        ++pos_;
      ++line_;
      fields.push_back(std::move(field));
      return true;
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = true;
      was_quoted = true;
    } else {
      if (was_quoted && error.empty()) {
        error = "text after a closing quote";
      } else if (c == '"' && error.empty()) {
        error = "a quote inside an unquoted field";
      }
      field += c;
    }
  }
  if (quoted)
    error = "a quoted field is not closed before the end of file";
  fields.push_back(std::move(field));
  return true;
}

}  // namespace mamori
