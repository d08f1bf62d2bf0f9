// The report format table: every name found, the help text and the error
// message built from it, and each row rendering what its renderer renders.
#include "report/output_formats.h"

#include <doctest/doctest.h>

#include <set>

using namespace mamori::report;

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
  CHECK(find_output_format("jsonl")->render(report, {}) ==
        render_jsonl(report));
  CHECK(find_output_format("sarif")->render(report, {}) ==
        render_sarif(report));
  CHECK(find_output_format("csv")->render(report, {}) == render_csv(report));
  CHECK(find_output_format("html")->render(report, {}) == render_html(report));
  CHECK(find_output_format("text")->render(report, {.color = true}) ==
        render_text(report, true));
  CHECK(find_output_format("text")->render(report, {}) ==
        render_text(report, false));
}
