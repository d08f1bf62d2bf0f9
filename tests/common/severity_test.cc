// Tests of lib/common/severity.cc: the five names and nothing else, and the
// score bands at each edge.
#include "common/severity.h"

#include <doctest/doctest.h>

using namespace mamori;

TEST_CASE("parse_severity: the five names of spec/findings.md, exactly") {
  for (Severity s : {Severity::kInfo, Severity::kLow, Severity::kMedium,
                     Severity::kHigh, Severity::kCritical}) {
    CAPTURE(static_cast<int>(s));
    CHECK(parse_severity(to_string(s)) == s);
  }
  CHECK(to_string(Severity::kMedium) == "medium");
  CHECK_FALSE(parse_severity("High"));
  CHECK_FALSE(parse_severity("warning"));
  CHECK_FALSE(parse_severity(""));
  CHECK_FALSE(parse_severity("high "));
}

TEST_CASE("severity_for_score: band edges, clamped to 0..100") {
  CHECK(severity_for_score(-5) == Severity::kInfo);
  CHECK(severity_for_score(19) == Severity::kInfo);
  CHECK(severity_for_score(20) == Severity::kLow);
  CHECK(severity_for_score(39) == Severity::kLow);
  CHECK(severity_for_score(40) == Severity::kMedium);
  CHECK(severity_for_score(59) == Severity::kMedium);
  CHECK(severity_for_score(60) == Severity::kHigh);
  CHECK(severity_for_score(79) == Severity::kHigh);
  CHECK(severity_for_score(80) == Severity::kCritical);
  CHECK(severity_for_score(1000) == Severity::kCritical);
}

TEST_CASE("base_score: a declared severity lands inside its own band") {
  for (Severity s : {Severity::kInfo, Severity::kLow, Severity::kMedium,
                     Severity::kHigh, Severity::kCritical}) {
    CAPTURE(static_cast<int>(s));
    CHECK(severity_for_score(base_score(s)) == s);
  }
  CHECK(base_score(Severity::kLow) < base_score(Severity::kMedium));
}
