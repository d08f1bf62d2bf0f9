#include "content/ole_streams.h"

#include "content_fixtures.h"

#include <cstring>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {

constexpr uint32_t kFree = 0xFFFFFFFF;
constexpr uint32_t kEnd = 0xFFFFFFFE;
constexpr uint32_t kFatSector = 0xFFFFFFFD;

void set16(std::string& s, size_t at, uint32_t v) {
  s[at] = static_cast<char>(v & 0xFF);
  s[at + 1] = static_cast<char>((v >> 8) & 0xFF);
}
void set32(std::string& s, size_t at, uint32_t v) {
  set16(s, at, v & 0xFFFF);
  set16(s, at + 2, v >> 16);
}

std::string utf16le(const std::u16string& text) {
  std::string out;
  for (char16_t c : text) {
    out += static_cast<char>(c & 0xFF);
    out += static_cast<char>(c >> 8);
  }
  return out;
}

void dir_entry(std::string& dir, size_t index, const std::u16string& name,
               int type, uint32_t right, uint32_t child, uint32_t start,
               uint32_t size) {
  size_t at = index * 128;
  std::string encoded = utf16le(name);
  std::memcpy(dir.data() + at, encoded.data(), encoded.size());
  set16(dir, at + 0x40, static_cast<uint32_t>(encoded.size() + 2));
  dir[at + 0x42] = static_cast<char>(type);
  set32(dir, at + 0x44, kFree);  // left sibling
  set32(dir, at + 0x48, right);
  set32(dir, at + 0x4C, child);
  set32(dir, at + 0x74, start);
  set32(dir, at + 0x78, size);
}

// A version 3 compound file: FAT in sector 0, directory in 1, mini FAT in 2,
// mini stream in 3, and "WordDocument" (5000 bytes) in sectors 4-13 stored
// out of order, so text crossing a sector boundary is split in the file.
std::string make_compound_file(const std::string& word_document,
                               const std::string& summary) {
  REQUIRE(word_document.size() == 5000);
  REQUIRE(summary.size() <= 128);
  std::string header(512, '\0');
  std::memcpy(header.data(), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  set16(header, 0x18, 0x3E);
  set16(header, 0x1A, 3);
  set16(header, 0x1C, 0xFFFE);
  set16(header, 0x1E, 9);
  set16(header, 0x20, 6);
  set32(header, 0x2C, 1);     // FAT sectors
  set32(header, 0x30, 1);     // first directory sector
  set32(header, 0x38, 4096);  // mini stream cutoff
  set32(header, 0x3C, 2);     // first mini FAT sector
  set32(header, 0x40, 1);     // mini FAT sectors
  set32(header, 0x44, kEnd);  // no DIFAT sectors
  set32(header, 0x4C, 0);     // the FAT is sector 0
  for (size_t i = 1; i < 109; ++i)
    set32(header, 0x4C + 4 * i, kFree);

  const std::vector<uint32_t> chain{4, 9, 5, 10, 6, 11, 7, 12, 8, 13};
  std::string fat(512, '\xFF');
  set32(fat, 0, kFatSector);
  set32(fat, 4, kEnd);
  set32(fat, 8, kEnd);
  set32(fat, 12, kEnd);
  for (size_t i = 0; i < chain.size(); ++i) {
    set32(fat, 4 * chain[i], i + 1 < chain.size() ? chain[i + 1] : kEnd);
  }
  std::string dir(512, '\0');
  dir_entry(dir, 0, u"Root Entry", 5, kFree, 1, 3, 128);
  dir_entry(dir, 1, u"WordDocument", 2, 2, kFree, 4, 5000);
  dir_entry(dir, 2, u"\x05SummaryInformation", 2, kFree, kFree, 0,
            static_cast<uint32_t>(summary.size()));
  std::string mini_fat(512, '\xFF');
  set32(mini_fat, 0, 1);
  set32(mini_fat, 4, kEnd);
  std::string mini_stream = summary + std::string(512 - summary.size(), '\0');

  std::vector<std::string> sectors(14, std::string(512, '\0'));
  sectors[0] = fat;
  sectors[1] = dir;
  sectors[2] = mini_fat;
  sectors[3] = mini_stream;
  for (size_t i = 0; i < chain.size(); ++i) {
    std::string part = word_document.substr(i * 512, 512);
    part.resize(512, '\0');
    sectors[chain[i]] = part;
  }
  std::string file = header;
  for (const std::string& s : sectors)
    file += s;
  return file;
}

std::string word_document_with(const std::string& utf16_text) {
  std::string doc(5000, 'W');
  // Crosses the boundary between the first and second sectors.
  doc.replace(500, utf16_text.size(), utf16_text);
  return doc;
}

}  // namespace

