// Small text helpers shared by the log parsers.
#pragma once

#include <string>
#include <string_view>

namespace mamori::logs {

// Appends `word` to `text`, with one space between when both are non-empty
// ("SanDisk" + "Ultra" -> "SanDisk Ultra").
inline void append_word(std::string& text, std::string_view word) {
  if (word.empty())
    return;
  if (!text.empty())
    text += ' ';
  text.append(word);
}

}  // namespace mamori::logs
