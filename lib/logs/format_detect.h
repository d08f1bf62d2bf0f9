// Recognising a log's format from its first bytes (spec/inputs.md: no
// FORMAT: given). Only content counts, never the file name.
#pragma once

#include "logs/log_reader.h"

#include <string_view>

namespace mamori::logs {

// The format name of spec/inputs.md, or "" when the head fits none.
// `head` is the first block of the (decompressed) data, up to 64 KiB.
std::string_view detect_format(std::string_view head,
                               const ReadOptions& options);

// True when the head starts with the EVTX file magic "ElfFile\0".
bool is_evtx_head(std::string_view head);

}  // namespace mamori::logs
