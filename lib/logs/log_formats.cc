// The rows of the format table. The order is the detection order: where two
// formats show at the same place of a head, the earlier row wins (auditd
// before the M365 CSV header before Samba on one line; journal, Google
// Workspace and Windows JSON keys before M365's; syslog framing before a
// mapped CSV).
#include "logs/log_formats.h"

#include "common/i18n.h"
#include "logs/auditd_parser.h"
#include "logs/eslogger_parser.h"
#include "logs/evtx_reader.h"
#include "logs/gworkspace_parser.h"
#include "logs/journal_parser.h"
#include "logs/m365_parser.h"
#include "logs/mapped_parser.h"
#include "logs/samba_audit.h"
#include "logs/setupapi_parser.h"
#include "logs/syslog_parser.h"
#include "logs/win_xml.h"
#include "logs/winjson_parser.h"

#include <fmt/format.h>

namespace mamori::logs {

namespace {

// clang-format off
constexpr LogFormatRow kFormats[] = {
  {kEvtxFormat, sniff_evtx, nullptr, read_evtx_file,
   N_("Windows .evtx event log files")},
  {kWinxmlFormat, sniff_winxml, make_winxml_parser, nullptr,
   N_("Windows events as XML (wevtutil qe /f:xml, Event Viewer \"Save as XML\")")},
  {kSetupapiFormat, sniff_setupapi, make_setupapi_parser, nullptr,
   N_("C:\\Windows\\INF\\setupapi.dev.log (USB storage installs)")},
  {kAuditdFormat, sniff_auditd, make_auditd_parser, nullptr,
   N_("Linux audit log, raw or enriched")},
  {kJournalFormat, sniff_journal, make_journal_parser, nullptr,
   N_("journalctl -o json (kernel USB, udisks2 and Samba messages)")},
  {kGworkspaceFormat, sniff_gworkspace, make_gworkspace_parser, nullptr,
   N_("Google Workspace Drive audit (Reports API JSON)")},
  {kWinjsonFormat, sniff_winjson, make_winjson_parser, nullptr,
   N_("Windows events as JSON lines (Winlogbeat, NXLog, Azure WindowsEvent)")},
  {kM365Format, sniff_m365, make_m365_parser, nullptr,
   N_("Microsoft 365 unified audit log (CSV export or AuditData JSON)")},
  {kEsloggerFormat, sniff_eslogger, make_eslogger_parser, nullptr,
   N_("macOS Endpoint Security events from eslogger (JSON Lines)")},
  {kSambaFormat, sniff_samba, make_syslog_parser, nullptr,
   N_("Samba vfs_full_audit, through syslog or smbd's own log")},
  {kSyslogFormat, sniff_syslog, make_syslog_parser, nullptr,
   N_("Linux kernel USB and udisks2 messages in syslog")},
  {kCsvFormat, sniff_csv, make_mapped_csv_parser, nullptr,
   N_("any CSV log, through the [columns] mapping of the config")},
  {kJsonlFormat, sniff_jsonl, make_mapped_jsonl_parser, nullptr,
   N_("any JSON Lines log, through the [columns] mapping of the config")},
};
// clang-format on

}  // namespace

std::span<const LogFormatRow> log_format_table() {
  return kFormats;
}

const LogFormatRow* find_log_format(std::string_view name) {
  for (const LogFormatRow& row : kFormats) {
    if (row.format.name() == name)
      return &row;
  }
  return nullptr;
}

const LogFormatRow* log_format_row(LogFormat format) {
  return format.empty() ? nullptr : find_log_format(format.name());
}

LogSpec split_log_spec(std::string_view spec) {
  const size_t colon = spec.find(':');
  if (colon != std::string_view::npos) {
    if (const LogFormatRow* row = find_log_format(spec.substr(0, colon)))
      return {row->format, spec.substr(colon + 1)};
  }
  return {{}, spec};
}

std::string describe_log_formats(size_t indent) {
  size_t width = 0;
  for (const LogFormatRow& row : kFormats)
    width = std::max(width, row.format.name().size());
  std::string out;
  for (const LogFormatRow& row : kFormats) {
    out += fmt::format("{:{}}{:<{}}  {}\n", "", indent, row.format.name(),
                       width, tr(std::string(row.description).c_str()));
  }
  return out;
}

}  // namespace mamori::logs
