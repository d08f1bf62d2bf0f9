// The text of a legacy Excel workbook: the BIFF records of its "Workbook"
// (BIFF8) or "Book" (BIFF5) stream ([MS-XLS]). Read: the Shared String
// Table (SST, 0x00FC) with the CONTINUE records (0x003C) it spills into --
// a string cut at a CONTINUE boundary resumes with a fresh flags byte, so
// its halves may differ in width (Latin-1 "compressed" bytes, or UTF-16LE)
// -- rich-text runs and phonetic data skipped by their counts; LABEL cells
// (0x0204) and sheet names (BOUNDSHEET, 0x0085). BIFF5 strings are 8-bit in
// the CODEPAGE record's code page (0x0042, e.g. 932), converted by iconv;
// BIFF8 "compressed" strings are Latin-1 whatever the code page says.
// Every length is checked against its record: the stream may be hostile.
#pragma once

#include "extract/text_limits.h"

#include <cstddef>
#include <span>

namespace mamori::extract {

ExtractedText xls_text(std::span<const std::byte> workbook,
                       const TextLimits& limits);

}  // namespace mamori::extract
