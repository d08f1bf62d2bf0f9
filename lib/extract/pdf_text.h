// The text a reader of a PDF sees, for content rules: strings decoded
// through the document's fonts (ToUnicode CMaps, Differences encodings,
// predefined CJK CMaps) rather than the raw bytes of its content streams.
#pragma once

#include "extract/text_limits.h"

#include <cstddef>
#include <span>

namespace mamori::extract {

// Extracts the text of every page of `pdf`, in reading order, as UTF-8;
// pages are separated by "\n\f\n". Reads only from memory: no files are
// written and nothing is fetched. Never throws for bad input.
//
// An encrypted PDF is read when its user password is empty; otherwise
// `error` is "encrypted" and `text` is empty. Input that is not a PDF
// (empty, truncated beyond repair, random bytes) sets `error`. Text beyond
// `limits.max_text_bytes`, pages after `limits.max_time` has passed (checked
// between pages) and pages after the 10,000th are dropped, and `truncated`
// is set; `text.size()` never exceeds `max_text_bytes`.
//
// Bounds are per page: one hostile page can still take long or much memory
// inside the PDF library, so run this where a crash or a kill is contained
// (the sandboxed content worker).
ExtractedText pdf_text(std::span<const std::byte> pdf,
                       const TextLimits& limits);

}  // namespace mamori::extract
