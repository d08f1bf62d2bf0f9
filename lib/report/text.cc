// The text report for people: the people concerned, worst first, each with
// their roster context and findings (reasons and at most five evidence
// records, times in the --tz zone), then the findings about no one in
// particular (media, shares), notices and the summary line; colour only
// when asked. Text from the inputs passes through escape_for_display;
// columns are aligned by display width (East Asian wide characters count
// two).
#include "common/text.h"

#include "common/i18n.h"
#include "people/roster.h"
#include "report/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
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
    line += fmt::format(" {}@{}", tr(m.layer.c_str()), m.offset);
    if (!m.excerpt.empty())
      line += fmt::format(": {}", escape_for_display(m.excerpt));
    out += line + '\n';
  }
  const uint64_t more = e.matches_omitted + (e.matches.size() - shown);
  if (more > 0) {
    out += "        " +
           trnf("... {count} more match", "... {count} more matches", more,
                fmt::arg("count", more)) +
           '\n';
  }
}

void render_finding(std::string& out, const detect::Finding& f, bool color,
                    const Zone& zone) {
  const std::string sev = pad_to_width(severity_label(f.severity), 8);
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
    out +=
        "      " +
        trf("at {place}", fmt::arg("place", join_display(f.location, " > "))) +
        '\n';
  }
  if (!f.sha256.empty())
    out += fmt::format("      sha256 {}\n", f.sha256);
  // What `suppress` takes to hold this finding back.
  out += fmt::format("      id {}\n", f.id);
  size_t shown = 0;
  for (const auto& e : f.log_evidence) {
    if (shown++ == kEvidenceShown)
      break;
    out += fmt::format("      {} {} {} {}\n", format_local(e.time, zone),
                       action_text(e.action), escape_for_display(e.path),
                       escape_for_display(e.source));
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
    const uint64_t more = f.evidence_total - std::min(shown, kEvidenceShown);
    out += "      " +
           trnf("... {count} more record", "... {count} more records", more,
                fmt::arg("count", more)) +
           '\n';
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
    return tr("not in the roster");
  std::vector<std::string> parts;
  if (!c->employment.empty())
    parts.push_back(escape_for_display(employment_text(c->employment)));
  if (!c->department.empty())
    parts.push_back(escape_for_display(c->department));
  if (c->end_date)
    parts.push_back(end_date_text(*c->end_date, c->days_to_end));
  return parts.empty() ? std::string(tr("in the roster"))
                       : fmt::format("{}", fmt::join(parts, tr(", ")));
}

// A table of the people concerned, aligned however wide their names.
void render_people(std::string& out, const std::vector<Person>& people,
                   bool color) {
  size_t name_width = 6;
  for (const Person& p : people)
    name_width =
        std::max(name_width, display_width(escape_for_display(p.user)));
  out += fmt::format("{}  {}  {}  {}\n", pad_to_width(tr("person"), name_width),
                     pad_to_width(tr("worst"), 8),
                     pad_to_width(tr("findings"), 8), tr("roster"));
  for (const Person& p : people) {
    const Severity worst = p.findings.front()->severity;
    std::string sev = pad_to_width(severity_label(worst), 8);
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
  out += tr("suppressed by the config:");
  out += '\n';
  for (const SuppressedCount& e : s.suppressed) {
    if (e.reason.empty()) {
      out += fmt::format("  {:>5}  ", e.count) +
             trf("{label} (finding id; {source})",
                 fmt::arg("label", escape_for_display(e.label)),
                 fmt::arg("source", escape_for_display(e.source))) +
             '\n';
    } else {
      out += fmt::format("  {:>5}  ", e.count) +
             trf("{label}: {reason} (until {until}; {source})",
                 fmt::arg("label", escape_for_display(e.label)),
                 fmt::arg("reason", escape_for_display(e.reason)),
                 fmt::arg("until", e.expires ? format_date(*e.expires) : "-"),
                 fmt::arg("source", escape_for_display(e.source))) +
             '\n';
    }
  }
  out += '\n';
}

}  // namespace

std::string severity_name(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return tr("critical");
    case Severity::kHigh:
      return tr("high");
    case Severity::kMedium:
      return tr("medium");
    case Severity::kLow:
      return tr("low");
    case Severity::kInfo:
      break;
  }
  return tr("info");
}

