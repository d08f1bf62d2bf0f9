// Windows .evtx files through libevtx: every record's XML is read into the
// shared Windows event mapping (windows_events.h). A record that libevtx
// cannot read (a damaged chunk) is rejected as "file#record" and the rest
// of the file is still read.
//
// Resynchronisation: libevtx's. Records are reached by index through each
// 64 KiB chunk (header "ElfChnk"), so a record that cannot be read,
// rendered, or has no EventID is one rejected record ("file#N") and the
// next record, or the next chunk, is read as usual; a chunk libevtx cannot
// read at all costs its records only.
#pragma once

#include "logs/format_detect.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"

#include <string>

namespace mamori::logs {

inline constexpr LogFormat kEvtxFormat{"evtx"};

// False with `error` set when the file cannot be opened as EVTX at all.
bool read_evtx_file(const std::string& path, ParseContext& ctx,
                    std::string* error);

// True when the head starts with the EVTX file magic "ElfFile\0".
bool is_evtx_head(std::string_view head);
Sniff sniff_evtx(const LogHead& head);

}  // namespace mamori::logs
