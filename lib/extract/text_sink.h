// TextSink: the output side shared by the text extractors (markup_text,
// rtf_text). It owns the UTF-8 text being built and enforces TextLimits: a
// byte cap that cuts at a character boundary, and a time budget checked
// every few hundred calls so that the clock is not read per character.
#pragma once

#include "extract/text_limits.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace mamori::extract {

class TextSink {
 public:
  // The time budget runs from `start`, so that a second attempt at the
  // same input (a recovering re-parse) does not get a fresh budget.
  explicit TextSink(const TextLimits& limits,
                    std::chrono::steady_clock::time_point start =
                        std::chrono::steady_clock::now())
      : limits_(limits), start_(start) {}

  // Appends `s` (UTF-8). Past the byte cap the text is cut before the
  // first character that does not fit and the sink is full from then on.
  void append(std::string_view s);
  void append(char c) { append(std::string_view(&c, 1)); }

  // Ends the text with one separator ('\n' or '\t'): trailing spaces are
  // dropped, and a separator already there is replaced by this one (a
  // paragraph that ends a cell gives "\t", a cell that ends a row "\n"),
  // so that nested blocks do not pile up separators.
  // Nothing is added to empty text.
  void separate(char separator);

  // True once a limit stopped the text; the caller should stop reading.
  // Checks the clock every `kClockStride` calls.
  bool stopped();

  const std::string& text() const { return text_; }
  size_t size() const { return text_.size(); }
  bool ends_with_space() const;

  // The result: trailing separators and spaces are trimmed.
  ExtractedText finish(std::string error);

 private:
  static constexpr unsigned kClockStride = 256;

  TextLimits limits_;
  std::chrono::steady_clock::time_point start_;
  std::string text_;
  bool truncated_ = false;
  unsigned calls_ = 0;
};

}  // namespace mamori::extract
