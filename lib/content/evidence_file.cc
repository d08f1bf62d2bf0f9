#include "content/evidence_file.h"

#include "content/file_open.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mamori::content {
namespace {

std::string errno_text(int error) { return std::strerror(error); }

// Reads until end of file; the size from fstat is only a hint, since a file
// may grow or shrink while it is read.
bool read_all(int fd, uint64_t hint, uint64_t limit,
              std::vector<std::byte>& buffer, std::string& error) {
  buffer.resize(static_cast<size_t>(hint < limit ? hint + 1 : limit + 1));
  size_t used = 0;
  while (true) {
    if (used == buffer.size()) {
      if (buffer.size() > limit) {
        error = "file grew beyond the size limit while it was read";
        return false;
      }
      buffer.resize(buffer.size() * 2);
    }
    ssize_t n = ::read(fd, buffer.data() + used, buffer.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno_text(errno);
      return false;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  buffer.resize(used);
  return true;
}

}  // namespace

bool EvidenceFile::open(const std::filesystem::path& path, bool follow_link,
                        uint64_t read_limit, std::vector<std::byte>& buffer,
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
    if (!read_all(fd.get(), size, read_limit, buffer, error)) return false;
    bytes_ = std::span<const std::byte>(buffer.data(), buffer.size());
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
  bytes_ = std::span<const std::byte>(static_cast<const std::byte*>(map),
                                      size);
  return true;
}

EvidenceFile::~EvidenceFile() {
  if (mapping_ != nullptr) ::munmap(mapping_, mapping_size_);
}

}  // namespace mamori::content
