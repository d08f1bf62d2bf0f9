// The text of a legacy Word document ([MS-DOC]): the FIB at the start of
// the "WordDocument" stream says which table stream holds the piece table
// (bit fWhichTblStm: "1Table" or "0Table") and where (fcClx/lcbClx, the
// 34th fc/lcb pair of FibRgFcLcb97). The Clx's Pcdt is a PlcPcd: n+1
// character positions and n piece descriptors; a piece is either
// "compressed" (CP1252 bytes at fc/2) or UTF-16LE at fc, and the pieces in
// order are the document's text. Word's marks are mapped: paragraph (0x0D),
// line and page breaks to new lines, cell and row ends (0x07) to tabs;
// of a field (0x13 code 0x14 result 0x15) only the result is kept.
// Every offset is checked against its stream.
#pragma once

#include "extract/text_limits.h"

#include <cstddef>
#include <span>

namespace mamori::extract {

ExtractedText doc_text(std::span<const std::byte> word_document,
                       std::span<const std::byte> table,
                       const TextLimits& limits);

// Which table stream the FIB names: true for "1Table".
bool doc_uses_1table(std::span<const std::byte> word_document);

}  // namespace mamori::extract
