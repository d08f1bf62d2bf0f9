// JSON logs, one record at a time, in bounded memory: JSON Lines (the
// usual case, one object per line), pretty-printed objects spanning lines
// (`journalctl -o json-pretty`, exports from Kibana) and top-level arrays of
// objects (API dumps), all cut into single objects before simdjson parses
// them. Subclasses map one parsed object to events.
//
// Resynchronisation (a forwarder that crashed mid-record, a lone "{"): while
// an object is open, a line whose first non-blank character is "{" at a
// column no greater than that of the open object's own "{" begins the next
// object. Pretty-printers indent nested objects deeper than their record,
// and JSON Lines start every record at column 0, so such a line is never
// inside a well-formed record. The open object is rejected as one line (at
// the line where it began) and reading goes on with the new one. Text
// outside any object is rejected line by line; an object still open at the
// end, or larger than 16 MiB, is rejected once.
#pragma once

#include "logs/parse_context.h"

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mamori::logs {

class JsonRecordParser : public LineParser {
 public:
  explicit JsonRecordParser(ParseContext& ctx) : ctx_(ctx) {}
  void parse_line(std::string_view line, uint64_t line_no) override;
  void finish() override;

 protected:
  // One object; `line` is where it starts. Reject through ctx_ when the
  // object is not a record of the format.
  virtual void handle_record(simdjson::dom::element record, uint64_t line) = 0;

  ParseContext& ctx_;

 private:
  void parse_record(std::string_view text, uint64_t line);

  simdjson::dom::parser parser_;
  std::string pending_;  // an object spanning lines
  uint64_t pending_line_ = 0;
  size_t pending_column_ = 0;  // where its "{" stands in its first line
  int depth_ = 0;
  bool in_string_ = false;
  bool escape_ = false;
};

// Helpers over simdjson's DOM that never throw: a missing key or a value of
// another type is simply absent.
namespace json {

std::optional<simdjson::dom::element> field(simdjson::dom::element e,
                                            std::string_view key);
// A string, or a number or bool written as text ("4663" and 4663 alike).
std::optional<std::string> text(simdjson::dom::element e, std::string_view key);
std::string_view string_or_empty(simdjson::dom::element e,
                                 std::string_view key);
std::optional<int64_t> integer(simdjson::dom::element e, std::string_view key);
// The value at a dotted path ("winlog.event_data.ObjectName"), trying the
// literal dotted key at each level too (flattened exports).
std::optional<simdjson::dom::element> path(simdjson::dom::element e,
                                           std::string_view dotted);
std::optional<std::string> text_at(simdjson::dom::element e,
                                   std::string_view dotted);
std::string element_text(simdjson::dom::element e);

}  // namespace json

}  // namespace mamori::logs
