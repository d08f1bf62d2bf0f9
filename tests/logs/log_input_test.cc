// Tests of lib/logs/log_input.cc: NUL padding left by a crash is skipped and
// counted, and is never taken for an (empty) tar, compressed or not; logs
// in UTF-16 and lines in CP932 are read as UTF-8.
#include "logs/log_input.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include "common/encoding.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <zlib.h>

#include <functional>
#include <optional>
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

namespace {
// A Samba line whose path holds `name`, in UTF-8.
std::string samba_line(int i, const std::string& name) {
  return fmt::format(
      "Mar 26 16:10:45 fs1a smbd_audit[62673]: tanaka|10.0.100.14|openat|ok|"
      "r|/srv/shares/rd/{}{}.dwg\n",
      name, i);
}
const std::string kKanji = "\xE5\x9B\xB3\xE9\x9D\xA2";  // 図面
const std::string kPair = "\xF0\xA0\xAE\xB7";           // 𠮷, two units
}  // namespace

TEST_CASE("Encodings: logs in UTF-16, with or without a mark, read as UTF-8") {
  const std::function<std::string(int)> records[] = {
      winjson, m365_json, winxml,
      [](int i) { return samba_line(i, kKanji + kPair); }};
  struct Encoding {
    const char* iconv;
    std::string mark;
  };
  const Encoding encodings[] = {
      {"UTF-16LE", "\xFF\xFE"}, {"UTF-16LE", ""}, {"UTF-16BE", "\xFE\xFF"}};
  for (size_t r = 0; r < std::size(records); ++r) {
    for (const Encoding& e : encodings) {
      CAPTURE(r);
      CAPTURE(e.iconv);
      CAPTURE(e.mark.size());
      const std::string utf8 = surround("", records[r], "");
      const std::optional<std::string> utf16 =
          convert_encoding(utf8, "UTF-8", e.iconv);
      REQUIRE(utf16);
      ReadResult got = read_text(e.mark + *utf16);
      check_all_read(got, 0);
      CHECK(got.notices.empty());
      if (r == 3 && !got.events.empty())
        CHECK(got.events[7].path ==
              "/srv/shares/rd/" + kKanji + kPair + "7.dwg");
    }
  }
}

TEST_CASE("Encodings: text that is not UTF-16 costs only itself, said once") {
  // A line of a UTF-16 Samba log, in the middle, with a lone surrogate.
  auto line = [](int i) {
    return *convert_encoding(samba_line(i, kKanji), "UTF-8", "UTF-16LE");
  };
  std::string bad = line(0);
  bad.insert(bad.size() - 10, "\x3D\xD8", 2);  // before ".dwg\n"
  ReadResult got =
      read_text(surround("\xFF\xFE", line, bad), {}, "", "smbd.log");
  CHECK(got.ok);
  // Only the character is lost: its line is read, every other line too.
  CHECK(got.events.size() == kGood + 1);
  CHECK(got.stats.lines_rejected == 0);
  REQUIRE(got.notices.size() == 1);
  const Notice* encoding = nullptr;
  for (const Notice& n : got.notices)
    if (n.code == "bad_encoding")
      encoding = &n;
  REQUIRE(encoding != nullptr);
  CHECK(encoding->message ==
        "units that are not UTF-16LE: 1, each read as U+FFFD");
  CHECK(got.events[kGood / 2].path ==
        "/srv/shares/rd/" + kKanji + "0\xEF\xBF\xBD.dwg");
}

TEST_CASE("Encodings: CP932 lines are read as UTF-8, UTF-8 lines as they are") {
  // A Samba server with `unix charset = CP932`, and some UTF-8 lines.
  auto line = [](int i) {
    const std::string utf8 = samba_line(i, kKanji);
    return i % 3 == 0 ? utf8 : *convert_encoding(utf8, "UTF-8", "CP932");
  };
  ReadResult got = read_text(surround("", line, ""));
  check_all_read(got, 0);
  CHECK(got.notices.empty());
  for (int i : {6, 7})
    CHECK(got.events[i].path ==
          fmt::format("/srv/shares/rd/{}{}.dwg", kKanji, i));
  // Bytes that are neither stay as they are, for the outputs to escape.
  got = read_text(samba_line(1, "\x80\xFF"));
  REQUIRE(got.events.size() == 1);
  CHECK(got.events[0].path ==
        "/srv/shares/rd/\x80\xFF"
        "1.dwg");
}

TEST_CASE("sniff_utf16: only text with every second byte NUL, or a mark") {
  size_t bom = 9;
  CHECK(sniff_utf16("\xFF\xFE<", &bom) == ByteOrder::kLittle);
  CHECK(bom == 2);
  CHECK(sniff_utf16("\xFE\xFF", &bom) == ByteOrder::kBig);
  CHECK(sniff_utf16(std::string("\xFF\xFE\0\0", 4), &bom) == std::nullopt);
  CHECK(bom == 0);  // UTF-32's mark
  const std::string le = *convert_encoding(
      "{\"EventID\": 4663, \"Message\": \"x\"}", "UTF-8", "UTF-16LE");
  CHECK(sniff_utf16(le, &bom) == ByteOrder::kLittle);
  CHECK(bom == 0);
  CHECK(sniff_utf16(le.substr(0, 30), &bom) == std::nullopt);  // too little
  // NUL padding, an EVTX header, text: none is UTF-16.
  CHECK(sniff_utf16(std::string(4096, '\0'), &bom) == std::nullopt);
  std::string evtx("ElfFile\0", 8);
  evtx.resize(4096, '\0');
  CHECK(sniff_utf16(evtx, &bom) == std::nullopt);
  CHECK(sniff_utf16(samba_line(1, kKanji) + samba_line(2, ""), &bom) ==
        std::nullopt);
}
