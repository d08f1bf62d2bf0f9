// TextSink: limits and separators of extracted text.
#include "extract/text_sink.h"

#include <utility>

namespace mamori::extract {
namespace {

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n';
}

}  // namespace

void TextSink::append(std::string_view s) {
  if (truncated_)
    return;
  const size_t room = limits_.max_text_bytes - text_.size();
  if (s.size() <= room) {
    text_.append(s);
    return;
  }
  // Cut before the character that straddles the cap.
  size_t cut = room;
  while (cut > 0 && is_continuation(s[cut]))
    --cut;
  text_.append(s.substr(0, cut));
  truncated_ = true;
}

void TextSink::separate(char separator) {
  while (!text_.empty() && text_.back() == ' ')
    text_.pop_back();
  if (text_.empty())
    return;
  if (text_.back() == '\t' || text_.back() == '\n') {
    text_.back() = separator;
    return;
  }
  append(separator);
}

bool TextSink::stopped() {
  if (truncated_)
    return true;
  if (++calls_ % kClockStride == 0 &&
      std::chrono::steady_clock::now() - start_ > limits_.max_time) {
    truncated_ = true;
  }
  return truncated_;
}

bool TextSink::ends_with_space() const {
  return text_.empty() || is_blank(text_.back());
}

ExtractedText TextSink::finish(std::string error) {
  while (!text_.empty() && is_blank(text_.back()))
    text_.pop_back();
  return ExtractedText{std::move(text_), truncated_, std::move(error)};
}

}  // namespace mamori::extract
