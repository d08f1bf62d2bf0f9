// SARIF 2.1.0, for code-scanning dashboards in CI: one result per finding
// (ruleId = detector), notices as tool execution notifications.
#include "common/json_writer.h"
#include "report/report.h"

#include <set>

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

// A path as a SARIF artifact URI: absolute paths as file:// URIs with the
// characters RFC 3986 reserves percent-encoded.
std::string to_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = path.starts_with('/') ? "file://" : "";
  for (unsigned char c : path) {
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

void write_result(JsonWriter& w, const detect::Finding& f) {
  w.begin_object();
  w.field("ruleId", f.detector).field("level", sarif_level(f.severity));
  w.key("message").begin_object().field("text", f.title).end_object();
  if (!f.location.empty()) {
    w.key("locations").begin_array().begin_object();
    w.key("physicalLocation").begin_object();
    w.key("artifactLocation")
        .begin_object()
        .field("uri", to_uri(f.location[0]));
    w.end_object().end_object();
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
  w.end_object();
  w.end_object();
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
    w.begin_object().field("id", d).end_object();
  }
  w.end_array().end_object().end_object();
  w.key("invocations").begin_array().begin_object();
  w.field("executionSuccessful", report.summary.exit_code != 2);
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
  w.end_object().end_array();
  w.end_object();
  out += '\n';
  return out;
}

}  // namespace mamori::report
