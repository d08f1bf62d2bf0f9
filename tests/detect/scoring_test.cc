// Tests of lib/detect/scoring.cc: comparisons with own and peer baselines,
// and when departure adds its weight.
#include "detect/scoring.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::detect;

namespace {

Baseline own(double median, double mad, size_t days = 20) {
  Baseline b;
  b.median = median;
  b.mad = mad;
  b.values = days;
  return b;
}

Baseline peers(double median, double mad, size_t people = 8) {
  Baseline b = own(median, mad, people * 10);
  b.kind = Baseline::Kind::kPeers;
  b.people = people;
  return b;
}

}  // namespace

TEST_CASE("compare: far above, above and within the own baseline") {
  auto far = score::compare(812, own(14, 5), std::nullopt, "daily files");
  CHECK(far.level == score::Level::kFarAbove);
  CHECK(far.points == score::kFarAbovePoints);
  CHECK(far.reasons.at(0) ==
        "own daily files median 14 (MAD 5, 20 days): 58× it");
  CHECK(score::compare(40, own(14, 5), std::nullopt, "x").level ==
        score::Level::kAbove);
  auto within = score::compare(20, own(14, 5), std::nullopt, "x");
  CHECK(within.level == score::Level::kWithin);
  CHECK(within.points == score::kWithinPoints);
  // A perfectly regular series: MAD 0 counts as one file, so 16 instead of
  // 14 is not an anomaly.
  CHECK(score::compare(16, own(14, 0), std::nullopt, "x").level ==
        score::Level::kWithin);
}

TEST_CASE("compare: own and peers must agree; peers stand alone otherwise") {
  // The whole team doubled its reading today: not this person's anomaly.
  auto crunch = score::compare(60, own(20, 4), peers(55, 8), "x");
  CHECK(crunch.level == score::Level::kWithin);
  REQUIRE(crunch.reasons.size() == 3);
  CHECK(crunch.reasons[1].find("peers' x median 55 (MAD 8, 8 people") == 0);
  // A new hire: peers alone.
  CHECK(score::compare(300, std::nullopt, peers(20, 5), "x").level ==
        score::Level::kFarAbove);
  auto none = score::compare(300, std::nullopt, std::nullopt, "x");
  CHECK(none.level == score::Level::kUnknown);
  CHECK(none.points == 0);
}

TEST_CASE("departure: full weight only for unusual activity, always after") {
  people::Person p;
  p.user = "sato";
  p.employment = people::Employment::kDispatched;
  p.end_date = parse_date("2026-03-31");
  Actor actor;
  actor.person = &p;
  Settings s;
  const Timestamp before = *parse_timestamp("2026-03-27T10:00", Zone::utc());
  const Timestamp after = *parse_timestamp("2026-04-02T10:00", Zone::utc());
  Finding a, b, c;
  CHECK(score::departure(a, actor, before, true, s) ==
        score::kDeparting + score::kContractStaff);
  CHECK(a.context->days_to_end == 4);
  CHECK(score::departure(b, actor, before, false, s) ==
        score::kDepartingOrdinary);
  CHECK(b.reasons.back().find("the activity itself is ordinary") !=
        std::string::npos);
  CHECK(score::departure(c, actor, after, false, s) ==
        score::kAfterLastDay + score::kContractStaff);
  Actor nobody;
  Finding d;
  CHECK(score::departure(d, nobody, before, true, s) == 0);
  CHECK_FALSE(d.context);
}
