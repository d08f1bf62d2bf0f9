// JSON Lines report: one object per finding, then per notice, then the
// summary, in the field layout of spec/findings.md; optional fields are left
// out rather than written empty.
#include "common/json_writer.h"
#include "report/report.h"

#include <fmt/format.h>

namespace mamori::report {
namespace {

void write_location(JsonWriter& w, std::string_view key,
                    const std::vector<std::string>& location) {
  if (!location.empty())
    w.string_array(key, location);
}

void write_device(JsonWriter& w, const logs::Device& d) {
  w.key("device").begin_object();
  w.field_if("vendor_id", d.vendor_id).field_if("product_id", d.product_id);
  w.field_if("serial", d.serial).field_if("label", d.label);
  w.field_if("bus", d.bus);
  w.end_object();
}

void write_context(JsonWriter& w, const detect::PersonContext& c) {
  w.key("context").begin_object();
  w.field_if("employment", c.employment).field_if("department", c.department);
  if (c.end_date)
    w.field("end_date", format_date(*c.end_date));
  if (c.days_to_end)
    w.field("days_to_end", *c.days_to_end);
  w.end_object();
}

// spec/findings.md `matches`: what matched, string by string; keyword,
// encoding and excerpt only when known.
void write_matches(JsonWriter& w,
                   const std::vector<detect::MatchEvidence>& matches) {
  w.key("matches").begin_array();
  for (const detect::MatchEvidence& m : matches) {
    w.begin_object();
    w.field("rule", m.rule).field("string", m.string);
    w.field_if("keyword", m.keyword).field_if("encoding", m.encoding);
    w.field("layer", m.layer).field("offset", m.offset);
    w.field("length", m.length);
    w.field_if("excerpt", m.excerpt);
    w.end_object();
  }
  w.end_array();
}

// A finding about one object (content_match, hash_match) carries its
// matches at the top as well, where spec/findings.md lists them.
const detect::ContentEvidence* own_object(const detect::Finding& f) {
  if (f.content_evidence.size() != 1 ||
      f.content_evidence[0].location != f.location ||
      f.content_evidence[0].matches.empty()) {
    return nullptr;
  }
  return &f.content_evidence[0];
}

void write_evidence(JsonWriter& w, const detect::Finding& f) {
  w.key("evidence").begin_array();
  for (const detect::LogEvidence& e : f.log_evidence) {
    w.begin_object();
    w.field_if("source", e.source);
    w.field("time", format_rfc3339(e.time));
    w.field_if("action", e.action).field_if("path", e.path);
    if (e.bytes)
      w.field("bytes", *e.bytes);
    w.end_object();
  }
  for (const detect::ContentEvidence& e : f.content_evidence) {
    w.begin_object();
    write_location(w, "location", e.location);
    w.field_if("detector", e.detector);
    w.string_array("assets", e.assets);
    if (!e.rules.empty())
      w.string_array("rules", e.rules);
    w.field_if("sha256", e.sha256);
    if (!e.sha256.empty())
      w.field("size", e.size);
    if (!e.matches.empty())
      write_matches(w, e.matches);
    if (e.matches_omitted > 0)
      w.field("matches_omitted", e.matches_omitted);
    w.end_object();
  }
  w.end_array();
  w.field("evidence_total", static_cast<uint64_t>(f.evidence_total));
}

}  // namespace

void append_finding_json(std::string& out, const detect::Finding& f) {
  JsonWriter w(out);
  w.begin_object();
  w.field("type", "finding").field("id", f.id).field("detector", f.detector);
  w.field("severity", to_string(f.severity)).field("score", f.score);
  w.field("title", f.title);
  w.string_array("reasons", f.reasons);
  w.string_array("assets", f.assets);
  w.field_if("user", f.user);
  if (!f.rules.empty())
    w.string_array("rules", f.rules);
  write_location(w, "location", f.location);
  w.field_if("sha256", f.sha256);
  if (f.size)
    w.field("size", *f.size);
  if (f.start)
    w.field("start", format_rfc3339(*f.start));
  if (f.end)
    w.field("end", format_rfc3339(*f.end));
  if (f.files)
    w.field("files", *f.files);
  if (f.bytes)
    w.field("bytes", *f.bytes);
  if (f.device)
    write_device(w, *f.device);
  if (f.context)
    write_context(w, *f.context);
  if (const detect::ContentEvidence* own = own_object(f))
    write_matches(w, own->matches);
  write_evidence(w, f);
  if (f.is_new) {
    w.field("new", *f.is_new);
    if (!*f.is_new)
      w.field("first_seen", f.first_seen);
  }
  w.end_object();
}

void append_notice_json(std::string& out, const Notice& n) {
  JsonWriter w(out);
  w.begin_object();
  w.field("type", "notice");
  w.field("level", n.level == Level::kError ? "error" : "warning");
  w.field("code", n.code);
  write_location(w, "location", n.location);
  w.field_if("source", n.source);
  w.field("message", n.message);
  w.end_object();
}

void append_summary_json(std::string& out, const Report& report) {
  const Summary& s = report.summary;
  JsonWriter w(out);
  w.begin_object();
  w.field("type", "summary").field("version", s.version);
  w.field("started", format_rfc3339(s.started));
  w.field("finished", format_rfc3339(s.finished));
  w.field("files_scanned", s.files_scanned);
  w.field("bytes_scanned", s.bytes_scanned);
  w.field("archive_members", s.archive_members);
  w.field("events", s.events);
  w.key("events_by_format").begin_object();
  for (const auto& [format, count] : s.events_by_format)
    w.field(format, count);
  w.end_object();
  w.field("lines_rejected", s.lines_rejected);
  std::map<Severity, uint64_t> by_severity;
  for (const auto& f : report.findings)
    ++by_severity[f.severity];
  w.key("findings").begin_object();
  for (auto it = by_severity.rbegin(); it != by_severity.rend(); ++it) {
    w.field(to_string(it->first), it->second);
  }
  w.end_object();
  std::map<std::string, uint64_t> by_code;
  for (const Notice& n : report.notices)
    ++by_code[n.code];
  w.key("notices").begin_object();
  for (const auto& [code, count] : by_code)
    w.field(code, count);
  w.end_object();
  if (s.state) {
    w.key("state").begin_object();
    w.field("logs_resumed", s.state->logs_resumed);
    w.field("logs_unchanged", s.state->logs_unchanged);
    w.field("files_cached", s.state->files_cached);
    w.field("findings_known", s.state->findings_known);
    w.field("only_new", s.state->only_new);
    w.end_object();
  }
  if (!s.suppressed.empty()) {
    w.key("suppressed").begin_object();
    for (const SuppressedCount& e : s.suppressed)
      w.field(e.label, e.count);
    w.end_object();
  }
  w.field("exit_code", s.exit_code);
  w.end_object();
}

void render_jsonl(const Report& report, const WriteText& write) {
  std::string out;
  out.reserve(2 * kWriteChunk);
  auto line_done = [&] {
    out += '\n';
    if (out.size() >= kWriteChunk) {
      write(out);
      out.clear();
    }
  };
  for (const auto& f : report.findings) {
    append_finding_json(out, f);
    line_done();
  }
  for (const auto& n : report.notices) {
    append_notice_json(out, n);
    line_done();
  }
  append_summary_json(out, report);
  out += '\n';
  write(out);
}

std::string render_jsonl(const Report& report) {
  std::string out;
  render_jsonl(report, [&out](std::string_view text) { out += text; });
  return out;
}

}  // namespace mamori::report
