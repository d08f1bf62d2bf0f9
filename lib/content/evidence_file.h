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
#include <span>
#include <string>
#include <vector>

namespace mamori::content {

class EvidenceFile {
 public:
  // Files up to `read_limit` bytes are read into `buffer` (reused between
  // files); larger ones are mapped. On failure, returns false and sets
  // `error` to a one-line reason.
  bool open(const std::filesystem::path& path, uint64_t read_limit,
            std::vector<std::byte>& buffer, std::string& error);
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

// open(2) with O_RDONLY | O_NOATIME | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
// retried without O_NOATIME when the kernel refuses it (EPERM: not the
// file's owner). Returns -1 and errno like open(2).
int open_read_only(const char* path);

}  // namespace mamori::content
