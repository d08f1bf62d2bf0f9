// PDFs assembled object by object with a correct xref table, drawing text
// the way real producers encode it; shared by the PDF text tests and the
// content scanner's text-layer tests.
#pragma once

#include <doctest/doctest.h>
#include <zlib.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::testing::pdf {

// Numbered objects and the file around them: header, bodies, an xref table
// whose offsets are the real ones, trailer.
class PdfBuilder {
 public:
  // Adds an object and returns its number (1, 2, ...).
  int add(std::string body) {
    objects_.push_back(std::move(body));
    return static_cast<int>(objects_.size());
  }
  void set(int number, std::string body) {
    objects_[static_cast<size_t>(number - 1)] = std::move(body);
  }
  int add_stream(std::string_view dict_entries, std::string_view data) {
    return add("<< /Length " + std::to_string(data.size()) + " " +
               std::string(dict_entries) + " >>\nstream\n" + std::string(data) +
               "\nendstream");
  }

  // `trailer_entries` go into the trailer after /Size and /Root.
  std::string finish(int root, std::string_view trailer_entries = "") const {
    std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects_.size(); ++i) {
      offsets.push_back(out.size());
      out += std::to_string(i + 1) + " 0 obj\n" + objects_[i] + "\nendobj\n";
    }
    const size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects_.size() + 1) + "\n";
    out += "0000000000 65535 f \n";
    for (const size_t offset : offsets) {
      char entry[21];
      std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
      out += entry;
    }
    out += "trailer\n<< /Size " + std::to_string(objects_.size() + 1) +
           " /Root " + std::to_string(root) + " 0 R " +
           std::string(trailer_entries) + " >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return out;
  }

 private:
  std::vector<std::string> objects_;
};

inline std::string ref(int number) {
  return std::to_string(number) + " 0 R";
}

inline std::string deflate(std::string_view data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  REQUIRE(compress(reinterpret_cast<Bytef*>(out.data()), &size,
                   reinterpret_cast<const Bytef*>(data.data()),
                   static_cast<uLong>(data.size())) == Z_OK);
  out.resize(size);
  return out;
}

struct Page {
  std::string content;  // the content stream, e.g. "BT /F1 12 Tf ... ET"
  bool compressed = false;
};

// A document whose pages all use the resources `font_entries` (e.g.
// "/F1 4 0 R", objects already added to `pdf`).
inline std::string document(PdfBuilder& pdf, std::string_view font_entries,
                            const std::vector<Page>& pages) {
  const int pages_number = pdf.add("");
  std::string kids;
  for (const Page& page : pages) {
    const int content = page.compressed ? pdf.add_stream("/Filter /FlateDecode",
                                                         deflate(page.content))
                                        : pdf.add_stream("", page.content);
    kids += ref(pdf.add("<< /Type /Page /Parent " + ref(pages_number) +
                        " /MediaBox [0 0 612 792] /Resources << /Font << " +
                        std::string(font_entries) + " >> >> /Contents " +
                        ref(content) + " >>")) +
            " ";
  }
  pdf.set(pages_number, "<< /Type /Pages /Kids [" + kids + "] /Count " +
                            std::to_string(pages.size()) + " >>");
  return pdf.finish(
      pdf.add("<< /Type /Catalog /Pages " + ref(pages_number) + " >>"));
}

inline std::string helvetica_document(const std::vector<Page>& pages) {
  PdfBuilder pdf;
  const int font = pdf.add(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
      "/Encoding /WinAnsiEncoding >>");
  return document(pdf, "/F1 " + ref(font), pages);
}

inline std::string show(std::string_view operands_and_operator) {
  return "BT /F1 12 Tf 72 700 Td " + std::string(operands_and_operator) + " ET";
}

// A Japanese document drawn in a predefined-CMap Type0 font (no ToUnicode,
// no embedded font program): text comes only from CMap + Adobe-Japan1.
inline std::string predefined_cmap_document(std::string_view cmap,
                                            std::string_view hex_codes) {
  PdfBuilder pdf;
  const int descriptor = pdf.add(
      "<< /Type /FontDescriptor /FontName /MS-Mincho /Flags 6 "
      "/FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 "
      "/Descent -141 /CapHeight 700 /StemV 80 >>");
  const int cid_font = pdf.add(
      "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MS-Mincho "
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 "
      ">> /FontDescriptor " +
      ref(descriptor) + " /DW 1000 >>");
  const int font =
      pdf.add("<< /Type /Font /Subtype /Type0 /BaseFont /MS-Mincho-" +
              std::string(cmap) + " /Encoding /" + std::string(cmap) +
              " /DescendantFonts [" + ref(cid_font) + "] >>");
  return document(pdf, "/F1 " + ref(font),
                  {{show("<" + std::string(hex_codes) + "> Tj")}});
}

// A document whose text is drawn in an Identity-H CID font as glyph codes
// 1..8, which spell 非球面研磨レシピ only through its ToUnicode CMap (bfchar
// entries, a bfrange with an array and one with a start code).
inline std::string to_unicode_document() {
  const std::string to_unicode =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> "
      "def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
      "5 beginbfchar\n<0001> <975E>\n<0002> <7403>\n<0003> <9762>\n"
      "<0007> <30B7>\n<0008> <30D4>\nendbfchar\n"
      "2 beginbfrange\n<0004> <0005> [<7814> <78E8>]\n<0006> <0006> <30EC>\n"
      "endbfrange\n"
      "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";
  PdfBuilder pdf;
  const int cmap = pdf.add_stream("", to_unicode);
  const int descriptor = pdf.add(
      "<< /Type /FontDescriptor /FontName /ABCDEF+NotoSansCJKjp /Flags 4 "
      "/FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
      "/CapHeight 733 /StemV 80 >>");
  const int cid_font = pdf.add(
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+NotoSansCJKjp "
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement "
      "0 >> /FontDescriptor " +
      ref(descriptor) + " /DW 1000 /CIDToGIDMap /Identity >>");
  const int font = pdf.add(
      "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+NotoSansCJKjp "
      "/Encoding /Identity-H /DescendantFonts [" +
      ref(cid_font) + "] /ToUnicode " + ref(cmap) + " >>");
  return document(pdf, "/F1 " + ref(font),
                  {{show("<00010002000300040005000600070008> Tj")}});
}

}  // namespace mamori::testing::pdf
