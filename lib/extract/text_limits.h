// The bounds every text extractor (PDF, Office, markup) honours, and what
// each returns: documents come from the evidence under examination, so an
// attacker may shape them to take unbounded time or memory.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace mamori::extract {

struct TextLimits {
  // Text beyond this many bytes is cut (at a UTF-8 character boundary) and
  // the result is marked truncated.
  size_t max_text_bytes = 16u << 20;
  // Checked between units of work (pages, parts); once past it, extraction
  // stops and the result is marked truncated.
  std::chrono::milliseconds max_time{2000};
};

struct ExtractedText {
  std::string text;        // UTF-8; pages or parts separated by "\n\f\n"
  bool truncated = false;  // a limit stopped extraction
  std::string error;       // non-empty: could not be read (text may be partial)
};

}  // namespace mamori::extract
