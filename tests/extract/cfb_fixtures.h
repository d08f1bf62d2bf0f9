// A minimal Compound File Binary writer for tests: version 3, one FAT
// sector, one directory sector, then each stream in contiguous sectors,
// padded to the mini-stream cutoff so that no mini stream is needed.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace mamori::testing::cfb {

inline void put16(std::string& s, size_t at, uint32_t v) {
  s[at] = static_cast<char>(v & 0xFF);
  s[at + 1] = static_cast<char>((v >> 8) & 0xFF);
}

inline void put32(std::string& s, size_t at, uint32_t v) {
  put16(s, at, v & 0xFFFF);
  put16(s, at + 2, v >> 16);
}

inline std::string le16(uint32_t v) {
  std::string s(2, '\0');
  put16(s, 0, v);
  return s;
}

inline std::string le32(uint32_t v) {
  std::string s(4, '\0');
  put32(s, 0, v);
  return s;
}

inline std::string utf16(const std::u16string& text) {
  std::string out;
  for (char16_t c : text)
    out += le16(c);
  return out;
}

// `streams`: name and bytes, at most three, each under 24 KiB.
inline std::string make_cfb(
    const std::vector<std::pair<std::u16string, std::string>>& streams) {
  constexpr uint32_t kFree = 0xFFFFFFFF;
  constexpr uint32_t kEnd = 0xFFFFFFFE;
  std::string header(512, '\0');
  std::memcpy(header.data(), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  put16(header, 0x18, 0x3E);
  put16(header, 0x1A, 3);
  put16(header, 0x1C, 0xFFFE);
  put16(header, 0x1E, 9);
  put16(header, 0x20, 6);
  put32(header, 0x2C, 1);     // FAT sectors
  put32(header, 0x30, 1);     // first directory sector
  put32(header, 0x38, 4096);  // mini stream cutoff
  put32(header, 0x3C, kEnd);  // no mini FAT
  put32(header, 0x44, kEnd);  // no DIFAT sectors
  put32(header, 0x4C, 0);     // the FAT is sector 0
  for (size_t i = 1; i < 109; ++i)
    put32(header, 0x4C + 4 * i, kFree);

  std::string fat(512, '\xFF');
  put32(fat, 0, 0xFFFFFFFD);
  put32(fat, 4, kEnd);
  std::string dir(512, '\0');
  const auto entry = [&](size_t index, const std::u16string& name, int type,
                         uint32_t right, uint32_t child, uint32_t start,
                         uint32_t size) {
    const size_t at = index * 128;
    const std::string encoded = utf16(name);
    std::memcpy(dir.data() + at, encoded.data(), encoded.size());
    put16(dir, at + 0x40, static_cast<uint32_t>(encoded.size() + 2));
    dir[at + 0x42] = static_cast<char>(type);
    dir[at + 0x43] = 1;  // black
    put32(dir, at + 0x44, kFree);
    put32(dir, at + 0x48, right);
    put32(dir, at + 0x4C, child);
    put32(dir, at + 0x74, start);
    put32(dir, at + 0x78, size);
  };
  entry(0, u"Root Entry", 5, kFree, streams.empty() ? kFree : 1, kEnd, 0);
  std::string body;
  uint32_t next = 2;
  for (size_t i = 0; i < streams.size(); ++i) {
    std::string bytes = streams[i].second;
    if (bytes.size() < 4096)
      bytes.resize(4096, '\0');
    const uint32_t sectors = static_cast<uint32_t>((bytes.size() + 511) / 512);
    bytes.resize(size_t{sectors} * 512, '\0');
    for (uint32_t s = 0; s < sectors; ++s)
      put32(fat, 4 * (next + s), s + 1 < sectors ? next + s + 1 : kEnd);
    entry(i + 1, streams[i].first, 2,
          i + 1 < streams.size() ? static_cast<uint32_t>(i + 2) : kFree, kFree,
          next, static_cast<uint32_t>(bytes.size()));
    next += sectors;
    body += bytes;
  }
  return header + fat + dir + body;
}

}  // namespace mamori::testing::cfb