TEST_CASE("OleStreams: streams are reassembled from scattered sectors") {
  std::string text = utf16le(u"\u6750\u6599\u914D\u5408 PRJ-SECRET-0042");
  std::string doc = word_document_with(text);
  std::string file = make_compound_file(doc, "summary bytes");
  REQUIRE(file.find(text) == std::string::npos);  // split in the file
  OleFile ole;
  std::string error;
  REQUIRE_MESSAGE(ole.open(std::as_bytes(std::span(file)), error), error);
  REQUIRE(ole.streams().size() == 2);
  CHECK(ole.streams()[0].name == "\x05SummaryInformation");
  CHECK(ole.streams()[1].name == "WordDocument");
  std::vector<std::byte> out;
  REQUIRE(ole.read(ole.streams()[1], out, error));
  CHECK(std::string(reinterpret_cast<const char*>(out.data()), out.size()) ==
        doc);
  REQUIRE(ole.read(ole.streams()[0], out, error));
  CHECK(std::string(reinterpret_cast<const char*>(out.data()), out.size()) ==
        "summary bytes");
}

TEST_CASE("OleStreams: UTF-16 text runs become UTF-8") {
  std::string data = "\x01\x02" + utf16le(u"\u6750\u6599\u914D\u5408 ok") +
                     std::string("\x00\x00\x07", 3);
  std::string text = utf16_text(std::as_bytes(std::span(data)));
  CHECK(text.find("\xE6\x9D\x90\xE6\x96\x99\xE9\x85\x8D\xE5\x90\x88 ok\n") !=
        std::string::npos);
}

TEST_CASE("OleStreams: a looping or truncated file is refused, not followed") {
  std::string file = make_compound_file(std::string(5000, 'x'), "s");
  std::string error;
  SUBCASE("directory chain loops") {
    set32(file, 512 + 4 * 1, 1);
    OleFile ole;
    CHECK_FALSE(ole.open(std::as_bytes(std::span(file)), error));
    CHECK(error.find("directory") != std::string::npos);
  }
  SUBCASE("stream chain leaves the file") {
    set32(file, 512 + 4 * 13, kEnd);
    file.resize(512 * 12);  // sectors 11-13 are gone
    OleFile ole;
    REQUIRE(ole.open(std::as_bytes(std::span(file)), error));
    std::vector<std::byte> out;
    CHECK_FALSE(ole.read(ole.streams()[1], out, error));
  }
  SUBCASE("shorter than a header") {
    OleFile ole;
    CHECK_FALSE(ole.open(std::as_bytes(std::span(file).first(100)), error));
  }
}

TEST_CASE("OleStreams: a legacy document's UTF-16 text is matched") {
  std::string text = utf16le(u"\u6750\u6599\u914D\u5408 PRJ-SECRET-0042");
  TempDir tree;
  write_file(tree / "old.doc",
             make_compound_file(word_document_with(text), "summary"));
  RuleFixture rules(
      std::string(kSecretRule) +
      "rule recipe_jp { strings: $a = \"\u6750\u6599\u914D\u5408\" "
      "condition: $a }\n");
  Diagnostics diag;
  Results r = scan_paths({tree.path()}, rules.get(), {}, {}, 1, diag);
  std::string top = (tree / "old.doc").string();
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].location == Location{top, "WordDocument"});
  REQUIRE(r.hits[0].rules.size() == 2);
  CHECK(r.hits[0].rules[0].rule == "recipe_jp");
  CHECK(r.hits[0].rules[1].rule == "secret");
  const ContainerRecord* info = find_archive(r, {top});
  REQUIRE(info != nullptr);
  CHECK(info->document);
  CHECK(info->members == 2);
  CHECK(diag.size() == 0);
}
