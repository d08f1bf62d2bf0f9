// Tests of lib/content/ole_streams.cc: stream reassembly from scattered
// sectors, UTF-16 text to UTF-8, and loops or truncation refused.
#include "content/ole_streams.h"

#include "document_fixtures.h"

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

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
