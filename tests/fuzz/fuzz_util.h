// Helpers shared by the fuzz targets of tests/fuzz (MAMORI_FUZZ=ON): the
// loaders read files by path, so each input is handed to them as a file in
// memory (memfd), rewritten for every run, never touching the disk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace mamori::fuzz {

class MemoryFile {
 public:
  // `name` shows in /proc only; the path to read is path().
  explicit MemoryFile(const char* name) : fd_(::memfd_create(name, 0)) {
    if (fd_ < 0)
      std::abort();
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemoryFile() { ::close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  // Makes the file hold exactly `data`.
  void set(const uint8_t* data, size_t size) {
    if (::ftruncate(fd_, 0) != 0)
      std::abort();
    size_t done = 0;
    while (done < size) {
      const ssize_t n =
          ::pwrite(fd_, data + done, size - done, static_cast<off_t>(done));
      if (n <= 0)
        std::abort();
      done += static_cast<size_t>(n);
    }
  }
  const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
};

}  // namespace mamori::fuzz
