// Tests of lib/report/jsonl.cc: the JSON Lines report of spec/findings.md,
// one object per line, optional fields left out, the summary last.
#include "report_fixtures.h"

#include "common/text.h"
#include "report/report.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>

using namespace mamori;
using namespace mamori::report;
using mamori::report::testing::content_match;
using mamori::report::testing::sample_report;

TEST_CASE(
    "render_jsonl: one object per line, optional fields left out, summary "
    "last") {
  const std::string out = render_jsonl(sample_report());
  simdjson::dom::parser parser;
  std::vector<std::string> lines;
  for (std::string_view line : split(out, '\n')) {
    if (!line.empty())
      lines.emplace_back(line);
  }
  REQUIRE(lines.size() == 4);
  simdjson::dom::element bulk = parser.parse(lines[0]);
  CHECK(std::string_view(bulk["type"]) == "finding");
  CHECK(std::string_view(bulk["severity"]) == "critical");
  CHECK(int64_t(bulk["score"]) == 91);
  CHECK(std::string_view(bulk["start"]) == "2026-03-27T05:10:02Z");
  CHECK(int64_t(bulk["context"]["days_to_end"]) == 4);
  CHECK(std::string_view(bulk["context"]["end_date"]) == "2026-03-31");
  CHECK(bulk["context"]["department"].error() == simdjson::NO_SUCH_FIELD);
  CHECK(bulk["sha256"].error() == simdjson::NO_SUCH_FIELD);
  CHECK(bulk["location"].error() == simdjson::NO_SUCH_FIELD);
  CHECK(out.find('\x1b') ==
        std::string::npos);  // no raw escape reaches a terminal

  simdjson::dom::element staged = parser.parse(lines[1]);
  CHECK(std::string_view(staged["evidence"].at(0)["location"].at(1)) ==
        "docs/K12.xlsx");
  CHECK(int64_t(staged["evidence_total"]) == 1);

  simdjson::dom::element notice = parser.parse(lines[2]);
  CHECK(std::string_view(notice["type"]) == "notice");
  CHECK(std::string_view(notice["code"]) == "limit_ratio");
  CHECK(notice["source"].error() == simdjson::NO_SUCH_FIELD);

  simdjson::dom::element summary = parser.parse(lines[3]);
  CHECK(std::string_view(summary["type"]) == "summary");
  CHECK(int64_t(summary["findings"]["critical"]) == 1);
  CHECK(int64_t(summary["findings"]["high"]) == 1);
  CHECK(summary["findings"]["low"].error() == simdjson::NO_SUCH_FIELD);
  CHECK(int64_t(summary["notices"]["limit_ratio"]) == 1);
  CHECK(int64_t(summary["events_by_format"]["auditd"]) == 11124);
  CHECK(int64_t(summary["exit_code"]) == 1);
}

TEST_CASE(
    "render_jsonl: content evidence lists its matches, keyword, encoding and "
    "excerpt only when known") {
  Report report;
  report.findings = {content_match()};
  const std::string out = render_jsonl(report);
  simdjson::dom::parser parser;
  const std::string line(split(out, '\n')[0]);
  simdjson::dom::element f = parser.parse(line);
  for (simdjson::dom::element matches :
       {f["evidence"].at(0)["matches"].value(), f["matches"].value()}) {
    REQUIRE(simdjson::dom::array(matches).size() == 2);
    simdjson::dom::element k = matches.at(0);
    CHECK(std::string_view(k["rule"]) == "asset_lens_keywords");
    CHECK(std::string_view(k["string"]) == "$k0_cp932");
    CHECK(std::string_view(k["keyword"]) == "非球面研磨");
    CHECK(std::string_view(k["encoding"]) == "CP932");
    CHECK(std::string_view(k["layer"]) == "bytes");
    CHECK(uint64_t(k["offset"]) == 11);
    CHECK(uint64_t(k["length"]) == 10);
    CHECK(std::string_view(k["excerpt"]) == "ファイル: \\t非球面研磨");
    simdjson::dom::element g = matches.at(1);
    CHECK(std::string_view(g["layer"]) == "text");
    CHECK(g["keyword"].error() == simdjson::NO_SUCH_FIELD);
    CHECK(g["encoding"].error() == simdjson::NO_SUCH_FIELD);
    CHECK(g["excerpt"].error() == simdjson::NO_SUCH_FIELD);
  }
  CHECK(uint64_t(f["evidence"].at(0)["matches_omitted"]) == 2);
  // A staged archive's matches stay with its members.
  const std::string staged(split(render_jsonl(sample_report()), '\n')[1]);
  CHECK(parser.parse(staged)["matches"].error() == simdjson::NO_SUCH_FIELD);
}

TEST_CASE(
    "render_jsonl: a large report goes out in pieces of bounded size, whole "
    "lines each, that add up to the report") {
  Report report = sample_report();
  const detect::Finding one = report.findings.front();
  report.findings.assign(2000, one);
  for (size_t i = 0; i < report.findings.size(); ++i)
    report.findings[i].id = fmt::format("{:016x}", i);
  std::vector<std::string> pieces;
  render_jsonl(report,
               [&](std::string_view text) { pieces.emplace_back(text); });
  REQUIRE(pieces.size() > 2);
  size_t longest = 0;  // a piece is cut after the line that fills it
  for (std::string_view line : split(render_jsonl(report), '\n'))
    longest = std::max(longest, line.size() + 1);
  std::string joined;
  for (const std::string& piece : pieces) {
    CHECK(piece.size() < kWriteChunk + longest);
    CHECK(piece.back() == '\n');
    joined += piece;
  }
  CHECK(joined == render_jsonl(report));
  CHECK(std::count(joined.begin(), joined.end(), '\n') ==
        static_cast<long>(2000 + report.notices.size() + 1));
}
