// CSV record gathering and splitting.
#include "logs/csv_records.h"

#include "common/csv.h"
#include "common/text.h"

#include <algorithm>

namespace mamori::logs {

namespace {
constexpr size_t kMaxRecordBytes = 16 << 20;

// RFC 4180 with another delimiter: the common reader knows only commas, so
// a record in another delimiter is split here.
void split_delimited(std::string_view text, char delimiter,
                     std::vector<std::string>& out) {
  out.clear();
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == delimiter) {
      out.push_back(std::move(field));
      field.clear();
    } else if (c != '\r' && c != '\n') {
      field += c;
    }
  }
  out.push_back(std::move(field));
}
}  // namespace

int CsvRecordParser::column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (iequals(trim(header_[i]), name))
      return static_cast<int>(i);
  }
  return -1;
}

void CsvRecordParser::parse_record(std::string_view text, uint64_t line) {
  if (delimiter_ == ',') {
    CsvReader reader(text);
    size_t unused = 0;
    std::string error;
    if (!reader.next(fields_, unused, error))
      return;
    if (!error.empty()) {
      ctx_.reject(line, "CSV record: " + error);
      return;
    }
  } else {
    split_delimited(text, delimiter_, fields_);
  }
  if (!have_header_) {
    if (fields_.size() == 1 && trim(fields_[0]).empty())
      return;
    have_header_ = true;
    header_ = fields_;
    if (!header_.empty() && header_[0].substr(0, 3) == "\xEF\xBB\xBF") {
      header_[0].erase(0, 3);
    }
    header_ok_ = handle_header(header_, line);
    return;
  }
  if (!header_ok_) {
    ctx_.reject(line, "CSV row under a header without the expected columns");
    return;
  }
  handle_row(fields_, line);
}

void CsvRecordParser::parse_line(std::string_view line, uint64_t line_no) {
  if (pending_.empty()) {
    std::string_view t = line;
    if (line_no == 1 && t.substr(0, 3) == "\xEF\xBB\xBF")
      t.remove_prefix(3);
    if (trim(t).empty())
      return;
    if (!have_header_ && t.front() == '#')
      return;  // "#TYPE Selected...."
    pending_line_ = line_no;
    quotes_ = 0;
  } else {
    pending_ += '\n';
  }
  pending_.append(line);
  quotes_ += static_cast<size_t>(std::count(line.begin(), line.end(), '"'));
  if (quotes_ % 2 == 1) {
    if (pending_.size() > kMaxRecordBytes) {
      ctx_.reject(pending_line_, "CSV record larger than 16 MiB");
      pending_.clear();
    }
    return;
  }
  parse_record(pending_, pending_line_);
  pending_.clear();
}

void CsvRecordParser::finish() {
  if (!pending_.empty()) {
    ctx_.reject(pending_line_, "CSV record with a quote that never closes");
    pending_.clear();
  }
}

}  // namespace mamori::logs
