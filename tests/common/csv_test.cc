// Tests of lib/common/csv.cc: RFC 4180 quoting, records that span lines,
// line numbers, line endings, the byte-order mark, and malformed records
// reported without losing the rest.
#include "common/csv.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using mamori::CsvReader;

namespace {

struct Record {
  std::vector<std::string> fields;
  size_t line = 0;
  std::string error;
};

std::vector<Record> read_all(std::string_view text) {
  CsvReader reader(text);
  std::vector<Record> out;
  Record r;
  while (reader.next(r.fields, r.line, r.error))
    out.push_back(r);
  return out;
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_CASE("CsvReader: quoted fields hold commas, doubled quotes and newlines") {
  auto records = read_all(
      "user,note\n"
      "\"sato, yuki\",\"said \"\"hi\"\"\"\n"
      "tanaka,\"two\nlines\"\n"
      "suzuki,\n");
  REQUIRE(records.size() == 4);
  CHECK(records[0].fields == Fields{"user", "note"});
  CHECK(records[1].fields == Fields{"sato, yuki", "said \"hi\""});
  CHECK(records[2].fields == Fields{"tanaka", "two\nlines"});
  CHECK(records[3].fields == Fields{"suzuki", ""});
  for (const Record& r : records)
    CHECK(r.error.empty());
}

TEST_CASE("CsvReader: a record's line is where it starts") {
  auto records = read_all("a\n\"b\nc\nd\"\ne\n");
  REQUIRE(records.size() == 3);
  CHECK(records[0].line == 1);
  CHECK(records[1].line == 2);
  CHECK(records[2].line == 5);
  CHECK(records[2].fields == Fields{"e"});
}

TEST_CASE("CsvReader: CRLF, LF, a missing last newline and a UTF-8 BOM") {
  auto records = read_all("\xEF\xBB\xBFid,name\r\n1,a\n2,b");
  REQUIRE(records.size() == 3);
  CHECK(records[0].fields == Fields{"id", "name"});  // no BOM in "id"
  CHECK(records[1].fields == Fields{"1", "a"});
  CHECK(records[2].fields == Fields{"2", "b"});
  CHECK(records[2].line == 3);
  CHECK(read_all("").empty());
  // An empty line is a record of one empty field, not the end.
  auto blank = read_all("a\n\nb\n");
  REQUIRE(blank.size() == 3);
  CHECK(blank[1].fields == Fields{""});
}

TEST_CASE("CsvReader: a malformed record names its fault and reading goes on") {
  auto records = read_all("\"a\"b,c\nd\"e,f\nok,1\n");
  REQUIRE(records.size() == 3);
  CHECK(records[0].error == "text after a closing quote");
  CHECK(records[0].fields == Fields{"ab", "c"});
  CHECK(records[1].error == "a quote inside an unquoted field");
  CHECK(records[2].error.empty());
  CHECK(records[2].fields == Fields{"ok", "1"});

  auto open = read_all("x,\"never closed\ny,z\n");
  REQUIRE(open.size() == 1);
  CHECK(open[0].error == "a quoted field is not closed before the end of file");
  CHECK(open[0].fields == Fields{"x", "never closed\ny,z\n"});
}
