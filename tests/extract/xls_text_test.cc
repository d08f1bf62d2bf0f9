// Tests of lib/extract/xls_text.cc: shared strings split across CONTINUE
// records with a change of width, Latin-1 "compressed" strings, rich-text
// and phonetic data skipped, sheet names and LABEL cells, BIFF5 strings in
// the CODEPAGE, and hostile lengths.
#include "extract/xls_text.h"

#include "extract/cfb_fixtures.h"
#include "extract/text_layer.h"

#include <doctest/doctest.h>

#include <string>

using namespace mamori::extract;
using namespace mamori::testing::cfb;

namespace {

std::string record(uint16_t type, const std::string& data) {
  return le16(type) + le16(static_cast<uint32_t>(data.size())) + data;
}

std::span<const std::byte> bytes(const std::string& s) {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

const std::string kBof8 = record(0x0809, le16(0x0600) + le16(5) + le32(0));

// SST: "Café" (Latin-1), "Secret 設計" cut after "Secret " with the rest in
// a CONTINUE record as UTF-16, then "図面" with one rich-text run and
// three bytes of phonetic data.
std::string workbook() {
  std::string sst = le32(3) + le32(3);
  sst += le16(4) + std::string("\x00", 1) + "Caf\xE9";
  sst += le16(9) + std::string("\x00", 1) + "Secret ";
  std::string more = std::string("\x01", 1) + utf16(u"設計");
  more += le16(2) + std::string("\x0D", 1) + le16(1) + le32(3) +
          utf16(u"図面") + le32(0) + "abc";
  std::string s = kBof8;
  s += record(0x0085, le32(0) + std::string("\x00\x00", 2) +
                          std::string("\x05\x00", 2) + "Plan1");
  s += record(0x00FC, sst);
  s += record(0x003C, more);
  s += record(0x0204, le16(0) + le16(0) + le16(0) + le16(2) +
                          std::string("\x01", 1) + utf16(u"極秘"));
  s += record(0x000A, "");
  return s;
}

}  // namespace

TEST_CASE("xls_text: SST across CONTINUE, Latin-1, rich text, sheet, label") {
  const ExtractedText t = xls_text(bytes(workbook()), TextLimits{});
  CHECK(t.error.empty());
  CHECK(t.text == "Plan1\nCafé\nSecret 設計\n図面\n極秘");
}

TEST_CASE("xls_text: BIFF5 label in the CODEPAGE (932)") {
  std::string s = record(0x0809, le16(0x0500) + le16(5));
  s += record(0x0042, le16(932));
  s += record(0x0204,
              le16(0) + le16(0) + le16(0) + le16(4) + "\x90\x7D\x96\xCA");
  CHECK(xls_text(bytes(s), TextLimits{}).text == "図面");
}

TEST_CASE("xls_text: a CODEPAGE iconv does not know is read as CP1252") {
  std::string s = record(0x0809, le16(0x0500) + le16(5));
  s += record(0x0042, le16(12345));
  s += record(0x0204, le16(0) + le16(0) + le16(0) + le16(4) + "Caf\xE9");
  CHECK(xls_text(bytes(s), TextLimits{}).text == "Café");
}

TEST_CASE("xls_text: hostile lengths stop without reading past the data") {
  std::string sst = le32(1) + le32(1) + le16(0xFFFF) + std::string("\x0D", 1) +
                    le16(0xFFFF) + "xy";
  const ExtractedText t =
      xls_text(bytes(kBof8 + record(0x00FC, sst) + record(0x003C, "\x01")),
               TextLimits{});
  CHECK(!t.error.empty());
  // A record whose length passes the stream's end ends the walk.
  CHECK(xls_text(bytes(kBof8 + le16(0x0204) + le16(500) + "ab"), TextLimits{})
            .text.empty());
}

TEST_CASE("xls_text: a CONTINUE record that holds only its flags byte") {
  // "Secret AB": seven characters in the SST, a CONTINUE of nothing but the
  // width flags, then another CONTINUE with new flags and the rest. Nothing
  // after the first flags byte is read as a character.
  const std::string sst =
      le32(1) + le32(1) + le16(9) + std::string("\x00", 1) + "Secret ";
  const std::string s = kBof8 + record(0x00FC, sst) +
                        record(0x003C, std::string("\x01", 1)) +
                        record(0x003C, std::string("\x00", 1) + "AB");
  const ExtractedText t = xls_text(bytes(s), TextLimits{});
  CHECK(t.error.empty());
  CHECK(t.text == "Secret AB");
}

TEST_CASE("xls_text: a compound file's Workbook through text_source") {
  const std::string file = make_cfb({{u"Workbook", workbook()}});
  REQUIRE(text_source(bytes(file), "book.xls", false) == TextSource::kOle);
  const ExtractedText t = extract_text(TextSource::kOle, bytes(file), {});
  CHECK(t.text.find("Secret 設計") != std::string::npos);
}
