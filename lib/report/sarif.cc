// SARIF 2.1.0, for code-scanning dashboards in CI: one result per finding,
// notices as tool execution notifications. A result's rule is its detector,
// or "content_match/<YARA rule>" for a content match, so a dashboard ranks
// and filters each content rule apart; rules carry GitHub's
// `security-severity` and `tags`. Archive members are artifacts nested in
// their container (parentIndex), so every content result has a region: the
// first match in the bytes, else the whole object.
#include "common/exit_code.h"
#include "common/json_writer.h"
#include "detect/registry.h"
#include "report/report.h"

#include <fmt/format.h>

#include <map>
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

// The first match in the object's own bytes (a member's offsets count in
// the member, an artifact of its own here); matches in extracted text have
// no byte region.
const detect::MatchEvidence* byte_region(const detect::Finding& f) {
  const detect::ContentEvidence* own = own_object(f);
  if (own == nullptr)
    return nullptr;
  for (const detect::MatchEvidence& m : own->matches) {
    if (m.layer == "bytes")
      return &m;
  }
  return nullptr;
}

// Files and the members inside them, as SARIF artifacts (§3.24): a member
// names its container by parentIndex, its uri relative to it.
class Artifacts {
 public:
  // The index of `location`'s innermost object, adding it and its
  // containers on first sight.
  size_t add(const std::vector<std::string>& location) {
    std::vector<std::string> prefix;
    size_t index = 0;
    for (const std::string& part : location) {
      prefix.push_back(part);
      const auto [it, added] = index_.try_emplace(prefix, entries_.size());
      if (added) {
        const std::optional<size_t> parent =
            prefix.size() > 1 ? std::optional<size_t>(index) : std::nullopt;
        entries_.push_back(
            {prefix.size() == 1 ? to_uri(part) : member_uri(part), parent,
             std::nullopt});
      }
      index = it->second;
    }
    return index;
  }
  void set_length(size_t index, uint64_t length) {
    entries_[index].length = length;
  }
  const std::string& uri(size_t index) const { return entries_[index].uri; }
  bool empty() const { return entries_.empty(); }

  void write(JsonWriter& w) const {
    w.key("artifacts").begin_array();
    for (const Entry& e : entries_) {
      w.begin_object();
      w.key("location").begin_object().field("uri", e.uri).end_object();
      if (e.parent)
        w.field("parentIndex", *e.parent);
      if (e.length)
        w.field("length", *e.length);
      w.end_object();
    }
    w.end_array();
  }

 private:
  // A member path as a relative URI reference: "/" kept, the rest
  // percent-encoded like a path.
  static std::string member_uri(std::string_view name) {
    std::string uri = to_uri(name);
    if (uri.starts_with("file://"))  // a member named "/etc/x" in a tar
      uri = uri.substr(7);
    while (uri.starts_with('/'))
      uri.erase(0, 1);
    return uri;
  }
  struct Entry {
    std::string uri;
    std::optional<size_t> parent;
    std::optional<uint64_t> length;
  };
  std::map<std::vector<std::string>, size_t> index_;
  std::vector<Entry> entries_;
};

// A content result's rule: its first YARA rule under content_match.
std::string rule_id(const detect::Finding& f) {
  if (f.detector == "content_match" && !f.rules.empty())
    return f.detector + "/" + f.rules.front();
  return f.detector;
}

