// The text report for people: each finding with its reasons and at most
// five evidence records, then notices and the summary line; colour only when
// asked. Text from the inputs passes through escape_for_display.
#include "common/text.h"

#include "report/report.h"

#include <fmt/format.h>

#include <algorithm>

namespace mamori::report {
namespace {

constexpr size_t kEvidenceShown = 5;
constexpr size_t kMatchesShown = 3;  // per evidence record

std::string_view colour_of(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "\x1b[1;31m";
    case Severity::kHigh:
      return "\x1b[31m";
    case Severity::kMedium:
      return "\x1b[33m";
    case Severity::kLow:
      return "\x1b[36m";
    case Severity::kInfo:
      return "\x1b[2m";
  }
  return "";
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return out;
}

std::string join_display(const std::vector<std::string>& parts,
                         std::string_view sep) {
  return escape_for_display(fmt::format("{}", fmt::join(parts, sep)));
}

// What matched in one object, a line per string match:
// `asset_x_keywords $k0_cp932 "非球面研磨" (CP932) bytes@128: …excerpt…`.
void render_matches(std::string& out, const detect::ContentEvidence& e) {
  const size_t shown = std::min(e.matches.size(), kMatchesShown);
  for (size_t i = 0; i < shown; ++i) {
    const detect::MatchEvidence& m = e.matches[i];
    std::string line = fmt::format("        {} {}", escape_for_display(m.rule),
                                   escape_for_display(m.string));
    if (!m.keyword.empty())
      line += fmt::format(" \"{}\"", escape_for_display(m.keyword));
    if (!m.encoding.empty())
      line += fmt::format(" ({})", escape_for_display(m.encoding));
    line += fmt::format(" {}@{}", m.layer, m.offset);
    if (!m.excerpt.empty())
      line += fmt::format(": {}", escape_for_display(m.excerpt));
    out += line + '\n';
  }
  const uint64_t more = e.matches_omitted + (e.matches.size() - shown);
  if (more > 0) {
    out += fmt::format("        ... {} more match{}\n", more,
                       more == 1 ? "" : "es");
  }
}

void render_finding(std::string& out, const detect::Finding& f, bool color) {
  const std::string sev = fmt::format("{:<8}", upper(to_string(f.severity)));
  if (color) {
    out += fmt::format("{}{}\x1b[0m", colour_of(f.severity), sev);
  } else {
    out += sev;
  }
  out += fmt::format(" {:>3}  {}  {}\n", f.score, f.detector,
                     escape_for_display(f.title));
  for (const std::string& r : f.reasons) {
    out += fmt::format("      - {}\n", escape_for_display(r));
  }
  if (!f.location.empty()) {
    out += fmt::format("      at {}\n", join_display(f.location, " > "));
  }
  if (!f.sha256.empty())
    out += fmt::format("      sha256 {}\n", f.sha256);
  // What `suppress` takes to hold this finding back.
  out += fmt::format("      id {}\n", f.id);
  size_t shown = 0;
  for (const auto& e : f.log_evidence) {
    if (shown++ == kEvidenceShown)
      break;
    out +=
        fmt::format("      {} {} {} {}\n", format_rfc3339(e.time), e.action,
                    escape_for_display(e.path), escape_for_display(e.source));
  }
  for (const auto& e : f.content_evidence) {
    if (shown++ == kEvidenceShown)
      break;
    out +=
        fmt::format("      {} ({})\n", join_display(e.location, " > "),
                    join_display(e.rules.empty() ? e.assets : e.rules, ", "));
    render_matches(out, e);
  }
  if (f.evidence_total > std::min(shown, kEvidenceShown)) {
    out += fmt::format("      ... {} more\n",
                       f.evidence_total - std::min(shown, kEvidenceShown));
  }
  out += '\n';
}

// What the config's `suppress` entries held back, each with its reason, so
// that nothing leaves the report without a line saying who decided it.
void render_suppressed(std::string& out, const Summary& s) {
  if (s.suppressed.empty())
    return;
  out += "suppressed by the config:\n";
  for (const SuppressedCount& e : s.suppressed) {
    if (e.reason.empty()) {
      out += fmt::format("  {:>5}  {} (finding id; {})\n", e.count,
                         escape_for_display(e.label),
                         escape_for_display(e.source));
    } else {
      out +=
          fmt::format("  {:>5}  {}: {} (until {}; {})\n", e.count,
                      escape_for_display(e.label), escape_for_display(e.reason),
                      e.expires ? format_date(*e.expires) : "-",
                      escape_for_display(e.source));
    }
  }
  out += '\n';
}

}  // namespace

std::string summary_line(const Report& report) {
  const Summary& s = report.summary;
  std::map<Severity, size_t> counts;
  for (const auto& f : report.findings)
    ++counts[f.severity];
  std::string by_severity;
  for (auto it = counts.rbegin(); it != counts.rend(); ++it) {
    by_severity += fmt::format("{}{} {}", by_severity.empty() ? "" : ", ",
                               it->second, to_string(it->first));
  }
  uint64_t suppressed = 0;
  for (const SuppressedCount& e : s.suppressed)
    suppressed += e.count;
  return fmt::format(
      "{} finding{}{}{}; {} file{} ({}), {} archive member{}, {} event{} "
      "({} line{} rejected), {} notice{}",
      report.findings.size(), report.findings.size() == 1 ? "" : "s",
      by_severity.empty() ? "" : " (" + by_severity + ")",
      suppressed == 0 ? "" : fmt::format(", {} suppressed", suppressed),
      s.files_scanned, s.files_scanned == 1 ? "" : "s",
      human_bytes(s.bytes_scanned), s.archive_members,
      s.archive_members == 1 ? "" : "s", s.events, s.events == 1 ? "" : "s",
      s.lines_rejected, s.lines_rejected == 1 ? "" : "s", report.notices.size(),
      report.notices.size() == 1 ? "" : "s");
}

std::string notice_line(const Notice& n) {
  const std::string where = !n.source.empty() ? escape_for_display(n.source)
                                              : join_display(n.location, " > ");
  return fmt::format("{}: {}: {}: {}",
                     n.level == Level::kError ? "error" : "warning", n.code,
                     where, escape_for_display(n.message));
}

std::string render_text(const Report& report, bool color) {
  std::string out;
  for (const auto& f : report.findings)
    render_finding(out, f, color);
  for (const auto& n : report.notices) {
    out += notice_line(n);
    out += '\n';
  }
  if (!report.notices.empty())
    out += '\n';
  render_suppressed(out, report.summary);
  out += summary_line(report);
  out += '\n';
  return out;
}

}  // namespace mamori::report
