// The text report for people: the people concerned, worst first, each with
// their roster context and findings (reasons and at most five evidence
// records, times in the --tz zone), then the findings about no one in
// particular (media, shares), notices and the summary line; colour only
// when asked. Text from the inputs passes through escape_for_display;
// columns are aligned by display width (East Asian wide characters count
// two).
#include "common/text.h"

#include "report/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

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

void render_finding(std::string& out, const detect::Finding& f, bool color,
                    const Zone& zone) {
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
        fmt::format("      {} {} {} {}\n", format_local(e.time, zone), e.action,
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

// The findings about one person, in report order (worst first).
struct Person {
  std::string user;
  std::vector<const detect::Finding*> findings;
  const detect::PersonContext* context = nullptr;
};

// People ranked by their worst finding: severity, then score, then name.
std::vector<Person> people_of(const std::vector<detect::Finding>& findings) {
  std::vector<Person> people;
  std::map<std::string, size_t> index;
  for (const detect::Finding& f : findings) {
    if (f.user.empty())
      continue;
    const auto [it, added] = index.try_emplace(f.user, people.size());
    if (added)
      people.push_back({f.user, {}, nullptr});
    Person& p = people[it->second];
    p.findings.push_back(&f);
    if (p.context == nullptr && f.context)
      p.context = &*f.context;
  }
  // Findings come sorted worst first, so a person's first is their worst.
  std::stable_sort(people.begin(), people.end(),
                   [](const Person& a, const Person& b) {
                     const detect::Finding& x = *a.findings.front();
                     const detect::Finding& y = *b.findings.front();
                     if (x.severity != y.severity)
                       return x.severity > y.severity;
                     return x.score > y.score;
                   });
  return people;
}

std::string context_text(const detect::PersonContext* c) {
  if (c == nullptr)
    return "not in the roster";
  std::vector<std::string> parts;
  if (!c->employment.empty())
    parts.push_back(escape_for_display(c->employment));
  if (!c->department.empty())
    parts.push_back(escape_for_display(c->department));
  if (c->end_date) {
    std::string end = "ends " + format_date(*c->end_date);
    if (c->days_to_end) {
      const int d = *c->days_to_end;
      end += d > 0    ? fmt::format(" (in {} day{})", d, d == 1 ? "" : "s")
             : d == 0 ? std::string(" (today)")
                      : fmt::format(" ({} day{} ago)", -d, d == -1 ? "" : "s");
    }
    parts.push_back(end);
  }
  return parts.empty() ? std::string("in the roster")
                       : fmt::format("{}", fmt::join(parts, ", "));
}

// A table of the people concerned, aligned however wide their names.
void render_people(std::string& out, const std::vector<Person>& people,
                   bool color) {
  size_t name_width = 6;
  for (const Person& p : people)
    name_width =
        std::max(name_width, display_width(escape_for_display(p.user)));
  out +=
      fmt::format("{}  {:<8}  {:>8}  {}\n", pad_to_width("person", name_width),
                  "worst", "findings", "roster");
  for (const Person& p : people) {
    const Severity worst = p.findings.front()->severity;
    std::string sev = fmt::format("{:<8}", upper(to_string(worst)));
    if (color)
      sev = fmt::format("{}{}\x1b[0m", colour_of(worst), sev);
    out += fmt::format("{}  {}  {:>8}  {}\n",
                       pad_to_width(escape_for_display(p.user), name_width),
                       sev, p.findings.size(), context_text(p.context));
  }
  out += '\n';
}

std::string person_heading(const Person& p) {
  return fmt::format("== {} — {}\n\n", escape_for_display(p.user),
                     context_text(p.context));
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

std::string render_text(const Report& report, bool color, const Zone& zone) {
  std::string out;
  const std::vector<Person> people = people_of(report.findings);
  if (!people.empty())
    render_people(out, people, color);
  for (const Person& p : people) {
    out += person_heading(p);
    for (const detect::Finding* f : p.findings)
      render_finding(out, *f, color, zone);
  }
  bool about_no_one = false;
  for (const auto& f : report.findings) {
    if (!f.user.empty())
      continue;
    if (!about_no_one && !people.empty())
      out += "== files and media\n\n";
    about_no_one = true;
    render_finding(out, f, color, zone);
  }
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
