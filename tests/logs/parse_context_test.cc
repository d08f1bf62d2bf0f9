// Tests of lib/logs/parse_context.cc: the since/until window applied to the
// events a parser yields, and the per-format counts kept with it.
#include "logs/parse_context.h"

#include "log_test_util.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

TEST_CASE("read_log: since and until keep events inside the window") {
  ReadOptions options;
  options.since = parse_timestamp("2026-10-05T01:15:33Z", Zone::utc());
  options.until = parse_timestamp("2026-10-05T01:15:33Z", Zone::utc());
  auto r = read_text(kSambaLog, options);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].path == "/srv/rd/b.dwg");
  CHECK(r.stats.events == 1);
  CHECK(r.stats.events_by_format.at("samba") == 1);
}
