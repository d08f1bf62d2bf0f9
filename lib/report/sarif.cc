// SARIF 2.1.0, for code-scanning dashboards in CI: one result per finding
// (ruleId = detector), notices as tool execution notifications.
#include "common/exit_code.h"
#include "common/json_writer.h"
#include "detect/registry.h"
#include "report/report.h"

#include <optional>
#include <set>
#include <string>
#include <utility>

namespace mamori::report {
namespace {

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::kCritical:
    case Severity::kHigh:
      return "error";
    case Severity::kMedium:
      return "warning";
    default:
      return "note";
  }
}

// A path as a SARIF artifact URI: absolute paths as file:// URIs
// ("C:/x" as "file:///C:/x") with the characters RFC 3986 reserves
// percent-encoded.
std::string to_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  if (path.starts_with('/')) {
    out = "file://";
  } else if (path.size() > 2 && path[1] == ':' && path[2] == '/' &&
             ((path[0] >= 'A' && path[0] <= 'Z') ||
              (path[0] >= 'a' && path[0] <= 'z'))) {
    out = "file:///";
    out += path.substr(0, 2);
    path.remove_prefix(2);
  }
  for (const char byte : path) {
    const auto c = static_cast<unsigned char>(byte);
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                       (c >= '0' && c <= '9') || c == '/' || c == '-' ||
                       c == '.' || c == '_' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

// A log record's place: "file:line" as a URI and a line, "file#record" as
// a URI alone (SARIF regions count lines, not records).
void write_log_place(JsonWriter& w, const std::string& source) {
  std::string_view file = source;
  std::optional<uint64_t> line;
  if (const size_t colon = source.rfind(':');
      colon != std::string::npos && colon + 1 < source.size() &&
      source.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
    file = std::string_view(source).substr(0, colon);
    line = std::stoull(source.substr(colon + 1));
  } else if (const size_t hash = source.rfind('#'); hash != std::string::npos) {
    file = std::string_view(source).substr(0, hash);
  }
  w.key("physicalLocation").begin_object();
  w.key("artifactLocation").begin_object().field("uri", to_uri(file));
  w.end_object();
  if (line && *line > 0) {
    w.key("region").begin_object().field("startLine", *line).end_object();
  }
  w.end_object();
}

// The matches of a finding about one object (content_match, hash_match).
const detect::ContentEvidence* own_object(const detect::Finding& f) {
  if (f.content_evidence.size() != 1 ||
      f.content_evidence[0].location != f.location) {
    return nullptr;
  }
  return &f.content_evidence[0];
}

// The first match in the bytes of a file on disk: a region of that
// artifact. A member's offsets are not offsets of any file SARIF can name.
const detect::MatchEvidence* file_region(const detect::Finding& f) {
  const detect::ContentEvidence* own = own_object(f);
  if (own == nullptr || f.location.size() != 1)
    return nullptr;
  for (const detect::MatchEvidence& m : own->matches) {
    if (m.layer == "bytes")
      return &m;
  }
  return nullptr;
}

void write_match_properties(JsonWriter& w, const detect::Finding& f) {
  const detect::ContentEvidence* own = own_object(f);
  if (own == nullptr || own->matches.empty())
    return;
  w.key("matches").begin_array();
  for (const detect::MatchEvidence& m : own->matches) {
    w.begin_object().field("rule", m.rule).field("string", m.string);
    w.field_if("keyword", m.keyword).field_if("encoding", m.encoding);
    w.field("layer", m.layer).field("offset", m.offset);
    w.field("length", m.length).field_if("excerpt", m.excerpt);
    w.end_object();
  }
  w.end_array();
}

void write_result(JsonWriter& w, const detect::Finding& f) {
  w.begin_object();
  w.field("ruleId", f.detector).field("level", sarif_level(f.severity));
  w.key("message").begin_object().field("text", f.title).end_object();
  if (f.location.empty() && !f.log_evidence.empty()) {
    // A log finding points at its first record; every record of the
    // evidence is a related location.
    w.key("locations").begin_array().begin_object();
    write_log_place(w, f.log_evidence.front().source);
    w.end_object().end_array();
    w.key("relatedLocations").begin_array();
    for (size_t i = 0; i < f.log_evidence.size(); ++i) {
      const detect::LogEvidence& e = f.log_evidence[i];
      w.begin_object().field("id", i);
      write_log_place(w, e.source);
      w.key("message")
          .begin_object()
          .field("text", format_rfc3339(e.time) + " " + e.action + " " + e.path)
          .end_object();
      w.end_object();
    }
    w.end_array();
  }
  if (!f.location.empty()) {
    w.key("locations").begin_array().begin_object();
    w.key("physicalLocation").begin_object();
    w.key("artifactLocation")
        .begin_object()
        .field("uri", to_uri(f.location[0]));
    w.end_object();
    if (const detect::MatchEvidence* m = file_region(f)) {
      w.key("region").begin_object().field("byteOffset", m->offset);
      w.field("byteLength", m->length);
      if (!m->excerpt.empty()) {
        w.key("snippet").begin_object().field("text", m->excerpt);
        w.end_object();
      }
      w.end_object();
    }
    w.end_object();
    if (f.location.size() > 1) {
      w.key("logicalLocations").begin_array();
      for (size_t i = 1; i < f.location.size(); ++i) {
        w.begin_object().field("name", f.location[i]).field("kind", "member");
        w.end_object();
      }
      w.end_array();
    }
    w.end_object().end_array();
  }
  w.key("partialFingerprints").begin_object().field("mamori/v1", f.id);
  w.end_object();
  w.key("properties").begin_object();
  w.field("severity", to_string(f.severity)).field("score", f.score);
  w.string_array("reasons", f.reasons).string_array("assets", f.assets);
  w.field_if("user", f.user);
  if (!f.rules.empty())
    w.string_array("rules", f.rules);
  w.field_if("sha256", f.sha256);
  write_match_properties(w, f);
  w.end_object();
  w.end_object();
}

// The config's `suppress` entries that held findings back, as run
// properties: the results are gone, the count and the reason stay.
void write_suppressed(JsonWriter& w, const Summary& s) {
  if (s.suppressed.empty())
    return;
  w.key("properties").begin_object().key("suppressed").begin_array();
  for (const SuppressedCount& e : s.suppressed) {
    w.begin_object().field("label", e.label).field("count", e.count);
    w.field_if("reason", e.reason);
    if (e.expires)
      w.field("expires", format_date(*e.expires));
    w.field_if("source", e.source);
    w.end_object();
  }
  w.end_array().end_object();
}

}  // namespace

