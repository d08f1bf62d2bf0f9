#include "report/report.h"

#include "common/text.h"

#include <doctest/doctest.h>
#include <simdjson.h>

using namespace mamori;
using namespace mamori::report;

namespace {

Report sample_report() {
  Report r;
  detect::Finding f;
  f.id = "0123456789abcdef";
  f.detector = "bulk_access";
  f.set_score(91);
  f.title = "sato.yuki read 412 files";
  f.reasons = {"412 distinct files in 64 min"};
  f.assets = {"ltcc_stack"};
  f.user = "sato.yuki";
  f.start = *parse_timestamp("2026-03-27T05:10:02Z", Zone::utc());
  f.end = *parse_timestamp("2026-03-27T06:14:40Z", Zone::utc());
  f.files = 412;
  f.context =
      detect::PersonContext{"dispatched", "", parse_date("2026-03-31"), 4};
  f.log_evidence.push_back({"audit.log:9921", *f.start, "read",
                            "/srv/rd/=cmd|' /C calc'!A0\x1b[2J", std::nullopt});
  f.evidence_total = 412;
  r.findings.push_back(f);
  detect::Finding c;
  c.id = "fedcba9876543210";
  c.detector = "staged_archive";
  c.set_score(78);
  c.title = "q1.zip holds files of 2 core assets";
  c.location = {"/mnt/usb/q1 #1.zip"};
  c.sha256 = std::string(64, 'a');
  c.size = 48211;
  c.content_evidence.push_back({{"/mnt/usb/q1 #1.zip", "docs/K12.xlsx"},
                                "content_match",
                                {"ltcc_stack"},
                                {"r1"},
                                std::string(64, 'b'),
                                18230});
  c.evidence_total = 1;
  r.findings.push_back(c);
  r.notices.push_back({Level::kWarning,
                       "limit_ratio",
                       {"/mnt/usb/big.zip", "a.bin"},
                       "",
                       "member expands more than 1000x"});
  r.summary.version = "0.1.0";
  r.summary.events = 51234;
  r.summary.events_by_format = {{"samba", 40110}, {"auditd", 11124}};
  r.summary.exit_code = 1;
  return r;
}

}  // namespace

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

TEST_CASE("render_sarif: a valid SARIF log with one result per finding") {
  const std::string out = render_sarif(sample_report());
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(out);
  CHECK(std::string_view(doc["version"]) == "2.1.0");
  simdjson::dom::element run = doc["runs"].at(0);
  CHECK(simdjson::dom::array(run["results"]).size() == 2);
  simdjson::dom::element staged = run["results"].at(1);
  CHECK(std::string_view(staged["ruleId"]) == "staged_archive");
  CHECK(std::string_view(staged["level"]) == "error");
  CHECK(std::string_view(staged["locations"].at(
            0)["physicalLocation"]["artifactLocation"]["uri"]) ==
        "file:///mnt/usb/q1%20%231.zip");
  CHECK(std::string_view(staged["partialFingerprints"]["mamori/v1"]) ==
        "fedcba9876543210");
  CHECK(std::string_view(
            run["invocations"].at(0)["toolExecutionNotifications"].at(
                0)["descriptor"]["id"]) == "limit_ratio");
}

TEST_CASE("render_sarif: a log finding points at its log records") {
  Report r = sample_report();
  r.findings[0].log_evidence.push_back({"C:/logs/Security.evtx#4411",
                                        *r.findings[0].start, "read",
                                        "//fs01/rd/a.xlsx", std::nullopt});
  const std::string out = render_sarif(r);
  simdjson::dom::parser parser;
  simdjson::dom::element run = parser.parse(out)["runs"].at(0);
  simdjson::dom::element bulk = run["results"].at(0);
  simdjson::dom::element place = bulk["locations"].at(0)["physicalLocation"];
  CHECK(std::string_view(place["artifactLocation"]["uri"]) == "audit.log");
  CHECK(int64_t(place["region"]["startLine"]) == 9921);
  simdjson::dom::element related = bulk["relatedLocations"];
  REQUIRE(simdjson::dom::array(related).size() == 2);
  // An EVTX record number is not a line: the file alone.
  simdjson::dom::element evtx = related.at(1)["physicalLocation"];
  CHECK(std::string_view(evtx["artifactLocation"]["uri"]) ==
        "file:///C:/logs/Security.evtx");
  CHECK(evtx["region"].error() == simdjson::NO_SUCH_FIELD);
  CHECK(std::string_view(related.at(1)["message"]["text"]) ==
        "2026-03-27T05:10:02Z read //fs01/rd/a.xlsx");
  // Every detector that fired is described once.
  CHECK(std::string_view(
            run["tool"]["driver"]["rules"].at(0)["shortDescription"]["text"])
            .starts_with("A person reads"));
}

