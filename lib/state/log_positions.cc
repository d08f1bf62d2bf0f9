// See log_positions.h.
#include "state/log_positions.h"

#include "common/sha256.h"

#include <fstream>
#include <map>
#include <vector>

namespace mamori::state {

namespace {

// Prefer the record that is most surely this file: same device and inode,
// then same path, then the one read furthest.
int closeness(const LogFile& file, const LogPosition& p) {
  int score = 0;
  if (p.device == file.device && p.inode == file.inode)
    score += 2;
  if (p.path == file.path)
    score += 1;
  return score;
}

}  // namespace

Resume find_resume(const LogFile& file, const std::vector<LogPosition>& known,
                   const HeadHash& head_sha256) {
  // Each distinct head size is hashed once.
  std::map<uint64_t, std::optional<std::string>> hashes;
  const LogPosition* best = nullptr;
  bool path_known = false;
  for (const LogPosition& p : known) {
    path_known = path_known || p.path == file.path;
    if (file.size && *file.size < p.head_size)
      continue;
    auto [it, inserted] = hashes.try_emplace(p.head_size);
    if (inserted)
      it->second = head_sha256(p.head_size);
    if (!it->second || *it->second != p.head_sha256)
      continue;
    if (best == nullptr || closeness(file, p) > closeness(file, *best) ||
        (closeness(file, p) == closeness(file, *best) &&
         p.offset > best->offset))
      best = &p;
  }
  Resume resume;
  if (best == nullptr) {
    resume.kind = path_known ? ResumeKind::kReplaced : ResumeKind::kNew;
    return resume;
  }
  if (file.size && *file.size < best->offset) {
    resume.kind = ResumeKind::kTruncated;
    return resume;
  }
  resume.kind =
      best->path == file.path ? ResumeKind::kSame : ResumeKind::kRotated;
  resume.offset = best->offset;
  resume.line = best->line;
  resume.continues = best->path;
  return resume;
}

std::optional<Head> read_head(const std::string& path, uint64_t n) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::vector<char> buffer(static_cast<size_t>(n));
  in.read(buffer.data(), static_cast<std::streamsize>(n));
  if (in.bad())
    return std::nullopt;
  const auto got = static_cast<uint64_t>(in.gcount());
  return Head{got, sha256_hex(std::string_view(buffer.data(),
                                               static_cast<size_t>(got)))};
}

std::vector<LogPosition> load_log_positions(Database& db) {
  std::vector<LogPosition> positions;
  Statement s(db,
              "SELECT path, device, inode, head_size, head_sha256, offset, "
              "line, format, context_lines, raw_size, raw_mtime_ns FROM "
              "log_position ORDER BY path");
  while (s.step()) {
    LogPosition p;
    p.path = s.column_text(0);
    p.device = static_cast<uint64_t>(s.column_int(1));
    p.inode = static_cast<uint64_t>(s.column_int(2));
    p.head_size = static_cast<uint64_t>(s.column_int(3));
    p.head_sha256 = s.column_text(4);
    p.offset = static_cast<uint64_t>(s.column_int(5));
    p.line = static_cast<uint64_t>(s.column_int(6));
    p.format = s.column_text(7);
    p.context_lines = static_cast<uint64_t>(s.column_int(8));
    p.raw_size = static_cast<uint64_t>(s.column_int(9));
    p.raw_mtime_ns = s.column_int(10);
    positions.push_back(std::move(p));
  }
  return positions;
}

void save_log_position(Database& db, const LogPosition& p,
                       const std::string& now) {
  // SQLite integers are signed 64-bit; device and inode numbers are stored
  // by their bit pattern and read back the same way.
  Statement(db,
            "INSERT OR REPLACE INTO log_position (path, device, inode, "
            "head_size, head_sha256, offset, line, updated, format, "
            "context_lines, raw_size, raw_mtime_ns) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, p.path)
      .bind(2, static_cast<int64_t>(p.device))
      .bind(3, static_cast<int64_t>(p.inode))
      .bind(4, static_cast<int64_t>(p.head_size))
      .bind(5, p.head_sha256)
      .bind(6, static_cast<int64_t>(p.offset))
      .bind(7, static_cast<int64_t>(p.line))
      .bind(8, now)
      .bind(9, p.format)
      .bind(10, static_cast<int64_t>(p.context_lines))
      .bind(11, static_cast<int64_t>(p.raw_size))
      .bind(12, p.raw_mtime_ns)
      .run();
}

std::string_view resume_kind_name(ResumeKind kind) {
  switch (kind) {
    case ResumeKind::kNew:
      return "new";
    case ResumeKind::kSame:
      return "same";
    case ResumeKind::kRotated:
      return "rotated";
    case ResumeKind::kTruncated:
      return "truncated";
    case ResumeKind::kReplaced:
      return "replaced";
  }
  return "new";
}

}  // namespace mamori::state