std::string render_sarif(const Report& report) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  w.field("version", "2.1.0");
  w.key("runs").begin_array().begin_object();
  w.key("tool").begin_object().key("driver").begin_object();
  w.field("name", "mamori").field("version", report.summary.version);
  w.key("rules").begin_array();
  std::set<std::string> detectors;
  for (const auto& f : report.findings)
    detectors.insert(f.detector);
  for (const std::string& d : detectors) {
    w.begin_object().field("id", d);
    if (const detect::DetectorInfo* info = detect::find_detector(d)) {
      w.key("shortDescription").begin_object().field("text", info->description);
      w.end_object();
    }
    w.end_object();
  }
  w.end_array().end_object().end_object();
  w.key("invocations").begin_array().begin_object();
  w.field("executionSuccessful", report.summary.exit_code != kExitUsage);
  w.field("exitCode", report.summary.exit_code);
  w.key("toolExecutionNotifications").begin_array();
  for (const Notice& n : report.notices) {
    w.begin_object();
    w.field("level", n.level == Level::kError ? "error" : "warning");
    std::string where = n.source;
    for (const std::string& part : n.location) {
      where += (where.empty() ? "" : " > ") + part;
    }
    w.key("message").begin_object().field("text", where + ": " + n.message);
    w.end_object();
    w.key("descriptor").begin_object().field("id", n.code).end_object();
    w.end_object();
  }
  w.end_array().end_object().end_array();
  w.key("results").begin_array();
  for (const auto& f : report.findings)
    write_result(w, f);
  w.end_array();
  write_suppressed(w, report.summary);
  w.end_object().end_array();
  w.end_object();
  out += '\n';
  return out;
}

}  // namespace mamori::report
