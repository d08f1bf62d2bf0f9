// The responder's report: one self-contained HTML page that opens from a
// USB stick on an air-gapped laptop and stands as a case file. An overview
// (the run, its inputs with sizes and SHA-256, counts, people ranked by
// their worst finding, assets, notices), a case per person (roster
// context, a time line drawn in SVG of their days against their usual day
// with the findings' windows and the days they copied to removable media
// or uploaded, the chain of a sequence as its steps, every finding with
// its reasons and evidence), then the media and archives as far as they
// matched. Filters and a search box in a little plain JavaScript; a print
// stylesheet so that one case prints on A4.
//
// Safety: everything from the inputs goes through esc() (control
// characters and invalid UTF-8 escaped first, then the HTML specials), and
// only into element content or quoted attributes. A Content-Security-Policy
// allows nothing but this page's own style and script, by their hashes: no
// network, no other script, no inline handlers.
#include "common/i18n.h"
#include "common/sha256.h"
#include "common/text.h"
#include "report/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

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

std::string joined(const std::vector<std::string>& parts,
                   std::string_view sep) {
  return fmt::format("{}", fmt::join(parts, sep));
}

constexpr std::string_view kStyle = R"(
:root{--c:#b00020;--h:#d9534f;--m:#e8a33d;--l:#5bc0de;--i:#999}
body{font:14px/1.45 system-ui,"Noto Sans CJK JP","Hiragino Sans",sans-serif;margin:0;color:#222}
header,main{padding:0 2em}h1{margin:.6em 0 .2em}h2{border-bottom:2px solid #333;padding-top:.6em}
table{border-collapse:collapse;width:100%;margin:.4em 0}td,th{border-bottom:1px solid #ddd;padding:.25em .4em;text-align:left;vertical-align:top}
code,.mono,table.ev td{font:12px ui-monospace,monospace;word-break:break-all}
.sev{font-weight:bold;padding:0 .4em;border-radius:3px;white-space:nowrap}
.critical{color:#fff;background:var(--c)}.high{color:#fff;background:var(--h)}.medium{background:var(--m)}.low{background:var(--l)}.info{background:#eee}
nav.filters{position:sticky;top:0;background:#f6f6f6;border-bottom:1px solid #ccc;padding:.5em 2em;z-index:1}
nav.filters label{margin-right:1em}
details.finding{border:1px solid #ddd;border-radius:4px;margin:.4em 0;padding:.3em .6em}
details.finding>summary{cursor:pointer}
.case{margin-bottom:2em}.context{color:#555}
ol.chain{display:flex;flex-wrap:wrap;gap:.4em;list-style:none;padding:0}
ol.chain li{background:#fdecea;border:1px solid var(--h);border-radius:3px;padding:.2em .5em}
ol.chain li+li::before{content:"\2192  "}
svg.timeline{max-width:100%;height:auto;background:#fafafa;border:1px solid #ddd}
svg .bar{fill:#7a9cc6}svg .asset{fill:#2c5aa0}svg .usual{stroke:#333;stroke-dasharray:4 3}
svg .window{fill:var(--h);fill-opacity:.15}svg .mark{fill:var(--c)}svg text{font-size:10px;fill:#444}
ul.tree{list-style:none;padding-left:1.2em}ul.tree li::before{content:"\2514  ";color:#999}
.hidden{display:none}
@media print{nav.filters,.noprint{display:none}.case{break-before:page}body{font-size:11px}
header,main{padding:0}details.finding{break-inside:avoid}@page{size:A4;margin:15mm}}
)";

// Filters: each finding carries its severity rank, detector, person and
// assets as data attributes; the search box matches its text.
constexpr std::string_view kScript = R"(
(function(){
var q=function(s){return document.querySelector(s)};
var controls=['#f-sev','#f-det','#f-user','#f-asset','#f-text'].map(q);
function apply(){
  var sev=+q('#f-sev').value,det=q('#f-det').value,user=q('#f-user').value,
      asset=q('#f-asset').value,text=q('#f-text').value.toLowerCase();
  var shown=0;
  document.querySelectorAll('details.finding').forEach(function(f){
    var d=f.dataset,ok=+d.rank>=sev&&(!det||d.detector===det)&&
      (!user||d.user===user)&&(!asset||(' '+d.assets+' ').indexOf(' '+asset+' ')>=0)&&
      (!text||f.textContent.toLowerCase().indexOf(text)>=0);
    f.classList.toggle('hidden',!ok);if(ok)shown++;
  });
  document.querySelectorAll('section.case').forEach(function(c){
    c.classList.toggle('hidden',!c.querySelector('details.finding:not(.hidden)'));
  });
  q('#f-count').textContent=shown;
}
controls.forEach(function(c){c.addEventListener('input',apply)});
window.addEventListener('beforeprint',function(){
  document.querySelectorAll('details').forEach(function(d){d.open=true})});
apply();
})();
)";

int rank(Severity s) {
  return static_cast<int>(s);
}

std::string badge(Severity s) {
  return fmt::format("<span class=\"sev {}\">{}</span>", to_string(s),
                     severity_name(s));
}

// An input's role, for people.
std::string role_name(std::string_view role) {
  if (role == "register")
    return tr("register");
  if (role == "roster")
    return tr("roster");
  if (role == "devices")
    return tr("devices");
  if (role == "log")
    return tr("log");
  return tr("path");
}

// The people concerned, ranked by their worst finding (findings come worst
// first).
struct Case {
  std::string user;
  std::vector<const detect::Finding*> findings;
  const detect::PersonContext* context = nullptr;
  const detect::PersonTimeline* timeline = nullptr;
};

std::vector<Case> cases_of(const Report& report) {
  std::vector<Case> cases;
  std::map<std::string, size_t> index;
  for (const detect::Finding& f : report.findings) {
    if (f.user.empty())
      continue;
    const auto [it, added] = index.try_emplace(f.user, cases.size());
    if (added)
      cases.push_back({f.user, {}, nullptr, nullptr});
    Case& c = cases[it->second];
    c.findings.push_back(&f);
    if (c.context == nullptr && f.context)
      c.context = &*f.context;
  }
  for (const detect::PersonTimeline& t : report.timelines) {
    if (const auto it = index.find(t.user); it != index.end())
      cases[it->second].timeline = &t;
  }
  std::stable_sort(cases.begin(), cases.end(),
                   [](const Case& a, const Case& b) {
                     const detect::Finding& x = *a.findings.front();
                     const detect::Finding& y = *b.findings.front();
                     return x.severity != y.severity ? x.severity > y.severity
                                                     : x.score > y.score;
                   });
  return cases;
}

std::string context_html(const detect::PersonContext* c) {
  if (c == nullptr)
    return tr("not in the roster");
  std::vector<std::string> parts;
  if (!c->employment.empty())
    parts.push_back(esc(employment_text(c->employment)));
  if (!c->department.empty())
    parts.push_back(esc(c->department));
  if (c->end_date)
    parts.push_back(esc(end_date_text(*c->end_date, c->days_to_end)));
  return parts.empty() ? std::string(tr("in the roster"))
                       : joined(parts, tr(", "));
}

// The time line of one person: a bar per day of files collected (asset
// files darker), their usual day as a dashed line, the findings' windows
// as bands, and a mark on the days they wrote to removable media or
// uploaded outside.
void render_timeline(std::string& out, const detect::PersonTimeline& t,
                     const std::vector<const detect::Finding*>& findings,
                     const Zone& zone) {
  if (t.days.empty())
    return;
  constexpr int kWidth = 800, kHeight = 160, kLeft = 40, kBottom = 24,
                kTop = 14;
  const int plot = kHeight - kBottom - kTop;
  double top = t.usual_collected.value_or(0);
  for (const detect::TimelineDay& d : t.days)
    top = std::max(top, static_cast<double>(d.collected));
  top = std::max(top, 1.0);
  // A day is at most 40 units wide, so a short run is a short chart.
  const double step = std::min(40.0, static_cast<double>(kWidth - kLeft) /
                                         static_cast<double>(t.days.size()));
  const int width = std::max(
      400,
      static_cast<int>(kLeft + step * static_cast<double>(t.days.size())) + 10);
  const Days first = t.days.front().day;
  auto local_day = [&](Timestamp at) {
    return Days{date::floor<date::days>(zone.to_local(at)).time_since_epoch()};
  };
  auto x_of = [&](Days day) {
    return kLeft + step * static_cast<double>((day - first).count());
  };
  auto y_of = [&](double v) { return kTop + plot - plot * v / top; };
  out += fmt::format(
      "<svg class=\"timeline\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" role=\"img\" aria-label=\"{}\">",
      width, kHeight, width, kHeight, esc(tr("files collected per day")));
  // Findings' windows first, under the bars.
  for (const detect::Finding* f : findings) {
    if (!f->start)
      continue;
    const Days from = local_day(*f->start);
    const Days to = local_day(f->end.value_or(*f->start));
    const double x0 = x_of(std::max(from, first));
    const double x1 = x_of(std::max(to, first)) + step;
    out += fmt::format(
        "<rect class=\"window\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" "
        "height=\"{}\"><title>{}</title></rect>",
        x0, kTop, std::max(1.0, x1 - x0), plot, esc(f->title));
  }
  for (const detect::TimelineDay& d : t.days) {
    const double x = x_of(d.day) + step * 0.15, w = step * 0.7;
    const std::string label = esc(trf(
        "{date}: {collected} files collected, {assets} of assets, {removable} "
        "to removable media, {uploads} uploaded outside",
        fmt::arg("date", format_date(d.day)),
        fmt::arg("collected", d.collected), fmt::arg("assets", d.asset_files),
        fmt::arg("removable", d.removable),
        fmt::arg("uploads", d.uploads_out)));
    if (d.collected > 0) {
      out += fmt::format(
          "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
          "height=\"{:.1f}\"><title>{}</title></rect>",
          x, y_of(d.collected), w, kTop + plot - y_of(d.collected), label);
    }
    if (d.asset_files > 0) {
      out += fmt::format(
          "<rect class=\"asset\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
          "height=\"{:.1f}\"><title>{}</title></rect>",
          x, y_of(d.asset_files), w, kTop + plot - y_of(d.asset_files), label);
    }
    if (d.removable > 0 || d.uploads_out > 0) {
      const double cx = x + w / 2;
      out += fmt::format(
          "<path class=\"mark\" d=\"M{:.1f} {} l5 -9 l-10 0 z\"><title>{}"
          "</title></path>",
          cx, kTop - 1 + 9, label);
    }
  }
  if (t.usual_collected) {
    const double y = y_of(*t.usual_collected);
    out += fmt::format(
        "<line class=\"usual\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" "
        "y2=\"{:.1f}\"><title>{}</title></line>",
        kLeft, width, y, y,
        esc(trf("usual day: {count:.0f} files",
                fmt::arg("count", *t.usual_collected))));
  }
  // Axes: the largest count, and a date every few days.
  out += fmt::format(
      "<text x=\"2\" y=\"{}\">{:.0f}</text><text x=\"2\" y=\"{}\">0</text>",
      kTop + 8, top, kTop + plot);
  const size_t every = std::max<size_t>(1, t.days.size() / 8);
  for (size_t i = 0; i < t.days.size(); i += every) {
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\">{}</text>",
                       x_of(t.days[i].day), kHeight - 6,
                       format_date(t.days[i].day).substr(5));
  }
  out += "</svg>\n<p class=\"context\">";
  out += esc(
      tr("Bars: files collected per day (darker: of assets); dashed: the usual "
         "day; bands: the findings' windows; marks: copies to removable media "
         "or uploads outside."));
  out += "</p>\n";
}

void render_evidence(std::string& out, const detect::Finding& f,
                     const Zone& zone) {
  if (!f.log_evidence.empty()) {
    // One row per record, as short as it can be: a month's report with
    // every record stays under 2 MB.
    out += fmt::format(
        "<table class=\"ev\"><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
        "</tr>",
        tr("time"), tr("action"), tr("path"), tr("log record"));
    for (const detect::LogEvidence& e : f.log_evidence) {
      out += fmt::format("<tr><td>{}<td>{}<td>{}<td>{}</tr>",
                         format_local(e.time, zone), esc(action_text(e.action)),
                         esc(e.path), esc(e.source));
    }
    out += "</table>";
  }
  for (const detect::ContentEvidence& e : f.content_evidence) {
    out += fmt::format("<p><code>{}</code> {}", esc(joined(e.location, " > ")),
                       esc(joined(e.rules.empty() ? e.assets : e.rules, ", ")));
    if (!e.sha256.empty())
      out += fmt::format("<br><span class=\"mono\">sha256 {}</span>",
                         esc(e.sha256));
    out += "</p>";
    if (e.matches.empty())
      continue;
    out += "<ul>";
    for (const detect::MatchEvidence& m : e.matches) {
      out += fmt::format("<li><code>{} {}</code>", esc(m.rule), esc(m.string));
      if (!m.keyword.empty())
        out += fmt::format(" &ldquo;{}&rdquo;", esc(m.keyword));
      if (!m.encoding.empty())
        out += fmt::format(" ({})", esc(m.encoding));
      out += fmt::format(" {}@{}", esc(tr(m.layer.c_str())), m.offset);
      if (!m.excerpt.empty())
        out += fmt::format(": <code>{}</code>", esc(m.excerpt));
      out += "</li>";
    }
    if (e.matches_omitted > 0) {
      out += "<li>" +
             trnf("{count} more match", "{count} more matches",
                  e.matches_omitted, fmt::arg("count", e.matches_omitted)) +
             "</li>";
    }
    out += "</ul>";
  }
  const size_t shown = f.log_evidence.size() + f.content_evidence.size();
  if (f.evidence_total > shown) {
    out += "<p class=\"context\">" +
           trf("{shown} of {total} evidence records shown (--evidence all "
               "keeps them all).",
               fmt::arg("shown", shown), fmt::arg("total", f.evidence_total)) +
           "</p>";
  }
}

void render_finding(std::string& out, const detect::Finding& f,
                    const Zone& zone) {
  out += fmt::format(
      "<details class=\"finding\" id=\"f-{}\" data-rank=\"{}\" "
      "data-detector=\"{}\" data-user=\"{}\" data-assets=\"{}\">"
      "<summary>{} {} <code>{}</code> {}</summary>",
      esc(f.id), rank(f.severity), esc(f.detector), esc(f.user),
      esc(joined(f.assets, " ")), badge(f.severity), f.score, esc(f.detector),
      esc(f.title));
  if (!f.steps.empty()) {  // a sequence: its chain, step by step
    out += "<ol class=\"chain\">";
    for (const std::string& step : f.steps)
      out += "<li>" + esc(step) + "</li>";
    out += "</ol>";
  }
  out += "<ul>";
  for (const std::string& r : f.reasons)
    out += "<li>" + esc(r) + "</li>";
  out += "</ul>";
  if (f.start) {
    out += "<p class=\"context\">" +
           trf("from {start} to {end}",
               fmt::arg("start", format_local(*f.start, zone)),
               fmt::arg("end", format_local(f.end.value_or(*f.start), zone))) +
           "</p>";
  }
  if (!f.location.empty()) {
    out += fmt::format("<p><code>{}</code>", esc(joined(f.location, " > ")));
    if (!f.sha256.empty())
      out += fmt::format("<br><span class=\"mono\">sha256 {}</span>",
                         esc(f.sha256));
    out += "</p>";
  }
  render_evidence(out, f, zone);
  out +=
      fmt::format("<p class=\"context mono\">id {}</p></details>\n", esc(f.id));
}

std::string options_of(const std::set<std::string>& values) {
  std::string out;
  for (const std::string& v : values)
    out += fmt::format("<option value=\"{}\">{}</option>", esc(v), esc(v));
  return out;
}

std::string findings_count(const Report& report) {
  uint64_t suppressed = 0;
  for (const SuppressedCount& e : report.summary.suppressed)
    suppressed += e.count;
  const size_t n = report.findings.size();
  std::string out =
      trnf("{count} finding", "{count} findings", n, fmt::arg("count", n));
  if (suppressed > 0) {
    out += trnf(" ({count} suppressed)", " ({count} suppressed)", suppressed,
                fmt::arg("count", suppressed));
  }
  return out;
}

void render_overview(std::string& out, const Report& report,
                     const std::vector<Case>& cases, const Zone& zone) {
  const Summary& s = report.summary;
  out += fmt::format("<section id=\"overview\"><h2>{}</h2><table>",
                     tr("Overview"));
  auto row = [&out](const char* head, const std::string& value) {
    out += fmt::format("<tr><th>{}</th><td>{}</td></tr>", tr(head), value);
  };
  if (!report.run.command.empty())
    row(N_("command"),
        "<code>" + esc(joined(report.run.command, " ")) + "</code>");
  row("mamori", esc(s.version));
  row(N_("run"), trf("from {start} to {end}",
                     fmt::arg("start", format_local(s.started, zone)),
                     fmt::arg("end", format_local(s.finished, zone))));
  row(N_("times shown in"),
      esc(report.run.zone.empty() ? zone.name() : report.run.zone));
  row(N_("examined"),
      trnf("{count} file ({bytes})", "{count} files ({bytes})", s.files_scanned,
           fmt::arg("count", s.files_scanned),
           fmt::arg("bytes", human_bytes(s.bytes_scanned))) +
          tr(", ") +
          trnf("{count} archive member", "{count} archive members",
               s.archive_members, fmt::arg("count", s.archive_members)) +
          tr(", ") +
          trnf("{count} event", "{count} events", s.events,
               fmt::arg("count", s.events)) +
          trnf(" ({count} line rejected)", " ({count} lines rejected)",
               s.lines_rejected, fmt::arg("count", s.lines_rejected)));
  row(N_("findings"), findings_count(report));
  row(N_("exit code"), std::to_string(s.exit_code));
  out += "</table>\n";
  if (!report.run.inputs.empty()) {
    out += fmt::format(
        "<h3>{}</h3><table><tr><th>{}</th><th>{}</th><th>{}</th><th>SHA-256"
        "</th></tr>",
        tr("Inputs"), tr("role"), tr("path"), tr("size"));
    for (const InputFile& in : report.run.inputs) {
      out += fmt::format(
          "<tr><td>{}</td><td><code>{}</code></td><td>{}</td>"
          "<td class=\"mono\">{}</td></tr>",
          role_name(in.role), esc(in.path),
          in.size ? human_bytes(*in.size) : "", esc(in.sha256));
    }
    out += "</table>\n";
  }
  std::map<Severity, size_t> counts;
  std::map<std::string, size_t> assets;
  for (const detect::Finding& f : report.findings) {
    ++counts[f.severity];
    for (const std::string& a : f.assets)
      ++assets[a];
  }
  out += fmt::format("<h3>{}</h3><p>", tr("Findings by severity"));
  for (auto it = counts.rbegin(); it != counts.rend(); ++it)
    out += fmt::format("{} {} &nbsp; ", badge(it->first), it->second);
  if (counts.empty())
    out += tr("none");
  out += "</p>\n";
  if (!cases.empty()) {
    out += fmt::format(
        "<h3>{}</h3><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
        "</tr>",
        tr("People, worst first"), tr("person"), tr("worst"), tr("findings"),
        tr("roster"));
    for (size_t i = 0; i < cases.size(); ++i) {
      const Case& c = cases[i];
      out += fmt::format(
          "<tr><td><a href=\"#case-{}\">{}</a></td><td>{}</td><td>{}</td>"
          "<td>{}</td></tr>",
          i, esc(c.user), badge(c.findings.front()->severity),
          c.findings.size(), context_html(c.context));
    }
    out += "</table>\n";
  }
  if (!assets.empty()) {
    out += fmt::format("<h3>{}</h3><ul>", tr("Assets involved"));
    for (const auto& [asset, n] : assets) {
      out += fmt::format(
          "<li><code>{}</code>: {}</li>", esc(asset),
          trnf("{count} finding", "{count} findings", n, fmt::arg("count", n)));
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

// The media and archives that matched: each root file with the members
// behind its findings, their rules, assets and hashes.
void render_media(std::string& out, const Report& report, const Zone& zone) {
  std::map<std::string, std::vector<const detect::Finding*>> roots;
  for (const detect::Finding& f : report.findings) {
    if (f.user.empty() && !f.location.empty())
      roots[f.location.front()].push_back(&f);
  }
  std::vector<const detect::Finding*> others;
  for (const detect::Finding& f : report.findings) {
    if (f.user.empty() && f.location.empty())
      others.push_back(&f);
  }
  if (roots.empty() && others.empty())
    return;
  out += fmt::format("<section class=\"case\" id=\"media\"><h2>{}</h2>",
                     tr("Media and archives"));
  for (const auto& [root, findings] : roots) {
    out +=
        fmt::format("<h3><code>{}</code></h3><ul class=\"tree\">", esc(root));
    std::set<std::vector<std::string>> members;
    for (const detect::Finding* f : findings) {
      for (const detect::ContentEvidence& e : f->content_evidence) {
        if (e.location.size() > 1 && members.insert(e.location).second) {
          out += fmt::format(
              "<li><code>{}</code> {} <span class=\"mono\">{}</span></li>",
              esc(joined(std::vector<std::string>(e.location.begin() + 1,
                                                  e.location.end()),
                         " > ")),
              esc(joined(e.rules.empty() ? e.assets : e.rules, ", ")),
              esc(e.sha256.substr(0, 16)));
        }
      }
    }
    out += "</ul>";
    for (const detect::Finding* f : findings)
      render_finding(out, *f, zone);
  }
  for (const detect::Finding* f : others)
    render_finding(out, *f, zone);
  out += "</section>\n";
}

void render_notices(std::string& out, const Report& report) {
  const Summary& s = report.summary;
  if (!s.suppressed.empty()) {
    out += fmt::format(
        "<section id=\"suppressed\"><h2>{}</h2><table><tr><th>{}</th>"
        "<th>{}</th><th>{}</th><th>{}</th></tr>\n",
        tr("Suppressed by the config"), tr("findings"), tr("entry"),
        tr("reason"), tr("until"));
    for (const SuppressedCount& e : s.suppressed) {
      out += fmt::format(
          "<tr><td>{}</td><td><code>{}</code><br>{}</td><td>{}</td>"
          "<td>{}</td></tr>\n",
          e.count, esc(e.label), esc(e.source),
          e.reason.empty() ? std::string(tr("finding id")) : esc(e.reason),
          e.expires ? format_date(*e.expires) : "");
    }
    out += "</table></section>\n";
  }
  if (!report.notices.empty()) {
    out += fmt::format("<section id=\"notices\"><h2>{}</h2><ul>\n",
                       tr("Not fully examined"));
    for (const Notice& n : report.notices) {
      const std::string where =
          !n.source.empty() ? n.source : joined(n.location, " > ");
      out += fmt::format("<li>{} <code>{}</code> <code>{}</code>: {}</li>\n",
                         n.level == Level::kError ? tr("error") : tr("warning"),
                         esc(n.code), esc(where), esc(n.message));
    }
    out += "</ul></section>\n";
  }
}

}  // namespace

std::string render_html(const Report& report, const Zone& zone) {
  const std::vector<Case> cases = cases_of(report);
  std::set<std::string> detectors, users, assets;
  for (const detect::Finding& f : report.findings) {
    detectors.insert(f.detector);
    if (!f.user.empty())
      users.insert(f.user);
    assets.insert(f.assets.begin(), f.assets.end());
  }
  const char* lang = current_language() == Language::kJapanese ? "ja" : "en";
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
      "'none'; style-src 'sha256-{}'; script-src 'sha256-{}'; img-src data:; "
      "base-uri 'none'; form-action 'none'\">"
      "<meta name=\"viewport\" content=\"width=device-width\">"
      "<title>{}</title><style>{}</style></head><body>\n"
      "<header><h1>{}</h1></header>\n",
      lang, sha256_base64(kStyle), sha256_base64(kScript), tr("mamori report"),
      kStyle, tr("mamori report"));
  std::string severities;
  for (int r = 0; r <= rank(Severity::kCritical); ++r) {
    severities += fmt::format("<option value=\"{}\">{}</option>", r,
                              severity_name(static_cast<Severity>(r)));
  }
  out += fmt::format(
      "<nav class=\"filters\" aria-label=\"{}\"><label>{} <select "
      "id=\"f-sev\">{}</select></label><label>{} <select id=\"f-det\">"
      "<option value=\"\">{}</option>{}</select></label><label>{} <select "
      "id=\"f-user\"><option value=\"\">{}</option>{}</select></label>"
      "<label>{} <select id=\"f-asset\"><option value=\"\">{}</option>{}"
      "</select></label><label>{} <input id=\"f-text\" type=\"search\">"
      "</label>{}</nav>\n<main>\n",
      tr("filters"), tr("severity at least"), severities, tr("detector"),
      tr("all"), options_of(detectors), tr("person"), tr("all"),
      options_of(users), tr("asset"), tr("all"), options_of(assets),
      tr("search"),
      trf("{count} findings shown",
          fmt::arg("count", fmt::format("<span id=\"f-count\">{}</span>",
                                        report.findings.size()))));
  render_overview(out, report, cases, zone);
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    out += fmt::format(
        "<section class=\"case\" id=\"case-{}\"><h2>{}</h2><p "
        "class=\"context\">{}</p>\n",
        i, esc(c.user), context_html(c.context));
    if (c.timeline != nullptr)
      render_timeline(out, *c.timeline, c.findings, zone);
    for (const detect::Finding* f : c.findings)
      render_finding(out, *f, zone);
    out += "</section>\n";
  }
  render_media(out, report, zone);
  render_notices(out, report);
  out += fmt::format("</main><script>{}</script></body></html>\n", kScript);
  return out;
}

}  // namespace mamori::report
