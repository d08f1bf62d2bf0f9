// xml_text, html_text and is_text_part on the shapes of markup that office
// packages and web pages really contain, and on hostile input.
#include "extract/markup_text.h"

#include "test_util.h"

#include "common/encoding.h"

#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using mamori::extract::ExtractedText;
using mamori::extract::html_text;
using mamori::extract::is_text_part;
using mamori::extract::TextLimits;
using mamori::extract::xml_text;

namespace {

std::span<const std::byte> bytes(std::string_view s) {
  return std::as_bytes(std::span(s));
}

ExtractedText xml(std::string_view s, const TextLimits& limits = {}) {
  return xml_text(bytes(s), limits);
}

ExtractedText html(std::string_view s, const TextLimits& limits = {}) {
  return html_text(bytes(s), limits);
}

constexpr std::string_view kW =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

std::string docx_body(std::string_view paragraphs) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
         "<w:document " +
         std::string(kW) + "><w:body>" + std::string(paragraphs) +
         "</w:body></w:document>";
}

}  // namespace

TEST_CASE("xml_text: Word runs of one paragraph are joined") {
  const ExtractedText t =
      xml(docx_body("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>非球面研磨</w:t></w:r>"
                    "<w:r><w:rPr><w:i/></w:rPr><w:t>レシピ</w:t></w:r></w:p>"));
  CHECK(t.text == "非球面研磨レシピ");
  CHECK(t.error.empty());
  CHECK_FALSE(t.truncated);
}

TEST_CASE("xml_text: indented runs still join, paragraphs are lines") {
  const ExtractedText t = xml(docx_body(R"(
    <w:p>
      <w:r>
        <w:t>非球面研磨</w:t>
      </w:r>
      <w:r>
        <w:t>レシピ</w:t>
      </w:r>
    </w:p>
    <w:p>
      <w:r><w:t>第3版</w:t></w:r>
    </w:p>
  )"));
  CHECK(t.text == "非球面研磨レシピ\n第3版");
}

TEST_CASE("xml_text: xml:space=\"preserve\" keeps the spaces of a run") {
  const ExtractedText t =
      xml(docx_body("<w:p><w:r><w:t xml:space=\"preserve\">Design </w:t></w:r>"
                    "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>"
                    "<w:r><w:t>review</w:t></w:r></w:p>"));
  CHECK(t.text == "Design  review");
}

TEST_CASE("xml_text: tabs, breaks and table cells separate text") {
  const ExtractedText t = xml(docx_body(
      "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs>"
      "</w:pPr><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t>"
      "</w:r></w:p>"
      "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"
      "<w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"));
  // The tab stop definition in w:tabs is not a tab of the text.
  CHECK(t.text == "A\tB\nC\nx\ty");
}

TEST_CASE("xml_text: field codes are skipped, deleted text is kept") {
  const ExtractedText t = xml(docx_body(
      "<w:p><w:r><w:instrText> HYPERLINK \"http://x\" </w:instrText></w:r>"
      "<w:r><w:t>極秘</w:t></w:r>"
      "<w:del><w:r><w:delText>図面</w:delText></w:r></w:del></w:p>"));
  CHECK(t.text == "極秘図面");
}

TEST_CASE("xml_text: rich-text shared strings join their runs") {
  const ExtractedText t =
      xml("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
          "main\"><si><r><t>機密</t></r><r><rPr/><t>図面</t></r></si>"
          "<si><t>部品表</t></si></sst>");
  CHECK(t.text == "機密図面\n部品表");
}

TEST_CASE("xml_text: a sheet gives inline strings and numbers, not indexes") {
  const ExtractedText t =
      xml("<worksheet><sheetData><row r=\"1\">"
          "<c r=\"A1\" t=\"s\"><v>17</v></c>"
          "<c r=\"B1\" t=\"inlineStr\"><is><t>研磨条件</t></is></c>"
          "<c r=\"C1\"><f>SUM(D1:D9)</f><v>42</v></c>"
          "</row><row r=\"2\"><c t=\"inlineStr\"><is><t>次</t></is></c></row>"
          "</sheetData></worksheet>");
  CHECK(t.text == "研磨条件\t42\n次");
}

TEST_CASE("xml_text: ODF spans join within a paragraph") {
  const ExtractedText t = xml(
      "<office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
      "<office:body><office:text>"
      "<text:h>表題</text:h>"
      "<text:p>非球面<text:span>研磨</text:span>レシピ</text:p>"
      "<text:p>a<text:s/>b<text:tab/>c<text:line-break/>d</text:p>"
      "<text:p><text:span>one</text:span> <text:span>two</text:span></text:p>"
      "</office:text></office:body></office:document-content>");
  CHECK(t.text == "表題\n非球面研磨レシピ\na b\tc\nd\none two");
}

TEST_CASE("xml_text: DrawingML paragraphs of a slide are lines") {
  const ExtractedText t = xml(
      "<p:sld xmlns:p=\"p\" xmlns:a=\"a\"><p:cSld><p:spTree><p:sp><p:txBody>"
      "<a:p><a:r><a:t>極秘</a:t></a:r><a:r><a:t>資料</a:t></a:r></a:p>"
      "<a:p><a:r><a:t>二行目</a:t></a:r><a:br/><a:r><a:t>三</a:t></a:r></a:p>"
      "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>");
  CHECK(t.text == "極秘資料\n二行目\n三");
}

TEST_CASE("xml_text: document properties are one line each") {
  const ExtractedText t =
      xml("<cp:coreProperties xmlns:cp=\"cp\" xmlns:dc=\"dc\">"
          "<dc:title>設計書</dc:title><dc:subject>極秘</dc:subject>"
          "<dc:creator>山田</dc:creator></cp:coreProperties>");
  CHECK(t.text == "設計書\n極秘\n山田");
}

TEST_CASE(
    "xml_text: attributes, comments and processing instructions are "
    "not text") {
  const ExtractedText t =
      xml("<?xml-stylesheet href=\"secret.css\"?><doc title=\"属性\">"
          "<!-- コメント --><p>本文</p></doc>");
  CHECK(t.text == "本文");
}

TEST_CASE("xml_text: entities: predefined and character references only") {
  const ExtractedText t = xml("<p>A &amp; B &lt;&#x6A5F;&#23494;&gt;</p>");
  CHECK(t.text == "A & B <機密>");
}

TEST_CASE("xml_text: script and style content of XHTML is skipped") {
  const ExtractedText t =
      xml("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head>"
          "<style>p { color: red }</style><script>var x = 1;</script></head>"
          "<body><p>本文</p><p>次</p></body></html>");
  CHECK(t.text == "本文\n次");
}

TEST_CASE("xml_text: a billion-laughs entity bomb is not expanded") {
  std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  bomb +=
      "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">";
  for (int i = 2; i <= 9; ++i) {
    bomb += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j)
      bomb += "&lol" + std::to_string(i - 1) + ";";
    bomb += "\">";
  }
  bomb += "]><lolz>before&lol9;after</lolz>";
  const auto start = std::chrono::steady_clock::now();
  const ExtractedText t = xml(bomb);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  CHECK(t.text.find("lollol") == std::string::npos);
  CHECK(t.text.size() < 100);
  CHECK_FALSE(t.error.empty());  // libxml2 stops at the entity loop
}

