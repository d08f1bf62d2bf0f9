// Tests of lib/logs/syslog_parser.cc: a line without a syslog header is
// rejected and costs that line only.
#include "logs/syslog_parser.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

TEST_CASE("Recovery: a syslog line without a header costs that line") {
  auto mounted = [](int i) {
    return fmt::format(
        "2026-03-01T10:00:01+0900 ws udisksd[1]: Mounted /dev/sdb1 at "
        "/media/tanaka/K{} on behalf of uid 1000\n",
        i);
  };
  check_all_read(
      read_text(surround("", mounted, "2026-03-01T10:0\n"), {}, "syslog"), 1);
}
