// Tests of lib/report/sarif.cc: a valid SARIF log, one result per finding,
// log findings pointing at their records.
#include "report_fixtures.h"

#include "report/report.h"

#include <doctest/doctest.h>
#include <simdjson.h>

using namespace mamori;
using namespace mamori::report;
using mamori::report::testing::content_match;
using mamori::report::testing::sample_report;

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

TEST_CASE("render_sarif: a match in a file on disk is its result's region") {
  Report report;
  report.findings = {content_match()};
  simdjson::dom::parser parser;
  const std::string out = render_sarif(report);
  simdjson::dom::element result =
      parser.parse(out)["runs"].at(0)["results"].at(0);
  simdjson::dom::element region =
      result["locations"].at(0)["physicalLocation"]["region"];
  CHECK(uint64_t(region["byteOffset"]) == 11);
  CHECK(uint64_t(region["byteLength"]) == 10);
  CHECK(std::string_view(region["snippet"]["text"]) ==
        "ファイル: \\t非球面研磨");
  CHECK(std::string_view(result["properties"]["matches"].at(1)["string"]) ==
        "$m");
  // Inside an archive, an offset is not one of the file SARIF names.
  report.findings[0].location.push_back("member.txt");
  report.findings[0].content_evidence[0].location.push_back("member.txt");
  const std::string member = render_sarif(report);
  simdjson::dom::element inner =
      parser.parse(member)["runs"].at(0)["results"].at(0);
  CHECK(inner["locations"].at(0)["physicalLocation"]["region"].error() ==
        simdjson::NO_SUCH_FIELD);
}
