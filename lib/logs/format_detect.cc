// Format recognition: the head is cut into lines once; each format's
// sniffer (next to its parser) looks for its own marks, and the earliest
// showing wins.
#include "logs/format_detect.h"

#include "common/i18n.h"
#include "common/text.h"
#include "logs/log_formats.h"

namespace mamori::logs {

namespace {

constexpr size_t kLinesExamined = 200;
constexpr size_t kStartBytes = 4096;
constexpr size_t kHeadBytes = 64 << 10;

}  // namespace

LogHead::LogHead(std::string_view head, const ReadOptions& read_options)
    : bytes(head), text(head), options(read_options) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF")
    text.remove_prefix(3);
  start = trim(text.substr(0, kStartBytes));
  if (start.empty())
    return;
  json = start[0] == '{' || start.substr(0, 2) == "[{" ||
         start.substr(0, 3) == "[\n{" || start.substr(0, 4) == "[\r\n{";
  if (json)
    return;
  std::string_view rest = text;
  while (!rest.empty() && lines.size() < kLinesExamined) {
    const size_t nl = rest.find('\n');
    if (nl == std::string_view::npos && rest.size() == text.size() &&
        text.size() >= kHeadBytes) {
      break;  // one giant first line: nothing to judge
    }
    std::string_view line = rest.substr(0, nl);
    rest =
        nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (trim(line).empty() || line == "----")
      continue;
    lines.push_back(line);
  }
}

LogFormat detect_format(std::string_view head_bytes,
                        const ReadOptions& options) {
  const LogHead head(head_bytes, options);
  LogFormat best;
  size_t best_at = 0;
  for (const LogFormatRow& row : log_format_table()) {
    const Sniff at = row.sniff(head);
    if (at && (best.empty() || *at < best_at)) {
      best = row.format;
      best_at = *at;
    }
  }
  return best;
}

const char* unreadable_export_hint(std::string_view head) {
  head = head.substr(0, 4096);
  auto has = [&](std::string_view what) {
    return head.find(what) != std::string_view::npos;
  };
  // Get-WinEvent | ConvertTo-Json: "Id", "ProviderName", and times as
  // "\/Date(ms)\/"; | Export-Csv: its columns as a header.
  if ((has("\"ProviderName\"") && has("\"TimeCreated\"")) ||
      (has("\"Message\",\"Id\",\"Version\"") && has("\"ProviderName\"")))
    return N_(
        "a PowerShell Get-WinEvent export, whose event data has no field "
        "names: give the .evtx, or export with `wevtutil qe LOG /f:xml`");
  // Event Viewer's "Save as CSV": the message text only.
  if (head.starts_with("Level,Date and Time,Source,Event ID") ||
      head.starts_with("\xEF\xBB\xBFLevel,Date and Time,Source,Event ID") ||
      has("\xE3\x83\xAC\xE3\x83\x99\xE3\x83\xAB,"   // レベル,
          "\xE6\x97\xA5\xE4\xBB\x98\xE3\x81\xA8"))  // 日付と
    return N_(
        "an Event Viewer CSV, which keeps only each event's message: give "
        "the .evtx, or save the events as XML");
  return nullptr;
}

}  // namespace mamori::logs
