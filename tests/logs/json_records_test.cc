// Tests of lib/logs/json_records.cc: the JSON framing every JSON format
// shares recovers from a record cut short, a lone brace and a cut
// pretty-printed record, at the cost of that record only.
#include "logs/json_records.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

TEST_CASE("Recovery: a JSON line cut by a crashed forwarder costs that line") {
  const std::string cut = winjson(99999).substr(0, 90) + "\n";
  check_all_read(read_text(surround("", winjson, cut), {}, "winjson"), 1);
  // Cut inside a string: the rest of the line must not be taken as text.
  const std::string in_string = winjson(99999).substr(0, 200) + "\n";
  check_all_read(read_text(surround("", winjson, in_string), {}, "winjson"), 1);
  // Detected, not forced.
  check_all_read(read_text(surround("", winjson, cut)), 1);
}

TEST_CASE("Recovery: a lone { line costs that line in every JSON format") {
  check_all_read(read_text(surround("", winjson, "{\n"), {}, "winjson"), 1);
  check_all_read(read_text(surround("", m365_json, "{\n"), {}, "m365"), 1);
  auto jsonl = [](int i) {
    return fmt::format(
        R"({{"When":"2026-03-02T09:15:00Z","Who":"kim","File":"/srv/rd/{}.txt"}})"
        "\n",
        i);
  };
  check_all_read(read_text(surround("", jsonl, "{\n"), mapped(), "jsonl"), 1);
}

TEST_CASE("Recovery: pretty-printed JSON with a record cut short") {
  auto pretty = [](int i) {
    return fmt::format(
        "{{\n  \"CreationTime\": \"2026-03-02T09:16:00\",\n"
        "  \"Operation\": \"FileDownloaded\",\n  \"UserId\": \"u@x\",\n"
        "  \"Nested\": {{\n    \"a\": [\n      {{\n        \"b\": 1\n"
        "      }}\n    ]\n  }},\n"
        "  \"ObjectId\": \"https://t.sharepoint.com/sites/rd/a{}.docx\"\n}}\n",
        i);
  };
  const std::string cut =
      "{\n  \"CreationTime\": \"2026-03-02T09:16:00\",\n"
      "  \"Operation\": \"FileDown\n";
  check_all_read(read_text(surround("", pretty, cut), {}, "m365"), 1);
}
