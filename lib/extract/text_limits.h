// lib/extract/text_limits.h
#pragma once
#include <chrono>
#include <cstddef>
#include <string>
namespace mamori::extract {
struct TextLimits {
  size_t max_text_bytes = 16u << 20;          // text beyond this is cut, truncated=true
  std::chrono::milliseconds max_time{2000};   // past it: truncated=true
};
struct ExtractedText {
  std::string text;        // UTF-8
  bool truncated = false;  // a limit stopped it
  std::string error;       // non-empty: could not be read (text may be partial)
};
}  // namespace mamori::extract
