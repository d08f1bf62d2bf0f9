// Fixtures for the document tests: a small PDF with compressed streams and
// a hand-built compound file (legacy Office), written byte by byte.
#pragma once

#include "content_fixtures.h"

#include <zlib.h>

#include <cstring>
#include <span>
#include <string>
#include <vector>

namespace mamori::content::testing {

inline std::string deflate(const std::string& data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  REQUIRE(compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                    reinterpret_cast<const Bytef*>(data.data()),
                    static_cast<uLong>(data.size()), 9) == Z_OK);
  out.resize(size);
  return out;
}

inline std::span<const std::byte> bytes(const std::string& s) {
  return std::as_bytes(std::span(s));
}

// A small PDF: a compressed page with an indirect /Length, a compressed
// stream in a filter array with a direct /Length, a JPEG stream and an
// uncompressed one.
inline std::string make_pdf(const std::string& page) {
  std::string one = deflate(page);
  std::string two = deflate("second stream text");
  std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  pdf += "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
  pdf += "4 0 obj\n<< /Length 5 0 R /Filter /FlateDecode >>\nstream\n" + one +
         "\nendstream\nendobj\n";
  pdf += "5 0 obj\n" + std::to_string(one.size()) + "\nendobj\n";
  pdf += "6 0 obj <</Filter[/FlateDecode]/Length " +
         std::to_string(two.size()) + ">>stream\r\n" + two +
         "\r\nendstream endobj\n";
  pdf += "7 0 obj << /Filter /DCTDecode /Length 4 >> stream\nJPEG\nendstream\n";
  pdf += "8 0 obj << /Length 5 >> stream\nplain\nendstream\n";
  pdf += "trailer << /Root 1 0 R >>\n%%EOF\n";
  return pdf;
}

inline constexpr uint32_t kFree = 0xFFFFFFFF;
inline constexpr uint32_t kEnd = 0xFFFFFFFE;
inline constexpr uint32_t kFatSector = 0xFFFFFFFD;

inline void set16(std::string& s, size_t at, uint32_t v) {
  s[at] = static_cast<char>(v & 0xFF);
  s[at + 1] = static_cast<char>((v >> 8) & 0xFF);
}
inline void set32(std::string& s, size_t at, uint32_t v) {
  set16(s, at, v & 0xFFFF);
  set16(s, at + 2, v >> 16);
}

inline std::string utf16le(const std::u16string& text) {
  std::string out;
  for (char16_t c : text) {
    out += static_cast<char>(c & 0xFF);
    out += static_cast<char>(c >> 8);
  }
  return out;
}

inline void dir_entry(std::string& dir, size_t index,
                      const std::u16string& name, int type, uint32_t right,
                      uint32_t child, uint32_t start, uint32_t size) {
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
inline std::string make_compound_file(const std::string& word_document,
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

inline std::string word_document_with(const std::string& utf16_text) {
  std::string doc(5000, 'W');
  // Crosses the boundary between the first and second sectors.
  doc.replace(500, utf16_text.size(), utf16_text);
  return doc;
}

}  // namespace mamori::content::testing
