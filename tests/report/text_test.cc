// Tests of lib/report/text.cc: the evidence shown per finding, the notice
// lines and the summary line a person reads last.
#include "report_fixtures.h"

#include "report/report.h"

#include <doctest/doctest.h>

#include <string>

using namespace mamori;
using namespace mamori::report;
using mamori::report::testing::content_match;
using mamori::report::testing::sample_report;

namespace {

size_t count_of(const std::string& text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + what.size()))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("render_text: five evidence records at most, then how many more") {
  Report r = sample_report();
  r.findings.resize(1);
  detect::Finding& f = r.findings[0];
  f.log_evidence.clear();
  for (int i = 0; i < 7; ++i) {
    f.log_evidence.push_back({"audit.log:" + std::to_string(100 + i), *f.start,
                              "read", "/srv/rd/f" + std::to_string(i) + ".dwg",
                              std::nullopt});
  }
  f.evidence_total = 412;
  const std::string text = render_text(r, false);
  CHECK(count_of(text, "/srv/rd/f") == 5);
  CHECK(text.find("/srv/rd/f4.dwg audit.log:104") != std::string::npos);
  CHECK(text.find("/srv/rd/f5.dwg") == std::string::npos);
  CHECK(text.find("      ... 407 more records\n") != std::string::npos);

  // All of it shown: no "more" line.
  f.log_evidence.resize(3);
  f.evidence_total = 3;
  CHECK(render_text(r, false).find(" more record") == std::string::npos);
}

TEST_CASE("render_text: each finding shows its id, for suppress") {
  Report r = sample_report();
  REQUIRE(!r.findings.empty());
  const std::string text = render_text(r, false);
  for (const detect::Finding& f : r.findings) {
    CAPTURE(f.id);
    REQUIRE(!f.id.empty());
    CHECK(count_of(text, "      id " + f.id + "\n") == 1);
  }
}

TEST_CASE("render_text: a notice names its level, code and place") {
  Report r = sample_report();
  r.notices.push_back(
      {Level::kError, "unreadable", {}, "audit.log:12", "permission denied"});
  const std::string text = render_text(r, false);
  CHECK(text.find("warning: limit_ratio: /mnt/usb/big.zip > a.bin: member "
                  "expands more than 1000x\n") != std::string::npos);
  CHECK(text.find("error: unreadable: audit.log:12: permission denied\n") !=
        std::string::npos);
  // The summary line comes last.
  CHECK(text.ends_with(summary_line(r) + "\n"));
}

TEST_CASE("summary_line: counts by severity, highest first, and plurals") {
  Report r = sample_report();
  CHECK(summary_line(r).starts_with("2 findings (1 critical, 1 high); "));
  CHECK(
      summary_line(r).ends_with(", 51234 events (0 lines rejected), 1 "
                                "notice"));
  r.findings.resize(1);
  r.notices.clear();
  r.summary.events = 1;
  r.summary.lines_rejected = 1;
  CHECK(summary_line(r).starts_with("1 finding (1 critical); "));
  CHECK(summary_line(r).ends_with(", 1 event (1 line rejected), 0 notices"));
  CHECK(summary_line(Report{}).starts_with("0 findings; 0 files ("));
}

TEST_CASE("render_text: a content finding shows its matches briefly") {
  Report report;
  report.findings = {content_match()};
  const std::string out = render_text(report, false);
  CHECK(out.find("        asset_lens_keywords $k0_cp932 \"非球面研磨\" (CP932) "
                 "bytes@11: ファイル: \\t非球面研磨\n") != std::string::npos);
  CHECK(out.find("        generic $m text@3\n") != std::string::npos);
  CHECK(out.find("        ... 2 more matches\n") != std::string::npos);
}

TEST_CASE(
    "render_text: grouped by person, worst first, with roster context and "
    "times in the zone") {
  Report r = sample_report();
  // Two findings about a second person, one about the first: the worse
  // person leads whatever the order of findings.
  detect::Finding worse = r.findings[0];
  worse.user = "佐藤";
  worse.id = "1111111111111111";
  worse.set_score(100);
  worse.context = detect::PersonContext{"派遣", "研究開発部",
                                        Days{date::year{2026} / 3 / 31}, 4};
  r.findings[0].set_score(60);  // sato.yuki: high, below 佐藤's critical
  detect::Finding minor = worse;
  minor.id = "2222222222222222";
  minor.set_score(30);
  r.findings.push_back(worse);
  r.findings.push_back(minor);
  detect::sort_findings(r.findings);
  const std::string text = render_text(r, false, *Zone::find("Asia/Tokyo"));
  const size_t sato =
      text.find("== 佐藤 — 派遣, 研究開発部, ends 2026-03-31 (in 4 days)");
  const size_t other = text.find("== sato.yuki");
  REQUIRE(sato != std::string::npos);
  CHECK(sato < other);
  // The people table is aligned by columns: sato.yuki is nine wide, 佐藤
  // four (six bytes), so 佐藤 takes five spaces of padding, not three.
  CHECK(text.find("person     worst") == 0);
  CHECK(text.find("\n佐藤       CRITICAL") != std::string::npos);
  CHECK(text.find("\nsato.yuki  HIGH") != std::string::npos);
  // Findings about no one come after the people, under their own heading.
  const size_t media = text.find("== files and media");
  CHECK(media != std::string::npos);
  CHECK(other < media);
  CHECK(text.find("q1.zip holds") > media);
  // Log evidence in Tokyo time with its offset, never in UTC.
  CHECK(text.find("+09:00 read") != std::string::npos);
  CHECK(text.find("Z read") == std::string::npos);
}
