// The text a person reads in an RTF document (WordPad, Word's "Rich Text
// Format", mail bodies). No RTF library in Debian is worth linking, so
// this is a small decoder of the parts that carry text.
#pragma once

#include "extract/text_limits.h"

#include <cstddef>
#include <span>

namespace mamori::extract {

// Decodes groups, control words and text:
// - `\'hh` bytes in the code page of `\ansicpgN` (1252 when absent), or of
//   the current font's `\fcharsetN` when that names a specific one
//   (128 is CP932); consecutive bytes are decoded together, since a CP932
//   character is two of them;
// - `\uN` as UTF-16 (negative N, surrogate pairs), skipping the `\ucN`
//   fallback characters that follow (1 unless set);
// - `\par`, `\line`, `\sect`, `\page` and `\row` give "\n"; `\tab` and
//   `\cell` give "\t".
// Skipped, since no reader sees them as text: every `{\*\...}` destination
// except annotations (comments), the font, colour, style, list and
// revision tables, pictures, embedded objects' data, field instructions and
// `\binN` data. Kept: document information (\title, \subject, \author,
// \keywords, \company, ...), each as a line, as docProps/core.xml is for
// OOXML; headers, footers, footnotes and field results.
//
// `error` is set when the data does not start with "{\rtf" (no text then)
// or ends inside a group (the text so far is returned).
ExtractedText rtf_text(std::span<const std::byte> rtf,
                       const TextLimits& limits);

}  // namespace mamori::extract
