// See log_book.h.
#include "state/log_book.h"

#include "common/sha256.h"

#include <utility>

namespace mamori::state {

LogBook::LogBook(std::vector<LogPosition> known) : known_(std::move(known)) {}

const LogPosition* LogBook::record(const std::string& path) const {
  for (const LogPosition& p : known_) {
    if (p.path == path)
      return &p;
  }
  return nullptr;
}

logs::ResumePoint LogBook::start(const logs::LogIdentity& file,
                                 std::string_view head,
                                 bool /*head_complete*/) {
  LogFile now{file.path, file.device, file.inode, std::nullopt};
  if (file.plain)
    now.size = file.raw_size;
  const Resume resume =
      find_resume(now, known_, [&](uint64_t n) -> std::optional<std::string> {
        // Shorter than n: not the file that was hashed. (A head that is
        // not the whole content is 64 KiB, longer than any fingerprint.)
        if (n > head.size())
          return std::nullopt;
        return sha256_hex(head.substr(0, static_cast<size_t>(n)));
      });
  logs::ResumePoint point;
  const LogPosition* from = nullptr;
  if (resume.kind == ResumeKind::kSame || resume.kind == ResumeKind::kRotated)
    from = record(resume.continues);
  std::lock_guard lock(mutex_);
  if (from == nullptr) {
    ++counts_.fresh;
    return point;
  }
  point.offset = resume.offset;
  point.line = resume.line;
  point.format = from->format;
  point.context_lines = from->context_lines;
  // Read to its end before and unchanged since: a plain file of that very
  // size, or a compressed one of the same size, time and inode (a rotated
  // `.gz` is never written again).
  const bool same_file = from->device == file.device &&
                         from->inode == file.inode &&
                         from->raw_size == file.raw_size &&
                         from->raw_mtime_ns == file.raw_mtime_ns;
  point.unchanged = file.plain ? file.raw_size == resume.offset : same_file;
  if (point.unchanged) {
    ++counts_.unchanged;
    LogPosition kept = *from;
    kept.path = file.path;
    kept.device = file.device;
    kept.inode = file.inode;
    kept.raw_size = file.raw_size;
    kept.raw_mtime_ns = file.raw_mtime_ns;
    positions_.push_back(std::move(kept));
  } else {
    ++counts_.resumed;
  }
  return point;
}

bool LogBook::unchanged(const logs::LogIdentity& file) {
  const LogPosition* from = record(file.path);
  if (from == nullptr || from->device != file.device ||
      from->inode != file.inode || from->raw_size != file.raw_size ||
      from->raw_mtime_ns != file.raw_mtime_ns)
    return false;
  std::lock_guard lock(mutex_);
  ++counts_.unchanged;
  positions_.push_back(*from);
  return true;
}

void LogBook::stopped(logs::LogStop stop) {
  LogPosition p;
  p.path = std::move(stop.file.path);
  p.device = stop.file.device;
  p.inode = stop.file.inode;
  p.head_size = stop.head_size;
  p.head_sha256 = std::move(stop.head_sha256);
  p.offset = stop.offset;
  p.line = stop.line;
  p.format = std::move(stop.format);
  p.context_lines = stop.context_lines;
  p.raw_size = stop.file.raw_size;
  p.raw_mtime_ns = stop.file.raw_mtime_ns;
  std::lock_guard lock(mutex_);
  positions_.push_back(std::move(p));
}

std::vector<LogPosition> LogBook::take_positions() {
  std::lock_guard lock(mutex_);
  return std::exchange(positions_, {});
}

LogBookCounts LogBook::counts() {
  std::lock_guard lock(mutex_);
  return counts_;
}

}  // namespace mamori::state
