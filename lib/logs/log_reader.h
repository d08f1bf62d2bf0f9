// Reading logs: format detection from content, transparent decompression,
// streaming line by line, one parser per format (spec/inputs.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "common/time.h"
#include "logs/event.h"

namespace mamori::logs {

struct ReadOptions {
  Zone zone = Zone::utc();  // for timestamps that carry no offset
  std::optional<Timestamp> since;
  std::optional<Timestamp> until;
  std::string samba_prefix;  // e.g. "%u|%I|%m|%S"; empty: detect
};

struct ReadStats {
  uint64_t events = 0;
  uint64_t lines_rejected = 0;
  std::map<std::string, uint64_t> events_by_format;
  void merge(const ReadStats& other);
};

// The format names of spec/inputs.md.
const std::vector<std::string_view>& format_names();

// Reads one log given as "FILE", "FORMAT:FILE" or "-" (standard input),
// calling `sink` for each event inside [since, until]. A file that cannot be
// read or is in no known format is an error notice and returns false;
// rejected lines are counted in `stats` and the first few reported as
// warning notices with "file:line".
bool read_log(std::string_view spec, const ReadOptions& options,
              Diagnostics& diag, ReadStats& stats, const EventSink& sink);

}  // namespace mamori::logs
