// Tests of lib/report/html.cc: input text is escaped (and, in the same
// case, the text report's terminal escapes).
#include "report_fixtures.h"

#include "common/i18n.h"
#include "common/sha256.h"
#include "report/report.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::report;
using mamori::report::testing::sample_report;

TEST_CASE("render_html and render_text: input text is escaped") {
  Report r = sample_report();
  r.findings[0].title = "<script>alert(1)</script>";
  const std::string html = render_html(r);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") !=
        std::string::npos);
  const std::string text = render_text(r, false);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("\\x1b[2J") != std::string::npos);
  CHECK(text.find("CRITICAL") != std::string::npos);
  CHECK(render_text(r, true).find("\x1b[1;31m") != std::string::npos);
}

namespace {

std::string between(const std::string& s, std::string_view open,
                    std::string_view close) {
  const size_t a = s.find(open);
  if (a == std::string::npos)
    return {};
  const size_t b = s.find(close, a + open.size());
  return s.substr(a + open.size(), b - a - open.size());
}

size_t count_of(const std::string& s, std::string_view what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos;
       at = s.find(what, at + 1))
    ++n;
  return n;
}

}  // namespace

TEST_CASE(
    "render_html: self-contained, its only style and script allowed by "
    "hash") {
  const std::string html = render_html(sample_report());
  const std::string csp =
      between(html, "Content-Security-Policy\" content=\"", "\"");
  REQUIRE_FALSE(csp.empty());
  CHECK(csp.starts_with("default-src 'none';"));
  const std::string style = between(html, "<style>", "</style>");
  const std::string script = between(html, "<script>", "</script>");
  CHECK(csp.find("'sha256-" + sha256_base64(style) + "'") != std::string::npos);
  CHECK(csp.find("'sha256-" + sha256_base64(script) + "'") !=
        std::string::npos);
  CHECK(count_of(html, "<script") == 1);
  CHECK(count_of(html, "<style") == 1);
  // Nothing loaded from anywhere: no src, no external link, no handler.
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK(html.find(" onclick=") == std::string::npos);
  CHECK(html.find(" style=") == std::string::npos);
}

TEST_CASE(
    "render_html: a case per person, worst first, with a time line and the "
    "chain of a sequence") {
  Report r = sample_report();
  detect::Finding seq = r.findings[0];
  seq.user = "佐藤";
  seq.id = "5555555555555555";
  seq.detector = "exfil_sequence";
  seq.title =
      "佐藤 collected 320 asset files → archived into q1.zip → copied 3 files "
      "to removable media";
  seq.steps = {"collected 320 asset files", "archived into q1.zip",
               "copied 3 files to removable media"};
  seq.set_score(100);
  r.findings[0].set_score(60);
  r.findings.push_back(seq);
  detect::sort_findings(r.findings);
  detect::PersonTimeline line{"佐藤", {}, 4.0};
  const Days first{date::year{2026} / 3 / 20};
  for (int d = 0; d < 8; ++d) {
    detect::TimelineDay day{first + date::days{d}, d == 7 ? 320u : 4u,
                            d == 7 ? 300u : 0u, d == 7 ? 3u : 0u, 0u};
    line.days.push_back(day);
  }
  r.timelines.push_back(line);
  const std::string html = render_html(r, *Zone::find("Asia/Tokyo"));
  const size_t sato =
      html.find("<section class=\"case\" id=\"case-0\"><h2>佐藤");
  REQUIRE(sato != std::string::npos);
  CHECK(html.find("id=\"case-1\"><h2>sato.yuki") > sato);
  // Eight bars, one darker asset bar, one mark, the usual day's line, and
  // the sequence's window as a band.
  const std::string svg = between(html.substr(sato), "<svg", "</svg>");
  CHECK(count_of(svg, "class=\"bar\"") == 8);
  CHECK(count_of(svg, "class=\"asset\"") == 1);
  CHECK(count_of(svg, "class=\"mark\"") == 1);
  CHECK(count_of(svg, "class=\"usual\"") == 1);
  CHECK(count_of(svg, "class=\"window\"") == 1);
  CHECK(html.find("<ol class=\"chain\"><li>collected 320 asset files</li><li>"
                  "archived into q1.zip</li><li>copied 3 files to removable "
                  "media</li></ol>") != std::string::npos);
  // Times in the zone with the offset; every finding carries its filters.
  CHECK(html.find("2026-03-27 14:10:02 +09:00") != std::string::npos);
  CHECK(html.find("data-rank=\"4\" data-detector=\"exfil_sequence\" "
                  "data-user=\"佐藤\"") != std::string::npos);
}

TEST_CASE("render_html: hostile names inside media render inert") {
  Report r = sample_report();
  r.findings[1].content_evidence[0].location.back() =
      "<img src=x onerror=alert(1)>\x1b[31m\u202Eexe.txt";
  const std::string html = render_html(r);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(html.find('\x1b') == std::string::npos);
  CHECK(html.find("\u202E") == std::string::npos);  // bidi override escaped
}

TEST_CASE("render_html: in Japanese with --lang ja") {
  REQUIRE(set_language(Language::kJapanese));
  const std::string html = render_html(sample_report());
  set_language(Language::kEnglish);
  CHECK(html.find("<html lang=\"ja\">") != std::string::npos);
  CHECK(html.find("<h2>概要</h2>") != std::string::npos);
  CHECK(html.find("<h1>mamori レポート</h1>") != std::string::npos);
  CHECK(html.find(">重大<") != std::string::npos);  // a severity badge
  CHECK(html.find("Overview") == std::string::npos);
  CHECK(html.find("severity at least") == std::string::npos);
}
