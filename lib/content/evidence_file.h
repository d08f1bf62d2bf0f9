// Opens a file under a scanned root without changing it: read-only, without
// updating its access time where the system allows (O_NOATIME falls back to
// a plain open on EPERM), never through a symbolic link, and never blocking
// on a fifo that replaced a file after the walk. Small files are read into
// a reused buffer; large ones are mapped read-only, so a worker's heap stays
// bounded whatever the file size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace mamori::content {

// A reusable byte buffer that is not zero-filled when it grows: every file
// read into it overwrites what it uses.
class ReadBuffer {
 public:
  // Room for `size` bytes, keeping the first `keep` bytes.
  std::byte* reserve(size_t size, size_t keep = 0);
  std::byte* data() { return data_.get(); }
  size_t capacity() const { return capacity_; }

 private:
  std::unique_ptr<std::byte[]> data_;
  size_t capacity_ = 0;
};

class EvidenceFile {
 public:
  // Files up to `read_limit` bytes are read into `buffer` (reused between
  // files); larger ones are mapped. A symbolic link is opened only with
  // `follow_link`. On failure, returns false and sets `error` to a one-line
  // reason.
  bool open(const std::filesystem::path& path, bool follow_link,
            uint64_t read_limit, ReadBuffer& buffer, std::string& error);
  ~EvidenceFile();
  EvidenceFile() = default;
  EvidenceFile(const EvidenceFile&) = delete;
  EvidenceFile& operator=(const EvidenceFile&) = delete;

  std::span<const std::byte> bytes() const { return bytes_; }

 private:
  void* mapping_ = nullptr;
  size_t mapping_size_ = 0;
  std::span<const std::byte> bytes_;
};

}  // namespace mamori::content
