// JSON record cutting and the DOM helpers.
#include "logs/json_records.h"

#include "common/i18n.h"
#include "common/text.h"

#include <fmt/format.h>

namespace mamori::logs {

namespace {
constexpr size_t kMaxRecordBytes = 16 << 20;
}

void JsonRecordParser::parse_record(std::string_view text, uint64_t line) {
  simdjson::dom::element record;
  if (auto error = parser_.parse(text.data(), text.size()).get(record)) {
    ctx_.reject(line, trf("invalid JSON: {error}",
                          fmt::arg("error", simdjson::error_message(error))));
    return;
  }
  if (!record.is_object()) {
    ctx_.reject(line, "a JSON value that is not an object");
    return;
  }
  handle_record(record, line);
}

// The column of the first non-blank character of `line`, or npos.
static size_t indent_of(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (!is_space(line[i]))
      return i;
  }
  return std::string_view::npos;
}

void JsonRecordParser::parse_line(std::string_view line, uint64_t line_no) {
  if (depth_ > 0) {
    // Resynchronisation: a line that begins with "{" no deeper than the
    // open object began starts a new object, so the open one was cut.
    const size_t indent = indent_of(line);
    if (indent != std::string_view::npos && line[indent] == '{' &&
        indent <= pending_column_) {
      ctx_.reject(pending_line_, "JSON object cut off by the next one");
      pending_.clear();
      depth_ = 0;
      in_string_ = escape_ = false;
    }
  }
  if (depth_ == 0) {
    std::string_view t = trim(line);
    if (line_no == 1 && t.substr(0, 3) == "\xEF\xBB\xBF")
      t = trim(t.substr(3));
    if (t.empty())
      return;
    // The common case: one whole object per line.
    if (t.front() == '{' && t.back() == '}') {
      parse_record(t, line_no);
      return;
    }
  }
  // Objects spanning lines, or inside a top-level array: scan the text,
  // keeping strings in mind, and cut each top-level object out.
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (depth_ == 0) {
      if (c == '{') {
        pending_.clear();
        pending_line_ = line_no;
        pending_column_ = i;
        pending_ += c;
        depth_ = 1;
        in_string_ = escape_ = false;
      } else if (!(c == '[' || c == ']' || c == ',' || is_space(c) ||
                   (line_no == 1 && i < 3 && (c & 0x80) != 0))) {
        ctx_.reject(line_no, "text outside any JSON object");
        return;
      }
      continue;
    }
    pending_ += c;
    if (in_string_) {
      if (escape_) {
        escape_ = false;
      } else if (c == '\\') {
        escape_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
      continue;
    }
    if (c == '"') {
      in_string_ = true;
    } else if (c == '{' || c == '[') {
      ++depth_;
    } else if (c == '}' || c == ']') {
      if (--depth_ == 0) {
        parse_record(pending_, pending_line_);
        pending_.clear();
      }
    }
  }
  if (depth_ > 0) {
    pending_ += '\n';
    if (pending_.size() > kMaxRecordBytes) {
      ctx_.reject(pending_line_, "JSON object larger than 16 MiB");
      pending_.clear();
      depth_ = 0;
    }
  }
}

void JsonRecordParser::finish() {
  if (depth_ > 0) {
    ctx_.reject(pending_line_, "JSON object cut off at the end of the log");
    pending_.clear();
    depth_ = 0;
  }
}

namespace json {

std::optional<simdjson::dom::element> field(simdjson::dom::element e,
                                            std::string_view key) {
  simdjson::dom::element value;
  if (e.is_object() && !e.get_object().at_key(key).get(value))
    return value;
  return std::nullopt;
}

std::string element_text(simdjson::dom::element v) {
  switch (v.type()) {
    case simdjson::dom::element_type::STRING:
      return std::string(v.get_string().value_unsafe());
    case simdjson::dom::element_type::INT64:
      return std::to_string(v.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return std::to_string(v.get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE:
      return fmt::format("{}", v.get_double().value_unsafe());
    case simdjson::dom::element_type::BOOL:
      return v.get_bool().value_unsafe() ? "true" : "false";
    default:
      return {};
  }
}

std::optional<std::string> text(simdjson::dom::element e,
                                std::string_view key) {
  auto v = field(e, key);
  if (!v || v->is_null() || v->is_object() || v->is_array())
    return std::nullopt;
  return element_text(*v);
}

std::string_view string_or_empty(simdjson::dom::element e,
                                 std::string_view key) {
  auto v = field(e, key);
  std::string_view s;
  if (v && !v->get_string().get(s))
    return s;
  return {};
}

std::optional<int64_t> integer(simdjson::dom::element e, std::string_view key) {
  auto v = field(e, key);
  if (!v)
    return std::nullopt;
  int64_t i = 0;
  if (!v->get_int64().get(i))
    return i;
  uint64_t u = 0;
  if (!v->get_uint64().get(u))
    return static_cast<int64_t>(u);
  std::string_view s;
  if (!v->get_string().get(s)) {
    s = trim(s);
    if (s.empty())
      return std::nullopt;
    int64_t value = 0;
    bool negative = s.front() == '-';
    if (negative)
      s.remove_prefix(1);
    for (char c : s) {
      if (!is_digit(c) || value > (INT64_MAX - 9) / 10)
        return std::nullopt;
      value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
  }
  return std::nullopt;
}

std::optional<simdjson::dom::element> path(simdjson::dom::element e,
                                           std::string_view dotted) {
  if (auto whole = field(e, dotted))
    return whole;
  const size_t dot = dotted.find('.');
  if (dot == std::string_view::npos)
    return std::nullopt;
  // Try each split point: "a.b.c" as a/b.c, then a.b/c.
  for (size_t at = dot; at != std::string_view::npos;
       at = dotted.find('.', at + 1)) {
    if (auto head = field(e, dotted.substr(0, at))) {
      if (auto found = path(*head, dotted.substr(at + 1)))
        return found;
    }
  }
  return std::nullopt;
}

std::optional<std::string> text_at(simdjson::dom::element e,
                                   std::string_view dotted) {
  auto v = path(e, dotted);
  if (!v || v->is_null() || v->is_object() || v->is_array())
    return std::nullopt;
  return element_text(*v);
}

}  // namespace json

}  // namespace mamori::logs
