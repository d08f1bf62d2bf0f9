// Whether an object is text a person reads: the bytes of a text file are
// its text layer, so rules that must only see such text (a marking in a
// letter, not four bytes that happen to spell 【秘】 inside a library) run
// on it. Extracted text (Office, PDF, markup) is text by construction.
#pragma once

#include <cstddef>
#include <span>

namespace mamori::extract {

// True when `data` reads as text: a Unicode byte-order mark, or samples
// from its start and end with no NUL, almost no other control characters,
// and bytes above 0x7F that form valid UTF-8, Shift_JIS (CP932) or EUC-JP
// throughout. Empty data is not text.
bool looks_like_text(std::span<const std::byte> data);

}  // namespace mamori::extract
