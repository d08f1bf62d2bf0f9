// The text of a legacy PowerPoint presentation ([MS-PPT]): the records of
// its "PowerPoint Document" stream, walked flat -- a container record
// (recVer 0xF) is stepped into, an atom stepped over by its length -- with
// the text of TextCharsAtom (0x0FA0, UTF-16LE), TextBytesAtom (0x0FA8,
// Latin-1) and CString (0x0FBA, UTF-16LE: titles, notes, names), one line
// each. A length past the stream ends the walk.
#pragma once

#include "extract/text_limits.h"

#include <cstddef>
#include <span>

namespace mamori::extract {

ExtractedText ppt_text(std::span<const std::byte> document,
                       const TextLimits& limits);

}  // namespace mamori::extract