// An object's place: its artifact and a region, the given match or the
// whole object.
void write_object_place(JsonWriter& w, Artifacts& artifacts,
                        const std::vector<std::string>& location,
                        std::optional<uint64_t> size,
                        const detect::MatchEvidence* match) {
  const size_t index = artifacts.add(location);
  if (size)
    artifacts.set_length(index, *size);
  w.key("physicalLocation").begin_object();
  w.key("artifactLocation")
      .begin_object()
      .field("uri", artifacts.uri(index))
      .field("index", index);
  w.end_object();
  if (match != nullptr) {
    w.key("region").begin_object().field("byteOffset", match->offset);
    w.field("byteLength", match->length);
    if (!match->excerpt.empty()) {
      w.key("snippet").begin_object().field("text", match->excerpt);
      w.end_object();
    }
    w.end_object();
  } else if (size) {
    w.key("region").begin_object().field("byteOffset", 0);
    w.field("byteLength", *size).end_object();
  }
  w.end_object();
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

void write_result(JsonWriter& w, Artifacts& artifacts,
                  const detect::Finding& f) {
  w.begin_object();
  w.field("ruleId", rule_id(f)).field("level", sarif_level(f.severity));
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
    write_object_place(w, artifacts, f.location, f.size, byte_region(f));
    if (f.location.size() > 1) {
      w.key("logicalLocations").begin_array();
      for (size_t i = 1; i < f.location.size(); ++i) {
        w.begin_object().field("name", f.location[i]).field("kind", "member");
        w.end_object();
      }
      w.end_array();
    }
    w.end_object().end_array();
    // The matching members of an archive (staged_archive), each a place.
    if (own_object(f) == nullptr && !f.content_evidence.empty()) {
      w.key("relatedLocations").begin_array();
      for (size_t i = 0; i < f.content_evidence.size(); ++i) {
        const detect::ContentEvidence& e = f.content_evidence[i];
        w.begin_object().field("id", i);
        write_object_place(w, artifacts, e.location, e.size, nullptr);
        std::vector<std::string> what = e.assets;
        what.insert(what.end(), e.rules.begin(), e.rules.end());
        std::string text = e.location.back();
        if (!what.empty()) {
          text += " (";
          for (size_t k = 0; k < what.size(); ++k)
            text += (k == 0 ? "" : ", ") + what[k];
          text += ')';
        }
        w.key("message").begin_object().field("text", text).end_object();
        w.end_object();
      }
      w.end_array();
    }
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

// Where a reader of a dashboard learns about the tool: its manual page
// (mamori has no web site; man: is the scheme of systemd's Documentation=).
constexpr std::string_view kInformationUri = "man:mamori(1)";

// GitHub ranks code-scanning alerts by a rule's `security-severity`
// (a CVSS-like 0.0-10.0 string: over 9.0 critical, 7.0 high, 4.0
// medium, else low).
std::string_view security_severity(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "9.5";
    case Severity::kHigh:
      return "8.0";
    case Severity::kMedium:
      return "5.5";
    case Severity::kLow:
      return "3.0";
    default:
      return "0.0";
  }
}

// One rule per ruleId of the results, at the worst severity among them.
void write_rules(JsonWriter& w, const std::vector<detect::Finding>& findings) {
  std::map<std::string, const detect::Finding*> worst;
  for (const detect::Finding& f : findings) {
    const auto [it, added] = worst.try_emplace(rule_id(f), &f);
    if (!added && f.severity > it->second->severity)
      it->second = &f;
  }
  w.key("rules").begin_array();
  for (const auto& [id, f] : worst) {
    const detect::DetectorInfo* info = detect::find_detector(f->detector);
    const std::string detector_text =
        info != nullptr ? std::string(info->description) : f->detector;
    const std::string text =
        id == f->detector
            ? detector_text
            : fmt::format("content matching YARA rule {}", f->rules.front());
    w.begin_object().field("id", id);
    w.key("shortDescription").begin_object().field("text", text).end_object();
    w.key("fullDescription")
        .begin_object()
        .field("text", id == f->detector
                           ? detector_text
                           : fmt::format("{}: {}", detector_text, text))
        .end_object();
    w.key("helpUri").value(kInformationUri);
    w.key("defaultConfiguration")
        .begin_object()
        .field("level", sarif_level(f->severity))
        .end_object();
    w.key("properties").begin_object();
    w.field("security-severity", security_severity(f->severity));
    w.key("tags").begin_array();
    w.value("security").value("exfiltration").value(f->detector);
    w.end_array();
    w.end_object();
    w.end_object();
  }
  w.end_array();
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
  w.field("informationUri", kInformationUri);
  write_rules(w, report.findings);
  w.end_object().end_object();
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
  Artifacts artifacts;
  for (const auto& f : report.findings)
    write_result(w, artifacts, f);
  w.end_array();
  if (!artifacts.empty())
    artifacts.write(w);
  write_suppressed(w, report.summary);
  w.end_object().end_array();
  w.end_object();
  out += '\n';
  return out;
}

}  // namespace mamori::report
