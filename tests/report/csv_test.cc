// Tests of lib/report/csv.cc: RFC 4180 quoting, formula-like cells defused,
// and names from the media kept away from spreadsheets raw.
#include "report_fixtures.h"

#include "report/report.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::report;
using mamori::report::testing::sample_report;

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
