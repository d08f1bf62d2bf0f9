// Tests of lib/report/html.cc: input text is escaped (and, in the same
// case, the text report's terminal escapes).
#include "report_fixtures.h"

#include "report/report.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::report;
using mamori::report::testing::sample_report;

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
