// Tests of lib/extract/ppt_text.cc: text atoms inside nested containers,
// and a length past the stream.
#include "extract/ppt_text.h"

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

std::string rec(uint16_t ver, uint16_t type, const std::string& body) {
  return le16(ver) + le16(type) + le32(static_cast<uint32_t>(body.size())) +
         body;
}

std::string presentation() {
  const std::string slide =
      rec(0x0F, 0x03F0,
          rec(0, 0x0FA0, utf16(u"非球面研磨レシピ")) +
              rec(0, 0x0FA8, "Caf\xE9") + rec(0, 0x0FBA, utf16(u"Notes")));
  return rec(0x0F, 0x03E8, slide + rec(0, 0x0FF0, "skip"));
}

}  // namespace

TEST_CASE("ppt_text: TextCharsAtom, TextBytesAtom, CString in containers") {
  CHECK(ppt_text(bytes(presentation()), {}).text ==
        "非球面研磨レシピ\nCafé\nNotes");
  const std::string file = make_cfb({{u"PowerPoint Document", presentation()}});
  CHECK(ole_text(bytes(file), {}).text.starts_with("非球面研磨レシピ"));
}

TEST_CASE("ppt_text: an atom longer than the stream ends the walk") {
  const std::string s =
      rec(0, 0x0FA8, "ok") + le16(0) + le16(0x0FA0) + le32(0xFFFFFFF0u) + "xx";
  CHECK(ppt_text(bytes(s), {}).text == "ok");
}
