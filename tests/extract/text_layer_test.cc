// The text layer end to end: documents whose phrases are not stored as
// plain bytes (Word runs split at each edit, rich-text shared strings, a
// PDF drawn in a CID font behind a ToUnicode CMap or a predefined Japanese
// CMap, RTF escapes) are found by keyword rules and text-layer rules
// through the content scanner, and the evidence says the text layer
// matched. Then the choice of extractor by content and name.
#include "extract/text_layer.h"

#include "extract/cfb_fixtures.h"
#include "extract/pdf_fixtures.h"

#include "assets/register.h"
#include "common/text.h"
#include "content/content_fixtures.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;
using mamori::extract::TextSource;

namespace {

constexpr std::string_view kPhrase = "非球面研磨レシピ";

// A register whose one asset has the phrase as its keyword, and a text
// rule (like the shipped markings) that counts only in text.
struct Fixture {
  TempDir dir;
  assets::Register reg;
  std::optional<RuleFixture> rules;

  Fixture() {
    reg = keyword_register(dir.path(), kPhrase);
    rules.emplace(
        "rule stamp { meta: layer = \"text\" strings: $a = \"\\n極秘\\n\" "
        "condition: $a }\n",
        reg);
  }

  Results scan_file(const std::string& name, const std::string& bytes,
                    Diagnostics& diag) {
    TempDir tree;
    write_file(tree / name, bytes);
    return scan_paths({tree.path()}, rules->get(), reg, Limits{}, 1, diag);
  }
};

// The text-layer string matches of `rule` among the hits.
std::vector<StringMatch> text_matches(const Results& r, std::string_view rule) {
  std::vector<StringMatch> out;
  for (const ObjectHit& hit : r.hits) {
    for (const RuleHit& rh : hit.rules) {
      if (rh.rule != rule)
        continue;
      for (const StringMatch& m : rh.strings) {
        if (m.layer == "text")
          out.push_back(m);
      }
    }
  }
  return out;
}

const std::string kKeywordRule = "asset_lens_keywords";

}  // namespace

TEST_CASE(
    "text layer: a keyword Word split across runs is found in the "
    "text of word/document.xml, and a header stamp by a text rule") {
  Fixture f;
  const std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"x\">"
      "<w:body><w:p><w:r><w:t>非球面研磨</w:t></w:r><w:r><w:rPr><w:b/>"
      "</w:rPr><w:t>レシピ</w:t></w:r></w:p></w:body></w:document>";
  const std::string header =
      "<w:hdr xmlns:w=\"x\"><w:p><w:r><w:t>極秘</w:t></w:r></w:p></w:hdr>";
  REQUIRE(document.find(kPhrase) == std::string::npos);
  Diagnostics diag;
  const Results r = f.scan_file("plan.docx",
                                make_zip({{"[Content_Types].xml", "<Types/>"},
                                          {"word/document.xml", document},
                                          {"word/header1.xml", header}}),
                                diag);
  const auto keyword = text_matches(r, kKeywordRule);
  REQUIRE(keyword.size() == 1);
  CHECK(keyword[0].keyword == kPhrase);
  CHECK(keyword[0].offset == 0);  // in the text, without its frame
  CHECK(keyword[0].excerpt.starts_with(kPhrase));
  CHECK(text_matches(r, "stamp").size() == 1);
}

TEST_CASE("text layer: rich-text shared strings of a workbook are joined") {
  Fixture f;
  const std::string shared =
      "<sst xmlns=\"x\"><si><r><t>非球面</t></r><r><rPr><b/></rPr>"
      "<t>研磨レシピ</t></r></si></sst>";
  Diagnostics diag;
  const Results r = f.scan_file(
      "cost.xlsx", make_zip({{"xl/sharedStrings.xml", shared}}), diag);
  CHECK(text_matches(r, kKeywordRule).size() == 1);
}

TEST_CASE(
    "text layer: a PDF drawn in a CID font behind ToUnicode, and one "
    "in the predefined 90ms-RKSJ-H CMap, are read") {
  Fixture f;
  const std::string cid = mamori::testing::pdf::to_unicode_document();
  REQUIRE(cid.find(kPhrase) == std::string::npos);
  Diagnostics diag;
  Results r = f.scan_file("spec.pdf", cid, diag);
  CHECK(text_matches(r, kKeywordRule).size() == 1);

  // 極秘 in Shift_JIS codes, alone on the page: the text rule's stamp.
  const std::string sjis =
      mamori::testing::pdf::predefined_cmap_document("90ms-RKSJ-H", "8BC994E9");
  Diagnostics diag2;
  r = f.scan_file("stamp.pdf", sjis, diag2);
  CHECK(text_matches(r, "stamp").size() == 1);
}

