// Format recognition: magic bytes first, then the shape of the first lines.
#include "logs/format_detect.h"

#include "common/text.h"
#include "logs/samba_audit.h"
#include "logs/syslog_header.h"

namespace mamori::logs {

namespace {

constexpr size_t kLinesExamined = 200;

bool contains(std::string_view s, std::string_view what) {
  return s.find(what) != std::string_view::npos;
}

std::string_view detect_json(std::string_view head,
                             const ReadOptions& options) {
  if (contains(head, "\"__REALTIME_TIMESTAMP\"") ||
      contains(head, "\"__CURSOR\"")) {
    return "journal";
  }
  if (contains(head, "admin#reports#activity") ||
      (contains(head, "\"actor\"") && contains(head, "\"events\""))) {
    return "gworkspace";
  }
  if (contains(head, "\"winlog\"") || contains(head, "\"EventID\"") ||
      contains(head, "\"EventId\"") || contains(head, "\"event_id\"")) {
    return "winjson";
  }
  if (contains(head, "\"CreationTime\"") && contains(head, "\"Operation\"")) {
    return "m365";
  }
  if (!options.columns.empty())
    return "jsonl";
  return {};
}

bool is_auditd_line(std::string_view line) {
  if (line.substr(0, 5) == "node=") {
    const size_t space = line.find(' ');
    if (space == std::string_view::npos)
      return false;
    line = line.substr(space + 1);
  }
  return line.substr(0, 5) == "type=" && contains(line, " msg=audit(");
}

}  // namespace

bool is_evtx_head(std::string_view head) {
  return head.substr(0, 8) == std::string_view("ElfFile\0", 8);
}

std::string_view detect_format(std::string_view head,
                               const ReadOptions& options) {
  if (is_evtx_head(head))
    return "evtx";
  if (head.substr(0, 3) == "\xEF\xBB\xBF")
    head.remove_prefix(3);
  const std::string_view start = trim(head.substr(0, 4096));
  if (start.empty())
    return {};
  if (start[0] == '{' || start.substr(0, 2) == "[{" ||
      start.substr(0, 3) == "[\n{" || start.substr(0, 4) == "[\r\n{") {
    return detect_json(head, options);
  }
  if (start.substr(0, 5) == "<?xml" || start.substr(0, 6) == "<Event") {
    return "winxml";
  }
  if (start.substr(0, 20) == "[Device Install Log]" ||
      start.substr(0, 14) == "[Boot Session:" ||
      start.substr(0, 5) == ">>>  ") {
    return "setupapi";
  }
  // Line by line: auditd records, CSV headers, syslog framing.
  LocalClock clock(Zone::utc(), Timestamp{});
  bool framed = false;
  size_t examined = 0;
  std::string_view rest = head;
  while (!rest.empty() && examined < kLinesExamined) {
    const size_t nl = rest.find('\n');
    if (nl == std::string_view::npos && rest.size() == head.size() &&
        head.size() >= (64 << 10)) {
      break;  // one giant first line: nothing to judge
    }
    std::string_view line = rest.substr(0, nl);
    rest =
        nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (trim(line).empty() || line == "----")
      continue;
    ++examined;
    if (is_auditd_line(line) || line.substr(0, 6) == "time->")
      return "auditd";
    if (examined <= 2) {
      if (contains(line, "CreationDate") && contains(line, "AuditData")) {
        return "m365";
      }
    }
    if (line[0] == '[' && line.size() > 20 && line[5] == '/' &&
        line[8] == '/' && is_digit(line[1])) {
      return "samba";  // smbd's debug log header
    }
    SyslogLine s;
    if (parse_syslog_line(line, clock, &s)) {
      framed = true;
      if (s.tag == "smbd_audit" || looks_like_samba_record(s.message)) {
        return "samba";
      }
      continue;
    }
    if (looks_like_samba_record(line))
      return "samba";
  }
  if (framed)
    return "syslog";
  if (!options.columns.empty() &&
      contains(start.substr(0, start.find('\n')), ",")) {
    return "csv";
  }
  return {};
}

}  // namespace mamori::logs
