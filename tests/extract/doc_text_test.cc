// Tests of lib/extract/doc_text.cc: a piece table of two pieces, one
// compressed (CP1252) and one UTF-16, joined across a keyword; Word's
// marks and fields; a piece past its stream.
#include "extract/doc_text.h"

#include "extract/cfb_fixtures.h"
#include "extract/ole_text.h"

#include <doctest/doctest.h>

#include <string>

using namespace mamori::extract;
using namespace mamori::testing::cfb;

namespace {

std::span<const std::byte> bytes(const std::string& s) {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

// A WordDocument stream whose FIB names 1Table and a Clx of `clx_size`
// bytes at 0, with `text` bytes at 0x800.
std::string word_document(const std::string& text, uint32_t clx_size) {
  std::string wd(0x800, '\0');
  put16(wd, 0, 0xA5EC);
  put16(wd, 0x0A, 0x0200);          // fWhichTblStm: 1Table
  put16(wd, 32, 14);                // csw
  put16(wd, 34 + 28, 22);           // cslw
  put16(wd, 34 + 28 + 2 + 88, 93);  // cbRgFcLcb
  put32(wd, 0x1A2, 0);
  put32(wd, 0x1A6, clx_size);
  return wd + text;
}

// Piece 1: "Lens " compressed at 0x800 with a field whose result is kept;
// piece 2: "非球面\r研磨" in UTF-16 after it.
struct TwoPieces {
  std::string wd;
  std::string table;
  TwoPieces() {
    const std::string one = "Lens \x13 HYPERLINK x \x14result\x15 ";
    const std::string two = utf16(u"非球面\r研磨");
    const auto n1 = static_cast<uint32_t>(one.size());
    const uint32_t n2 = 6;
    std::string plc = le32(0) + le32(n1) + le32(n1 + n2);
    plc += le16(0) + le32(0x40000000u | (0x800 * 2)) + le16(0);
    plc += le16(0) + le32(0x800 + n1) + le16(0);
    table = std::string("\x01\x02\x00\xAA\xBB", 5) + "\x02" +
            le32(static_cast<uint32_t>(plc.size())) + plc;
    wd = word_document(one + two, static_cast<uint32_t>(table.size()));
  }
};

}  // namespace

TEST_CASE("doc_text: compressed and UTF-16 pieces joined, field result kept") {
  const TwoPieces doc;
  const ExtractedText t = doc_text(bytes(doc.wd), bytes(doc.table), {});
  CHECK(t.error.empty());
  CHECK(t.text == "Lens result 非球面\n研磨");
  CHECK(doc_uses_1table(bytes(doc.wd)));
}

TEST_CASE("doc_text: through a compound file with WordDocument and 1Table") {
  const TwoPieces doc;
  const std::string file =
      make_cfb({{u"WordDocument", doc.wd}, {u"1Table", doc.table}});
  CHECK(ole_text(bytes(file), {}).text.find("Lens result 非球面") !=
        std::string::npos);
}

TEST_CASE("doc_text: a piece past the stream or a broken Clx is an error") {
  TwoPieces doc;
  doc.wd.resize(0x805);
  CHECK(!doc_text(bytes(doc.wd), bytes(doc.table), {}).error.empty());
  CHECK(!doc_text(bytes(doc.wd), bytes(std::string("\x02\xFF", 2)), {})
             .error.empty());
}
