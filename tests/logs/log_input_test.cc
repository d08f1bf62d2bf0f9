// Tests of lib/logs/log_input.cc: NUL padding left by a crash is skipped and
// counted, and is never taken for an (empty) tar, compressed or not.
#include "logs/log_input.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <zlib.h>

#include <string>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

TEST_CASE("Recovery: NUL padding is skipped and counted, never a tar") {
  auto line = [](int i) {
    return fmt::format(
        "Mar 26 16:10:45 fs1a smbd_audit[62673]: tanaka|10.0.100.14|openat|ok|"
        "r|/srv/shares/rd/{}.dwg\n",
        i);
  };
  const std::string pad(4096, '\0');
  for (const std::string format : {"", "samba"}) {
    CAPTURE(format);
    // At the start (taken for an empty tar before), in the middle, at the end.
    auto r = read_text(pad + surround("", line, pad) + pad, {}, format);
    check_all_read(r, 0);
    int padding = 0;
    for (const Notice& n : r.notices) {
      if (n.code == "nul_padding") {
        ++padding;
        CHECK(n.message.find("12288 NUL bytes skipped") != std::string::npos);
      }
    }
    CHECK(padding == 1);
  }
}

TEST_CASE("Recovery: a gzip log that starts with NUL padding is read") {
  auto line = [](int i) {
    return fmt::format(
        "Mar 26 16:10:45 fs1a smbd_audit[62673]: tanaka|10.0.100.14|openat|ok|"
        "r|/srv/shares/rd/{}.dwg\n",
        i);
  };
  const std::string text = std::string(1024, '\0') + surround("", line, "");
  ScratchDir dir;
  const std::string file = dir.path("smbd.log.gz");
  gzFile gz = gzopen(file.c_str(), "wb");
  REQUIRE(gz != nullptr);
  CHECK(gzwrite(gz, text.data(), static_cast<unsigned>(text.size())) ==
        static_cast<int>(text.size()));
  CHECK(gzclose(gz) == Z_OK);
  // Before, an empty tar: nothing read, nothing rejected.
  check_all_read(read_spec(file), 0);
  check_all_read(read_spec("samba:" + file), 0);
}
