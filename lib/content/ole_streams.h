// Legacy Office documents (.doc, .xls, .ppt, .msg) are Compound File Binary
// containers ([MS-CFB]): a small FAT file system whose streams are stored
// in sectors that need not be contiguous, so a word can be split across two
// sectors far apart. The streams are reassembled here, every index checked
// against the file and every chain bounded, since the file may be hostile.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mamori::content {

struct OleStream {
  std::string name;  // storage path inside the file: "ObjectPool/_1/Package"
  uint64_t size = 0;
  uint32_t start = 0;
  bool in_mini_stream = false;
};

class OleFile {
 public:
  // Parses the header, FAT, mini FAT and directory. On failure returns
  // false with a one-line reason in `error`.
  bool open(std::span<const std::byte> data, std::string& error);

  const std::vector<OleStream>& streams() const { return streams_; }

  // Copies a stream's bytes into `out`; false (with `error`) when its
  // sector chain is broken or shorter than its size.
  bool read(const OleStream& stream, std::vector<std::byte>& out,
            std::string& error) const;

 private:
  bool read_chain(uint32_t start, uint64_t size, std::vector<std::byte>& out,
                  std::string& error) const;
  bool read_mini_chain(uint32_t start, uint64_t size,
                       std::vector<std::byte>& out, std::string& error) const;
  bool load_fat(std::string& error);
  bool load_directory(std::string& error);
  uint32_t u32(uint64_t offset) const;
  const std::byte* sector(uint32_t index) const;

  std::span<const std::byte> data_;
  uint32_t sector_size_ = 512;
  uint32_t mini_sector_size_ = 64;
  uint32_t mini_cutoff_ = 4096;
  std::vector<uint32_t> fat_;
  std::vector<uint32_t> mini_fat_;
  std::vector<std::byte> mini_stream_;
  std::vector<OleStream> streams_;
};

// The runs of UTF-16LE text in `data` (at least four printable characters,
// on either byte alignment), converted to UTF-8 and separated by newlines:
// what Word, Excel and PowerPoint store as their text.
std::string utf16_text(std::span<const std::byte> data);

}  // namespace mamori::content
