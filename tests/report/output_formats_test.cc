// The report format table: every name found, the help text and the error
// message built from it, each row rendering what its renderer renders, and
// what every format's summary must agree on.
#include "report/output_formats.h"

#include "report_fixtures.h"

#include <doctest/doctest.h>
#include <simdjson.h>

#include <set>

using namespace mamori;
using namespace mamori::report;
using mamori::report::testing::sample_report;

TEST_CASE("output_format_table: names, help text, dispatch") {
  CHECK(output_format_names(", ", " or ") == "text, jsonl, sarif, csv or html");
  CHECK(output_format_names(", ", ", ") == "text, jsonl, sarif, csv, html");
  CHECK(output_format_table().front().name == "text");  // the default
  CHECK(find_output_format("xml") == nullptr);
  CHECK(find_output_format("TEXT") == nullptr);
  std::set<std::string_view> names;
  for (const OutputFormatRow& row : output_format_table()) {
    CAPTURE(row.name);
    CHECK(names.insert(row.name).second);
    CHECK(find_output_format(row.name) == &row);
    CHECK(!row.description.empty());
  }

  Report report;
  report.summary.version = "0.1.0";
  report.summary.events = 3;
  CHECK(render_to_string(find_output_format("jsonl")->render, report, {}) ==
        render_jsonl(report));
  CHECK(render_to_string(find_output_format("sarif")->render, report, {}) ==
        render_sarif(report));
  CHECK(render_to_string(find_output_format("csv")->render, report, {}) ==
        render_csv(report));
  CHECK(render_to_string(find_output_format("html")->render, report, {}) ==
        render_html(report));
  CHECK(render_to_string(find_output_format("text")->render, report,
                         {.color = true}) == render_text(report, true));
  CHECK(render_to_string(find_output_format("text")->render, report, {}) ==
        render_text(report, false));
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
  CHECK(html.find("<th>findings</th><td>2 findings (66 suppressed)</td>") !=
        std::string::npos);
  CHECK(html.find("<tr><td>65</td><td><code>user=svc-backup,detector=bulk_"
                  "access</code><br>mamori.toml:3</td><td>backup "
                  "&lt;nightly&gt;</td><td>2027-06-30</td></tr>") !=
        std::string::npos);
}