TEST_CASE(
    "text layer: an xls shared string split across a CONTINUE record "
    "with a change of width is found") {
  namespace cfb = mamori::testing::cfb;
  Fixture f;
  // 非球面 as UTF-16 in the SST, 研磨レシピ in the CONTINUE after a new
  // flags byte; neither half holds the phrase in any encoding.
  const std::string sst = cfb::le32(1) + cfb::le32(1) + cfb::le16(8) +
                          std::string("\x01", 1) + cfb::utf16(u"非球面");
  const std::string more = std::string("\x01", 1) + cfb::utf16(u"研磨レシピ");
  const std::string workbook =
      cfb::le16(0x0809) + cfb::le16(8) + cfb::le16(0x0600) + cfb::le16(5) +
      cfb::le32(0) + cfb::le16(0x00FC) +
      cfb::le16(static_cast<uint32_t>(sst.size())) + sst + cfb::le16(0x003C) +
      cfb::le16(static_cast<uint32_t>(more.size())) + more + cfb::le16(0x000A) +
      cfb::le16(0);
  Diagnostics diag;
  const Results r =
      f.scan_file("cost.xls", cfb::make_cfb({{u"Workbook", workbook}}), diag);
  const auto keyword = text_matches(r, kKeywordRule);
  REQUIRE(keyword.size() == 1);
  CHECK(keyword[0].keyword == kPhrase);
}

TEST_CASE("text layer: RTF with CP932 escapes is read") {
  Fixture f;
  // 非球面研磨レシピ in CP932, written as \'hh escapes.
  const std::string rtf =
      "{\\rtf1\\ansi\\ansicpg932{\\fonttbl{\\f0 MS Mincho;}}\\f0 "
      "\\'94\\'f1\\'8b\\'85\\'96\\'ca\\'8c\\'a4\\'96\\'81\\'83\\'8c\\'83"
      "\\'56\\'83\\'73\\par}";
  Diagnostics diag;
  const Results r = f.scan_file("memo.rtf", rtf, diag);
  CHECK(text_matches(r, kKeywordRule).size() == 1);
}

TEST_CASE("text layer: a text rule never fires on a binary object's bytes") {
  Fixture f;
  constexpr char kElf[] =
      "\x7F"
      "ELF\x02\x01\x01\0\0\0\n極秘\n\0\0";
  const std::string binary(kElf, sizeof kElf - 1);
  Diagnostics diag;
  const Results r = f.scan_file("tool", binary, diag);
  CHECK(r.hits.empty());
  // The same stamp in a text file counts.
  Diagnostics diag2;
  const Results t = f.scan_file("note.txt", "表紙\n極秘\n", diag2);
  REQUIRE(t.hits.size() == 1);
  CHECK(t.hits[0].rules.at(0).rule == "stamp");
}

TEST_CASE("text_source: extractors chosen by content, then by name") {
  auto source = [](std::string_view data, std::string_view name,
                   bool pdf = false) {
    return extract::text_source(std::as_bytes(std::span(data)), name, pdf);
  };
  CHECK(source("%PDF-1.7", "a.bin", true) == TextSource::kPdf);
  CHECK(source("{\\rtf1\\ansi x}", "letter.doc") == TextSource::kRtf);
  CHECK(source("<w:document/>", "word/document.xml") == TextSource::kMarkup);
  CHECK(source("<sst/>", "xl/sharedStrings.xml") == TextSource::kMarkup);
  CHECK(source("<svg/>", "drawing.SVG") == TextSource::kMarkup);
  CHECK(source("\xEF\xBB\xBF  <!DOCTYPE html><p>x", "page") ==
        TextSource::kHtml);
  CHECK(source("<p>x</p>", "index.htm") == TextSource::kHtml);
  CHECK(source("plain words", "notes.txt") == TextSource::kNone);
  CHECK(source("<Types/>", "[Content_Types].xml") == TextSource::kMarkup);
  CHECK(source("", "empty.html") == TextSource::kNone);
}

TEST_CASE("extract_text: a broken XML part gives valid UTF-8 (fuzz input)") {
  const std::string xml =
      "<?xml version=\"1.0\"?><endstreamt xmlns:w=\"w\"><w:body><w:p>"
      "<\xA7\x98</w:t></w:r><w:r><w:t xml:space=\"preserve\"> design</w:t>"
      "</w:r></w:p></w:body></w:document>\x01\x80";
  const extract::ExtractedText out = extract::extract_text(
      TextSource::kMarkup, std::as_bytes(std::span(xml)), {});
  CHECK(is_valid_utf8(out.text));
}