TEST_CASE("render_csv: quoting and formula-like cells are defused") {
  const std::string out = render_csv(sample_report());
  CHECK(out.starts_with("\xEF\xBB\xBFid,detector,severity,score,"));
  CHECK(out.find("\r\n0123456789abcdef,bulk_access,critical,91,sato.yuki,ltcc_"
                 "stack,") != std::string::npos);
  Report r = sample_report();
  r.findings[0].title = "=HYPERLINK(\"x\")";
  const std::string bad = render_csv(r);
  CHECK(bad.find(",\"'=HYPERLINK(\"\"x\"\")\",") != std::string::npos);
}

TEST_CASE("render_csv: names from the media reach no spreadsheet raw") {
  Report r = sample_report();
  r.findings[1].location = {"/mnt/usb/a\nb\x1b[2J\xff.zip", "m.txt"};
  const std::string out = render_csv(r);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find("/mnt/usb/a\\nb\\x1b[2J\\xff.zip > m.txt") !=
        std::string::npos);
  // Every row still ends where it should: 1 header + 2 findings.
  size_t rows = 0;
  for (size_t at = 0; (at = out.find("\r\n", at)) != std::string::npos; at += 2)
    ++rows;
  CHECK(rows == 3);
}

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

TEST_CASE(
    "Reports: what the config suppressed is counted per entry, with its "
    "reason, in every summary") {
  Report r = sample_report();
  r.summary.suppressed.push_back({"user=svc-backup,detector=bulk_access", 65,
                                  "backup <nightly>", parse_date("2027-06-30"),
                                  "mamori.toml:3"});
  r.summary.suppressed.push_back(
      {"8ddb771fbc9572d3", 1, "", std::nullopt, "mamori.toml:1"});
  simdjson::dom::parser parser;

  const std::string jsonl = render_jsonl(r);
  simdjson::dom::element summary =
      parser.parse(jsonl.substr(jsonl.rfind('\n', jsonl.size() - 2) + 1));
  CHECK(
      int64_t(summary["suppressed"]["user=svc-backup,detector=bulk_access"]) ==
      65);
  CHECK(int64_t(summary["suppressed"]["8ddb771fbc9572d3"]) == 1);
  CHECK(render_jsonl(sample_report()).find("suppressed") == std::string::npos);

  const std::string text = render_text(r, false);
  CHECK(text.find("suppressed by the config:\n"
                  "     65  user=svc-backup,detector=bulk_access: backup "
                  "<nightly> (until 2027-06-30; mamori.toml:3)\n"
                  "      1  8ddb771fbc9572d3 (finding id; mamori.toml:1)\n") !=
        std::string::npos);
  CHECK(summary_line(r).starts_with(
      "2 findings (1 critical, 1 high), 66 suppressed; "));

  simdjson::dom::element run = parser.parse(render_sarif(r))["runs"].at(0);
  simdjson::dom::element backup = run["properties"]["suppressed"].at(0);
  CHECK(std::string_view(backup["label"]) ==
        "user=svc-backup,detector=bulk_access");
  CHECK(int64_t(backup["count"]) == 65);
  CHECK(std::string_view(backup["reason"]) == "backup <nightly>");
  CHECK(std::string_view(backup["expires"]) == "2027-06-30");
  CHECK(std::string_view(backup["source"]) == "mamori.toml:3");
  CHECK(run["properties"]["suppressed"].at(1)["reason"].error() ==
        simdjson::NO_SUCH_FIELD);

  const std::string html = render_html(r);
  CHECK(html.find("<p>2 findings (66 suppressed);") != std::string::npos);
  CHECK(html.find("<tr><td>65</td><td><code>user=svc-backup,detector=bulk_"
                  "access</code><br>mamori.toml:3</td><td>backup "
                  "&lt;nightly&gt;</td><td>2027-06-30</td></tr>") !=
        std::string::npos);
}
