// CSV record gathering and splitting.
#include "logs/csv_records.h"

#include "common/i18n.h"
#include "common/text.h"

#include <utility>

namespace mamori::logs {

namespace {
constexpr size_t kMaxRecordBytes = 16 << 20;
}  // namespace

void CsvRecordParser::Scan::reset(uint64_t first_line) {
  fields.clear();
  field.clear();
  quoted = started = closed = false;
  error.clear();
  bytes = 0;
  line = first_line;
}

// RFC 4180 with any delimiter, as CsvReader reads it, but line by line: a
// line of a record that continues holds the newline its field had.
void CsvRecordParser::Scan::feed(std::string_view text, char delimiter,
                                 bool first) {
  if (!first) {
    field += '\n';
    ++bytes;
  }
  bytes += text.size();
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
        closed = true;
      } else {
        field += c;
      }
    } else if (c == delimiter) {
      fields.push_back(std::move(field));
      field.clear();
      started = closed = false;
    } else if (c == '"' && !started) {
      quoted = started = true;
    } else if (c == '\r' && i + 1 == text.size()) {
      // a CRLF line end
    } else {
      if (closed && error.empty())
        error = N_("text after a closing quote");
      field += c;
      started = true;
    }
  }
}

int CsvRecordParser::column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (iequals(trim(header_[i]), name))
      return static_cast<int>(i);
  }
  return -1;
}

void CsvRecordParser::complete(Scan& scan) {
  if (!scan.error.empty()) {
    ctx_.reject(scan.line, trf("CSV record: {defect}",
                               fmt::arg("defect", tr(scan.error.c_str()))));
    return;
  }
  scan.fields.push_back(std::move(scan.field));
  scan.field.clear();
  fields_.swap(scan.fields);
  const uint64_t line = scan.line;
  if (!have_header_) {
    if (fields_.size() == 1 && trim(fields_[0]).empty())
      return;
    have_header_ = true;
    header_line_ = line;  // a header row is one line in practice
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
  std::string_view t = line;
  if (line_no == 1 && t.substr(0, 3) == "\xEF\xBB\xBF")
    t.remove_prefix(3);
  if (pending_) {
    // Would this line alone be a row? Then the open record was cut.
    alone_.reset(line_no);
    alone_.feed(t, delimiter_, true);
    const bool row = !trim(t).empty() && alone_.well_formed() &&
                     (!have_header_ || alone_.field_count() == header_.size());
    if (row) {
      Scan joined = open_;
      joined.feed(t, delimiter_, false);
      if (!joined.well_formed()) {
        ctx_.reject(open_.line, "CSV record with a quote that never closes");
        pending_ = false;
        std::swap(open_, alone_);
        complete(open_);
        return;
      }
      std::swap(open_, joined);
    } else {
      open_.feed(t, delimiter_, false);
    }
  } else {
    if (trim(t).empty())
      return;
    if (!have_header_ && t.front() == '#')
      return;  // "#TYPE Selected...."
    open_.reset(line_no);
    open_.feed(t, delimiter_, true);
  }
  if (open_.quoted) {
    pending_ = true;
    if (open_.bytes > kMaxRecordBytes) {
      ctx_.reject(open_.line, "CSV record larger than 16 MiB");
      pending_ = false;
    }
    return;
  }
  pending_ = false;
  complete(open_);
}

void CsvRecordParser::finish() {
  if (pending_) {
    ctx_.reject(open_.line, "CSV record with a quote that never closes");
    pending_ = false;
  }
}

}  // namespace mamori::logs
