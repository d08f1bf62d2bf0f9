// UniqueFd, and open_long's component-by-component openat(2) walk for paths
// the kernel refuses in one open(2).
#include "common/file_open.h"

#include <cerrno>
#include <fcntl.h>
#include <mutex>
#include <sys/statvfs.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace mamori {

UniqueFd::~UniqueFd() {
  if (fd_ >= 0)
    ::close(fd_);
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

namespace {

std::vector<std::string> split_components(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos)
      slash = path.size();
    if (slash > start)
      parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

int open_by_components(const std::string& path, int flags) {
  std::vector<std::string> parts = split_components(path);
  if (parts.empty()) {
    errno = ENOENT;
    return -1;
  }
  UniqueFd dir(
      ::open(path[0] == '/' ? "/" : ".", O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0)
    return -1;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    UniqueFd next(::openat(dir.get(), parts[i].c_str(),
                           O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (next.get() < 0)
      return -1;
    dir = std::move(next);
  }
  return ::openat(dir.get(), parts.back().c_str(), flags);
}

// The first file opened without O_NOATIME where that matters, until taken.
std::mutex atime_mutex;
std::string atime_changed;

// Records `path` when reading `fd` may update its access time: not on a
// file system mounted read-only or noatime.
void note_atime_not_kept(int fd, const std::string& path) {
  struct statvfs fs {};
  if (::fstatvfs(fd, &fs) == 0 && (fs.f_flag & (ST_RDONLY | ST_NOATIME)) != 0)
    return;
  note_atime_changed(path);
}

}  // namespace

int open_long(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags);
  if (fd < 0 && errno == ENAMETOOLONG)
    fd = open_by_components(path, flags);
  return fd;
}

int open_evidence(const std::string& path, int extra) {
  const int flags = O_RDONLY | O_CLOEXEC | extra;
  int fd = open_long(path, flags | O_NOATIME);
  if (fd < 0 && errno == EPERM) {
    fd = open_long(path, flags);
    if (fd >= 0)
      note_atime_not_kept(fd, path);
  }
  return fd;
}

int open_evidence_at(int dir_fd, const char* name, int extra,
                     const std::string& path) {
  const int flags = O_RDONLY | O_CLOEXEC | extra;
  int fd = ::openat(dir_fd, name, flags | O_NOATIME);
  if (fd < 0 && errno == EPERM) {
    fd = ::openat(dir_fd, name, flags);
    if (fd >= 0)
      note_atime_not_kept(fd, path);
  }
  return fd;
}

ssize_t read_fully(int fd, char* buffer, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, buffer + done, size - done);
    if (n == 0)
      break;
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    done += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(done);
}

std::optional<std::string> read_evidence_head(const std::string& path,
                                              size_t bytes) {
  const UniqueFd fd(open_evidence(path, 0));
  if (fd.get() < 0)
    return std::nullopt;
  std::string head(bytes, '\0');
  const ssize_t n = read_fully(fd.get(), head.data(), head.size());
  if (n < 0)
    return std::nullopt;
  head.resize(static_cast<size_t>(n));
  return head;
}

std::string take_atime_changed() {
  std::lock_guard lock(atime_mutex);
  return std::exchange(atime_changed, std::string());
}

void note_atime_changed(const std::string& path) {
  std::lock_guard lock(atime_mutex);
  if (atime_changed.empty())
    atime_changed = path;
}

}  // namespace mamori
