// A self-contained HTML page for people who receive the report by mail or on
// a share: findings with reasons and evidence, then notices. Everything from
// the input is HTML-escaped; the page loads nothing from outside.
#include "common/text.h"
#include "report/report.h"

#include <fmt/format.h>

namespace mamori::report {
namespace {

std::string esc(std::string_view s) {
  std::string out;
  for (char c : escape_for_display(s)) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_html(const Report& report) {
  std::string out = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>mamori report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}
.critical{color:#fff;background:#b00020}.high{color:#fff;background:#d9534f}.medium{background:#f0ad4e}.low{background:#d9edf7}.info{background:#eee}
.sev{font-weight:bold;padding:.1em .4em;border-radius:3px}ul{margin:.2em 0}code{font-size:12px}
</style></head><body>
<h1>mamori report</h1>
)";
  const Summary& s = report.summary;
  uint64_t suppressed = 0;
  for (const SuppressedCount& e : s.suppressed)
    suppressed += e.count;
  out += fmt::format(
      "<p>{} findings{}; {} files, {} archive members, {} events, {} notices; "
      "finished {}; exit code {}.</p>\n",
      report.findings.size(),
      suppressed == 0 ? "" : fmt::format(" ({} suppressed)", suppressed),
      s.files_scanned, s.archive_members, s.events, report.notices.size(),
      format_rfc3339(s.finished), s.exit_code);
  out +=
      "<table><tr><th>severity</th><th>finding</th><th>reasons and "
      "evidence</th></tr>\n";
  for (const auto& f : report.findings) {
    const auto sev = to_string(f.severity);
    out += fmt::format(
        "<tr><td><span class=\"sev {}\">{} {}</span></td><td><b>{}</b><br>"
        "<code>{} {}</code>{}</td><td><ul>",
        sev, sev, f.score, esc(f.title), esc(f.detector), esc(f.id),
        f.user.empty() ? "" : "<br>user " + esc(f.user));
    for (const auto& r : f.reasons)
      out += "<li>" + esc(r) + "</li>";
    out += "</ul><ul>";
    for (const auto& e : f.log_evidence) {
      out += fmt::format("<li><code>{} {} {} ({})</code></li>",
                         format_rfc3339(e.time), esc(e.action), esc(e.path),
                         esc(e.source));
    }
    for (const auto& e : f.content_evidence) {
      out += fmt::format("<li><code>{}</code>",
                         esc(fmt::format("{}", fmt::join(e.location, " > "))));
      if (!e.matches.empty()) {
        out += "<ul>";
        for (const detect::MatchEvidence& m : e.matches) {
          out +=
              fmt::format("<li><code>{} {}</code>", esc(m.rule), esc(m.string));
          if (!m.keyword.empty())
            out += fmt::format(" &ldquo;{}&rdquo;", esc(m.keyword));
          if (!m.encoding.empty())
            out += fmt::format(" ({})", esc(m.encoding));
          out += fmt::format(" {}@{}", esc(m.layer), m.offset);
          if (!m.excerpt.empty())
            out += fmt::format(": <code>{}</code>", esc(m.excerpt));
          out += "</li>";
        }
        if (e.matches_omitted > 0)
          out += fmt::format("<li>{} more</li>", e.matches_omitted);
        out += "</ul>";
      }
      out += "</li>";
    }
    out +=
        fmt::format("</ul>{} evidence record(s)</td></tr>\n", f.evidence_total);
  }
  out += "</table>\n";
  if (!s.suppressed.empty()) {
    out +=
        "<h2>Suppressed by the config</h2><table><tr><th>findings</th>"
        "<th>entry</th><th>reason</th><th>until</th></tr>\n";
    for (const SuppressedCount& e : s.suppressed) {
      out += fmt::format(
          "<tr><td>{}</td><td><code>{}</code><br>{}</td><td>{}</td>"
          "<td>{}</td></tr>\n",
          e.count, esc(e.label), esc(e.source),
          e.reason.empty() ? "finding id" : esc(e.reason),
          e.expires ? format_date(*e.expires) : "");
    }
    out += "</table>\n";
  }
  if (!report.notices.empty()) {
    out += "<h2>Not fully examined</h2><ul>\n";
    for (const auto& n : report.notices) {
      const std::string where =
          !n.source.empty() ? n.source
                            : fmt::format("{}", fmt::join(n.location, " > "));
      out += fmt::format("<li>{} <code>{}</code> {}: {}</li>\n",
                         n.level == Level::kError ? "error" : "warning",
                         esc(n.code), esc(where), esc(n.message));
    }
    out += "</ul>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace mamori::report
