// EvidenceFile: the reused read buffer, and the choice between reading a
// small file and mapping a large one, both through open_evidence().
#include "content/evidence_file.h"

#include "common/file_open.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::content {

std::byte* ReadBuffer::reserve(size_t size, size_t keep) {
  if (size > capacity_) {
    auto bigger = std::make_unique_for_overwrite<std::byte[]>(size);
    if (keep > 0)
      std::memcpy(bigger.get(), data_.get(), keep);
    data_ = std::move(bigger);
    capacity_ = size;
  }
  return data_.get();
}

namespace {

std::string errno_text(int error) {
  return std::strerror(error);
}

// Reads until end of file; the size from fstat is only a hint, since a file
// may grow or shrink while it is read.
bool read_all(int fd, uint64_t hint, uint64_t limit, ReadBuffer& buffer,
              size_t& used, std::string& error) {
  size_t capacity = static_cast<size_t>(hint < limit ? hint + 1 : limit + 1);
  buffer.reserve(capacity);
  used = 0;
  while (true) {
    if (used == capacity) {
      if (capacity > limit) {
        error = "file grew beyond the size limit while it was read";
        return false;
      }
      capacity *= 2;
      buffer.reserve(capacity, used);
    }
    ssize_t n = ::read(fd, buffer.data() + used, capacity - used);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      error = errno_text(errno);
      return false;
    }
    if (n == 0)
      return true;
    used += static_cast<size_t>(n);
  }
}

}  // namespace

bool EvidenceFile::open(const std::filesystem::path& path, bool follow_link,
                        uint64_t read_limit, ReadBuffer& buffer,
                        std::string& error) {
  // O_NOFOLLOW: a file swapped for a link after the walk is not followed
  // (unless the user named the link); O_NONBLOCK: nor does a fifo swapped
  // in block the worker.
  UniqueFd fd(open_evidence(path.string(),
                            (follow_link ? 0 : O_NOFOLLOW) | O_NONBLOCK));
  if (fd.get() < 0) {
    error = errno == ELOOP ? "became a symbolic link after the walk"
                           : errno_text(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    error = errno_text(errno);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error = "no longer a regular file";
    return false;
  }
  auto size = static_cast<uint64_t>(st.st_size);
  if (size <= read_limit) {
    size_t used = 0;
    if (!read_all(fd.get(), size, read_limit, buffer, used, error)) {
      return false;
    }
    bytes_ = std::span<const std::byte>(buffer.data(), used);
    return true;
  }
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (map == MAP_FAILED) {
    error = errno_text(errno);
    return false;
  }
  ::madvise(map, size, MADV_SEQUENTIAL);
  mapping_ = map;
  mapping_size_ = size;
  bytes_ = std::span<const std::byte>(static_cast<const std::byte*>(map), size);
  return true;
}

EvidenceFile::~EvidenceFile() {
  if (mapping_ != nullptr)
    ::munmap(mapping_, mapping_size_);
}

}  // namespace mamori::content
