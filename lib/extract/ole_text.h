// The text of a legacy Office file, a Compound File Binary container
// ([MS-CFB]): the whole file is given, since the text sits in named
// streams (an xls's "Workbook") that only the container's directory can
// find. The file is opened with content::OleFile (reassembly with every
// chain bounded) and the extractor chosen by which streams exist; the
// container's own member walk (content/ole_members.h) still examines the
// streams' bytes, so this layer adds what a person reads and nothing else.
// Formats read: Word (doc_text, "WordDocument" and its table stream),
// PowerPoint (ppt_text, "PowerPoint Document"), Excel (xls_text). Outlook
// .msg streams are not read here yet (their UTF-16 runs reach rules
// through the examiner's utf16_text).
#pragma once

#include "extract/text_limits.h"

#include <cstddef>
#include <span>

namespace mamori::extract {

// True when `data` starts with the compound file signature.
bool is_compound_file(std::span<const std::byte> data);

ExtractedText ole_text(std::span<const std::byte> data,
                       const TextLimits& limits);

}  // namespace mamori::extract