TEST_CASE("xml_text: an external entity is not loaded") {
  const mamori::test::TempDir dir;
  const auto secret = dir.write("secret.txt", "SECRET-CONTENT");
  const std::string doc = "<!DOCTYPE d [<!ENTITY x SYSTEM \"file://" +
                          secret.string() + "\">]><d>a&x;b</d>";
  const ExtractedText t = xml(doc);
  CHECK(t.text.find("SECRET") == std::string::npos);
  CHECK(t.text == "ab");
}

TEST_CASE("xml_text: truncated XML gives its text so far and an error") {
  std::string doc = docx_body("<w:p><w:r><w:t>極秘図面</w:t></w:r></w:p>");
  doc.resize(doc.find("</w:r>"));
  const ExtractedText t = xml(doc);
  CHECK(t.text.find("極秘図面") != std::string::npos);
  CHECK_FALSE(t.error.empty());
}

TEST_CASE("xml_text: empty input, random bytes and deep nesting are harmless") {
  CHECK(xml("").text.empty());
  CHECK(xml("").error.empty());
  CHECK_FALSE(xml(std::string_view("\x00\x01\x02garbage", 10)).error.empty());

  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    std::string noise(4096, '\0');
    for (char& c : noise)
      c = static_cast<char>(rng());
    if (round % 2 == 0)
      noise = "<a><b>" + noise;  // get past the first bytes' checks
    const auto start = std::chrono::steady_clock::now();
    (void)xml(noise);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  }

  std::string deep;
  for (int i = 0; i < 100000; ++i)
    deep += "<a>";
  const ExtractedText t = xml(deep + "x");
  CHECK_FALSE(t.error.empty());  // libxml2's depth limit (no XML_PARSE_HUGE)
}

TEST_CASE("xml_text: max_text_bytes cuts at a character boundary") {
  TextLimits limits;
  limits.max_text_bytes = 10;  // 3 characters of 3 bytes, and a third of one
  const ExtractedText t = xml("<p>機密図面レシピ</p>", limits);
  CHECK(t.truncated);
  CHECK(t.text == "機密図");
}

TEST_CASE("xml_text: max_time stops a long document") {
  std::string doc = "<d>";
  for (int i = 0; i < 200000; ++i)
    doc += "<p>行</p>";
  doc += "</d>";
  TextLimits limits;
  limits.max_time = std::chrono::milliseconds(0);
  const ExtractedText t = xml(doc, limits);
  CHECK(t.truncated);
  CHECK(t.text.size() < 200000 * 4);
  CHECK(xml(doc).text.size() == 200000 * 4 - 1);  // 行\n each, last \n trimmed
}