std::string severity_label(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return tr("CRITICAL");
    case Severity::kHigh:
      return tr("HIGH");
    case Severity::kMedium:
      return tr("MEDIUM");
    case Severity::kLow:
      return tr("LOW");
    case Severity::kInfo:
      break;
  }
  return tr("INFO");
}

std::string employment_text(std::string_view employment) {
  if (const auto e = people::parse_employment(employment))
    return people::employment_words(*e);
  return std::string(employment);
}

std::string action_text(std::string_view action) {
  // The names of logs::to_string(Action), for the catalogue.
  static constexpr std::array<const char*, 16> kActions = {
      N_("read"),           N_("write"),   N_("create"),   N_("rename"),
      N_("delete"),         N_("connect"), N_("download"), N_("upload"),
      N_("copy_removable"), N_("archive"), N_("print"),    N_("device_attach"),
      N_("device_detach"),  N_("mount"),   N_("unmount"),  N_("other")};
  for (const char* name : kActions) {
    if (action == name)
      return tr(name);
  }
  return std::string(action);
}

std::string end_date_text(Days end, std::optional<int> days_to_end) {
  const std::string date = format_date(end);
  if (!days_to_end)
    return trf("ends {date}", fmt::arg("date", date));
  const int d = *days_to_end;
  if (d == 0)
    return trf("ends {date} (today)", fmt::arg("date", date));
  if (d > 0) {
    return trnf("ends {date} (in {days} day)", "ends {date} (in {days} days)",
                static_cast<uint64_t>(d), fmt::arg("date", date),
                fmt::arg("days", d));
  }
  return trnf("ended {date} ({days} day ago)", "ended {date} ({days} days ago)",
              static_cast<uint64_t>(-d), fmt::arg("date", date),
              fmt::arg("days", -d));
}

std::string summary_line(const Report& report) {
  const Summary& s = report.summary;
  std::map<Severity, size_t> counts;
  for (const auto& f : report.findings)
    ++counts[f.severity];
  // Clauses, each a whole message, joined as a list.
  std::vector<std::string> by_severity;
  for (auto it = counts.rbegin(); it != counts.rend(); ++it) {
    by_severity.push_back(trf("{count} {severity}",
                              fmt::arg("count", it->second),
                              fmt::arg("severity", severity_name(it->first))));
  }
  uint64_t suppressed = 0;
  for (const SuppressedCount& e : s.suppressed)
    suppressed += e.count;
  const size_t n = report.findings.size();
  std::string findings =
      trnf("{count} finding", "{count} findings", n, fmt::arg("count", n));
  if (!by_severity.empty()) {
    findings +=
        trf(" ({list})", fmt::arg("list", fmt::join(by_severity, tr(", "))));
  }
  if (suppressed > 0) {
    findings += tr(", ") + trnf("{count} suppressed", "{count} suppressed",
                                suppressed, fmt::arg("count", suppressed));
  }
  const std::vector<std::string> clauses{
      findings,
      trnf("{count} file ({bytes})", "{count} files ({bytes})", s.files_scanned,
           fmt::arg("count", s.files_scanned),
           fmt::arg("bytes", human_bytes(s.bytes_scanned))),
      trnf("{count} archive member", "{count} archive members",
           s.archive_members, fmt::arg("count", s.archive_members)),
      trnf("{count} event", "{count} events", s.events,
           fmt::arg("count", s.events)) +
          trnf(" ({count} line rejected)", " ({count} lines rejected)",
               s.lines_rejected, fmt::arg("count", s.lines_rejected)),
      trnf("{count} notice", "{count} notices", report.notices.size(),
           fmt::arg("count", report.notices.size()))};
  return clauses[0] + tr("; ") +
         fmt::format("{}",
                     fmt::join(clauses.begin() + 1, clauses.end(), tr(", ")));
}

std::string notice_line(const Notice& n) {
  const std::string where = !n.source.empty() ? escape_for_display(n.source)
                                              : join_display(n.location, " > ");
  return fmt::format("{}: {}: {}: {}",
                     n.level == Level::kError ? tr("error") : tr("warning"),
                     n.code, where, escape_for_display(n.message));
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
      out += fmt::format("== {}\n\n", tr("files and media"));
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
