// Tests of lib/report/sarif.cc: a valid SARIF log, one result per finding,
// log findings pointing at their records.
#include "report_fixtures.h"

#include "report/report.h"

#include <doctest/doctest.h>
#include <simdjson.h>

#include <map>
#include <string>

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
  // Inside an archive the member is an artifact of its own, nested in the
  // file by parentIndex; the offset counts in the member.
  report.findings[0].location.push_back("dir/member 1.txt");
  report.findings[0].content_evidence[0].location.push_back("dir/member 1.txt");
  const std::string member = render_sarif(report);
  simdjson::dom::element run = parser.parse(member)["runs"].at(0);
  simdjson::dom::element place =
      run["results"].at(0)["locations"].at(0)["physicalLocation"];
  CHECK(uint64_t(place["region"]["byteOffset"]) == 11);
  const uint64_t index = place["artifactLocation"]["index"];
  CHECK(std::string_view(place["artifactLocation"]["uri"]) ==
        "dir/member%201.txt");
  simdjson::dom::element artifact = run["artifacts"].at(index);
  CHECK(std::string_view(artifact["location"]["uri"]) == "dir/member%201.txt");
  simdjson::dom::element parent =
      run["artifacts"].at(uint64_t(artifact["parentIndex"]));
  CHECK(std::string_view(parent["location"]["uri"]).starts_with("file://"));
  CHECK(parent["parentIndex"].error() == simdjson::NO_SUCH_FIELD);
}

TEST_CASE(
    "render_sarif: every content result has a region; rules are ranked and "
    "tagged, one per content rule") {
  Report report = sample_report();
  report.findings.push_back(content_match());
  report.findings.back().content_evidence[0].matches.clear();  // text only
  simdjson::dom::parser parser;
  const std::string out = render_sarif(report);
  simdjson::dom::element run = parser.parse(out)["runs"].at(0);
  CHECK(std::string_view(run["tool"]["driver"]["informationUri"]) ==
        "man:mamori(1)");
  std::map<std::string, simdjson::dom::element> rules;
  for (simdjson::dom::element rule : run["tool"]["driver"]["rules"])
    rules[std::string(std::string_view(rule["id"]))] = rule;
  for (simdjson::dom::element result : run["results"]) {
    const std::string id{std::string_view(result["ruleId"])};
    CAPTURE(id);
    REQUIRE(rules.count(id) == 1);
    CHECK_FALSE(
        std::string_view(rules[id]["properties"]["security-severity"]).empty());
    if (result["locations"]
            .at(0)["physicalLocation"]["artifactLocation"]
            .error() == simdjson::SUCCESS) {
      CHECK(result["locations"].at(0)["physicalLocation"]["region"].error() ==
            simdjson::SUCCESS);
    }
  }
  // A content match is ranked under its first YARA rule.
  CHECK(rules.count("content_match/asset_lens_keywords") == 1);
  CHECK(std::string_view(rules["staged_archive"]["properties"]["tags"].at(2)) ==
        "staged_archive");
  // A staged archive's matching members are its related locations.
  simdjson::dom::element staged = run["results"].at(1);
  REQUIRE(std::string_view(staged["ruleId"]) == "staged_archive");
  simdjson::dom::element member = staged["relatedLocations"].at(0);
  CHECK(
      std::string_view(member["physicalLocation"]["artifactLocation"]["uri"]) ==
      "docs/K12.xlsx");
  CHECK(
      std::string_view(member["message"]["text"]).starts_with("docs/K12.xlsx"));
}
