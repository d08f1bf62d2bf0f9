// Format recognition: the head is cut into lines once; each sniffer looks
// for its own format's marks (magic bytes, JSON keys, the shape of a line).
#include "logs/format_detect.h"

#include "common/text.h"
#include "logs/local_clock.h"
#include "logs/log_formats.h"
#include "logs/samba_audit.h"
#include "logs/syslog_header.h"

namespace mamori::logs {

namespace {

constexpr size_t kLinesExamined = 200;
constexpr size_t kStartBytes = 4096;
constexpr size_t kHeadBytes = 64 << 10;

bool is_auditd_line(std::string_view line) {
  if (line.substr(0, 5) == "node=") {
    const size_t space = line.find(' ');
    if (space == std::string_view::npos)
      return false;
    line = line.substr(space + 1);
  }
  return line.substr(0, 5) == "type=" &&
         line.find(" msg=audit(") != std::string_view::npos;
}

// smbd's own debug log: "[2026/09/23 22:02:29.216096,  1] ...".
bool is_smbd_log_header(std::string_view line) {
  return line[0] == '[' && line.size() > 20 && line[5] == '/' &&
         line[8] == '/' && is_digit(line[1]);
}

// The first line (1-based index) for which `shows` is true.
template <typename Pred>
Sniff first_line(const LogHead& head, Pred shows) {
  for (size_t i = 0; i < head.lines.size(); ++i) {
    if (shows(head.lines[i]))
      return at_line(i);
  }
  return std::nullopt;
}

Sniff at_start_if(bool yes) {
  return yes ? Sniff(kAtStart) : std::nullopt;
}

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

bool is_evtx_head(std::string_view head) {
  return head.substr(0, 8) == std::string_view("ElfFile\0", 8);
}

Sniff sniff_evtx(const LogHead& head) {
  return at_start_if(is_evtx_head(head.bytes));
}

Sniff sniff_winxml(const LogHead& head) {
  return at_start_if(head.start.substr(0, 5) == "<?xml" ||
                     head.start.substr(0, 6) == "<Event");
}

Sniff sniff_setupapi(const LogHead& head) {
  return at_start_if(head.start.substr(0, 20) == "[Device Install Log]" ||
                     head.start.substr(0, 14) == "[Boot Session:" ||
                     head.start.substr(0, 5) == ">>>  ");
}

Sniff sniff_auditd(const LogHead& head) {
  return first_line(head, [](std::string_view line) {
    return is_auditd_line(line) || line.substr(0, 6) == "time->";
  });
}

Sniff sniff_journal(const LogHead& head) {
  return at_start_if(head.json && (head.contains("\"__REALTIME_TIMESTAMP\"") ||
                                   head.contains("\"__CURSOR\"")));
}

Sniff sniff_gworkspace(const LogHead& head) {
  return at_start_if(head.json && (head.contains("admin#reports#activity") ||
                                   (head.contains("\"actor\"") &&
                                    head.contains("\"events\""))));
}

Sniff sniff_winjson(const LogHead& head) {
  return at_start_if(head.json && (head.contains("\"winlog\"") ||
                                   head.contains("\"EventID\"") ||
                                   head.contains("\"EventId\"") ||
                                   head.contains("\"event_id\"")));
}

Sniff sniff_m365(const LogHead& head) {
  // AuditData JSON lines, or the CSV export's header in the first two lines.
  if (head.json) {
    return at_start_if(head.contains("\"CreationTime\"") &&
                       head.contains("\"Operation\""));
  }
  for (size_t i = 0; i < head.lines.size() && i < 2; ++i) {
    const std::string_view line = head.lines[i];
    if (line.find("CreationDate") != std::string_view::npos &&
        line.find("AuditData") != std::string_view::npos) {
      return at_line(i);
    }
  }
  return std::nullopt;
}

Sniff sniff_samba(const LogHead& head) {
  LocalClock clock(Zone::utc(), Timestamp{});
  return first_line(head, [&](std::string_view line) {
    if (is_smbd_log_header(line))
      return true;
    SyslogLine s;
    if (parse_syslog_line(line, clock, &s))
      return s.tag == "smbd_audit" || looks_like_samba_record(s.message);
    return looks_like_samba_record(line);
  });
}

Sniff sniff_syslog(const LogHead& head) {
  LocalClock clock(Zone::utc(), Timestamp{});
  SyslogLine s;
  const bool framed = first_line(head, [&](std::string_view line) {
                        return parse_syslog_line(line, clock, &s);
                      }).has_value();
  return framed ? Sniff(kWeak) : std::nullopt;
}

Sniff sniff_csv(const LogHead& head) {
  const std::string_view first = head.start.substr(0, head.start.find('\n'));
  const bool fits = !head.json && !head.options.columns.empty() &&
                    first.find(',') != std::string_view::npos;
  return fits ? Sniff(kWeak) : std::nullopt;
}

Sniff sniff_jsonl(const LogHead& head) {
  return at_start_if(head.json && !head.options.columns.empty());
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

}  // namespace mamori::logs
