// ParseContext: the event window, the counts and the rejection notices.
#include "logs/parse_context.h"

#include "common/text.h"

namespace mamori::logs {

ParseContext::ParseContext(std::shared_ptr<const std::string> file,
                           const ReadOptions& options, Diagnostics& diag,
                           const EventSink& sink, Timestamp file_time)
    : file_(std::move(file)),
      options_(options),
      diag_(diag),
      sink_(sink),
      file_time_(file_time) {}

Event ParseContext::make_event(LogFormat format, uint64_t line) const {
  Event event;
  event.format = format;
  event.file = file_;
  event.line = line;
  return event;
}

void ParseContext::emit(Event&& event) {
  if (options_.since && event.time < *options_.since)
    return;
  if (options_.until && event.time > *options_.until)
    return;
  ++events_;
  bool counted = false;
  for (auto& [name, count] : by_format_) {
    if (name == event.format) {
      ++count;
      counted = true;
      break;
    }
  }
  if (!counted)
    by_format_.emplace_back(event.format, 1);
  sink_(std::move(event));
}

namespace {

// A reason given as a literal (po/update extracts reject()'s second
// argument) in the language of the report; composed reasons stay as given.
std::string_view localized_reason(std::string_view reason) {
  const char* translated = translate_message(reason);
  return translated != nullptr ? std::string_view(translated) : reason;
}

}  // namespace

void ParseContext::reject(uint64_t line, std::string_view reason, bool record) {
  if (++rejected_ > kReportedRejects)
    return;
  diag_.warn_at("parse_error",
                fmt::format("{}{}{}", *file_, record ? '#' : ':', line), "{}",
                escape_for_display(localized_reason(reason)));
}

void ParseContext::reject_range(const std::shared_ptr<const std::string>& file,
                                uint64_t first, uint64_t count,
                                std::string_view reason) {
  if (count > 0 && rejected_ < kReportedRejects) {
    diag_.warn_at("parse_error",
                  fmt::format("{}:{}", file ? *file : *file_, first), "{}",
                  escape_for_display(localized_reason(reason)));
  }
  rejected_ += count;
}

void ParseContext::set_file(std::shared_ptr<const std::string> file,
                            Timestamp file_time) {
  file_ = std::move(file);
  file_time_ = file_time;
}

void ParseContext::reject_range(uint64_t first, uint64_t count,
                                std::string_view reason, bool record) {
  while (count > 0 && rejected_ < kReportedRejects) {
    reject(first++, reason, record);
    --count;
  }
  rejected_ += count;
}

void ParseContext::finish(ReadStats& stats) {
  stats.events += events_;
  stats.lines_rejected += rejected_;
  stats.records_skipped += skipped_;
  for (const auto& [name, count] : by_format_) {
    stats.events_by_format[std::string(name.name())] += count;
  }
  if (rejected_ > kReportedRejects) {
    diag_.warn_at("parse_error", *file_,
                  "{} more lines could not be parsed (first {} shown)",
                  rejected_ - kReportedRejects, kReportedRejects);
  }
  events_ = 0;
  rejected_ = 0;
  skipped_ = 0;
  by_format_.clear();
}

}  // namespace mamori::logs
