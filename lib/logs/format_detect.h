// Recognising a log's format from its first bytes (when no FORMAT: is
// given). Only content counts, never the file name. The head is cut
// once into a LogHead; each format's sniffer (a column of the format table,
// log_formats.h) says where in it the format first shows, and the earliest
// showing wins, ties going to the earlier row of the table.
#pragma once

#include "logs/log_format.h"
#include "logs/log_reader.h"

#include <cstddef>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

namespace mamori::logs {

// The first block of a log (up to 64 KiB, decompressed), cut once for all
// the sniffers.
struct LogHead {
  explicit LogHead(std::string_view head, const ReadOptions& options);

  std::string_view bytes;  // as read
  std::string_view text;   // without a UTF-8 byte order mark
  std::string_view start;  // the first 4 KiB of text, trimmed
  // The text starts like JSON: an object, or an array of objects. Then
  // `lines` is empty (only JSON formats apply).
  bool json = false;
  // The first 200 non-blank lines ("----" separators and CR left out),
  // unless the text is JSON or one line fills all 64 KiB.
  std::vector<std::string_view> lines;
  const ReadOptions& options;

  bool contains(std::string_view what) const {
    return text.find(what) != std::string_view::npos;
  }
};

// Where a format shows in a head: kAtStart when the head's start decides
// it (magic bytes, a JSON key, an XML prolog), 1 + the index in
// LogHead::lines of the first line that shows it, or kWeak when the format
// only fits as a last resort (syslog framing without a known program, CSV
// with a column mapping). No value: not this format.
using Sniff = std::optional<size_t>;
inline constexpr size_t kAtStart = 0;
inline constexpr size_t kWeak = std::numeric_limits<size_t>::max();
inline constexpr Sniff at_line(size_t index) {
  return index + 1;
}

// The format of the head, or an empty LogFormat when it fits none.
LogFormat detect_format(std::string_view head, const ReadOptions& options);

// For a head in no format: what it is when it is a known export that
// mamori cannot read, and how to export the same events readably (an
// English message id, for tr()); nullptr otherwise. PowerShell's
// Get-WinEvent exports keep an event's data as a list of values with no
// names, Event Viewer's CSV only its localised message.
const char* unreadable_export_hint(std::string_view head);

// Helpers for sniffers: kAtStart when `yes`; the first line that `shows`.
inline Sniff at_start_if(bool yes) {
  return yes ? Sniff(kAtStart) : std::nullopt;
}
template <typename Pred>
Sniff first_line(const LogHead& head, Pred shows) {
  for (size_t i = 0; i < head.lines.size(); ++i) {
    if (shows(head.lines[i]))
      return at_line(i);
  }
  return std::nullopt;
}

}  // namespace mamori::logs