TEST_CASE("html_text: blocks, entities, script and style") {
  const ExtractedText t = html(
      "<!DOCTYPE html><html><head><title>題</title>"
      "<style>body{}</style><script>alert('x')</script></head><body>"
      "<h1>極秘</h1><p>A&amp;B &lt;機密&gt; &copy; &#x56F3;面</p>"
      "<p>非球面<b>研磨</b>\n   レシピ</p><ul><li>one</li><li>two</li></ul>"
      "<table><tr><td>x</td><td>y</td></tr></table>"
      "<pre>a  b\n c</pre>line<br>next</body></html>");
  CHECK(t.text ==
        "題\n極秘\nA&B <機密> © 図面\n非球面研磨 レシピ\none\ntwo\nx\ty\n"
        "a  b\n c\nline\nnext");
  CHECK(t.error.empty());
}

TEST_CASE("html_text: a Shift_JIS page is decoded by its meta charset") {
  const std::string body = "<p>非球面研磨レシピ</p>";
  const auto sjis = mamori::convert_encoding(body, "UTF-8", "CP932");
  REQUIRE(sjis);
  SUBCASE("HTML5 meta charset") {
    const std::string page =
        "<html><head><meta charset=\"Shift_JIS\">"
        "</head><body>" +
        *sjis + "</body></html>";
    CHECK(html(page).text == "非球面研磨レシピ");
  }
  SUBCASE("http-equiv Content-Type") {
    const std::string page =
        "<html><head><meta http-equiv=\"Content-Type\" "
        "content=\"text/html; charset=Shift_JIS\"></head><body>" +
        *sjis + "</body></html>";
    CHECK(html(page).text == "非球面研磨レシピ");
  }
  SUBCASE("a UTF-8 byte-order mark outranks the meta (a converted mail part)") {
    const std::string page =
        "\xEF\xBB\xBF<html><head><meta charset=\"Shift_JIS\"></head>"
        "<body>" +
        body + "</body></html>";
    CHECK(html(page).text == "非球面研磨レシピ");
  }
}

TEST_CASE("html_text: hostile and empty input") {
  CHECK(html("").text.empty());
  CHECK(html("<p>unclosed <b>bold <i>text").text == "unclosed bold text");
  std::mt19937 rng(11);
  for (int round = 0; round < 30; ++round) {
    std::string noise(4096, '\0');
    for (char& c : noise)
      c = static_cast<char>(rng());
    (void)html("<p>" + noise);
  }
  TextLimits limits;
  limits.max_text_bytes = 4;
  const ExtractedText t = html("<p>abcdefgh</p>", limits);
  CHECK(t.truncated);
  CHECK(t.text == "abcd");
}

TEST_CASE("xml_text, html_text: threads may read documents at once") {
  // libxml2 is set up once however many threads start at the same moment,
  // and one thread's broken document does not disturb another's.
  std::vector<int> good(8, 0);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < good.size(); ++i) {
    threads.emplace_back([i, &good] {
      for (int round = 0; round < 50; ++round) {
        const bool ok =
            xml("<d><p>極秘</p><p>図面</p></d>").text == "極秘\n図面" &&
            !xml("<d><p>broken").error.empty() &&
            html("<p>a<p>b").text == "a\nb";
        good[i] += ok ? 1 : 0;
      }
    });
  }
  for (std::thread& t : threads)
    t.join();
  for (const int n : good)
    CHECK(n == 50);
}

TEST_CASE("is_text_part: members with reader-visible text") {
  for (const char* yes : {"word/document.xml",
                          "word/header1.xml",
                          "word/footer2.xml",
                          "word/footnotes.xml",
                          "word/endnotes.xml",
                          "word/comments.xml",
                          "word/commentsExtended.xml",
                          "xl/sharedStrings.xml",
                          "xl/worksheets/sheet1.xml",
                          "xl/comments1.xml",
                          "xl/threadedComments/threadedComment1.xml",
                          "ppt/slides/slide12.xml",
                          "ppt/notesSlides/notesSlide1.xml",
                          "ppt/comments/comment1.xml",
                          "docProps/core.xml",
                          "docProps/app.xml",
                          "docProps/custom.xml",
                          "content.xml",
                          "styles.xml",
                          "meta.xml",
                          "OEBPS/Text/ch01.xhtml",
                          "OPS/chapter2.html",
                          "index.htm",
                          "/word/document.xml",
                          "WORD/DOCUMENT.XML"}) {
    CAPTURE(yes);
    CHECK(is_text_part(yes));
  }
  for (const char* no :
       {"word/styles.xml", "word/settings.xml", "word/_rels/document.xml.rels",
        "word/media/image1.png", "word/fontTable.xml",
        "xl/worksheets/_rels/sheet1.xml.rels", "xl/styles.xml",
        "xl/workbook.xml", "ppt/slides/_rels/slide1.xml.rels",
        "ppt/slideMasters/slideMaster1.xml", "[Content_Types].xml",
        "META-INF/manifest.xml", "mimetype", "settings.xml", "Pictures/x.png",
        "OEBPS/content.opf", "sub/content.xml", ".html", "OEBPS/.xhtml"}) {
    CAPTURE(no);
    CHECK_FALSE(is_text_part(no));
  }
}
