// Opening evidence: read-only, without updating access times where the
// system allows, and with paths longer than PATH_MAX (deep trees copied from
// Windows shares, hostile sticks), which the kernel refuses in one open(2)
// and are therefore opened one component at a time with openat(2).
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>

namespace mamori {

// Owns a file descriptor.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd();
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

// open(2) that falls back to a component-by-component openat(2) walk on
// ENAMETOOLONG. `flags` apply to the last component; the directories on the
// way are opened with O_PATH. Returns -1 and errno like open(2).
int open_long(const std::string& path, int flags);

// open_long with O_RDONLY | O_CLOEXEC | O_NOATIME | `extra`, retried without
// O_NOATIME when the kernel refuses it (EPERM: not the file's owner), so
// reading evidence never updates its access time where that is allowed.
int open_evidence(const std::string& path, int extra);

// open_evidence of `name` in the directory `dir_fd` (openat(2)), so a deep
// tree costs one call per level, not one per component of its path. `path`
// (the full one) names it in the access-time notice.
int open_evidence_at(int dir_fd, const char* name, int extra,
                     const std::string& path);

// Reads from `fd` into `buffer` until it is full or the file ends, retrying
// on EINTR. The bytes read; -1 and errno when reading failed.
ssize_t read_fully(int fd, char* buffer, size_t size);

// Up to `bytes` from the start of the evidence file `path`, opened with
// open_evidence; nothing (errno set) when it cannot be opened or read.
std::optional<std::string> read_evidence_head(const std::string& path,
                                              size_t bytes);

// The first path open_evidence opened without O_NOATIME, on a file system
// mounted neither read-only nor noatime, since the last call: reading it may
// have updated its access time. "" when there was none. `scan` turns it
// into one atime_changed notice per run.
std::string take_atime_changed();
// Records `path` as take_atime_changed() would give it, unless one is
// already recorded: a sandboxed content worker's report of its own.
void note_atime_changed(const std::string& path);

}  // namespace mamori
