// Where each log stopped (--state, issue 13 item 1): a log is recognised by
// a fingerprint of its first bytes (SHA-256 of the first 4 KiB, or of the
// whole file when it was shorter), with its device and inode as a hint, so
// that a rotated file is recognised under its new name and a replaced or
// truncated one is not mistaken for the old.
//
// The decision is pure (find_resume) and takes the fingerprint as a
// callback, so the reader decides what "the first bytes" are: the raw
// bytes of a plain file, the inflated bytes of a rotated `.gz`.
//
//   same fingerprint, size >= offset  resume at the byte offset and line
//                                     (under its own name: kSame; under
//                                     another, e.g. audit.log -> .1: kRotated)
//   same fingerprint, size < offset   truncated, read from the start
//   a record for the path, other
//   fingerprint                       replaced (or the new file after a
//                                     rotation), read from the start
//   nothing known                     a new log, read from the start
//
// Decisions for one run are taken against the records loaded at its start
// (load_log_positions), before any is saved: saving audit.log's new record
// must not hide the old one from audit.log.1 in the same run.
#pragma once

#include "state/sqlite.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::state {

// How many leading bytes make a log's fingerprint.
inline constexpr uint64_t kFingerprintBytes = 4096;

struct LogPosition {
  std::string path;
  uint64_t device = 0;
  uint64_t inode = 0;
  uint64_t head_size = 0;   // bytes hashed: min(kFingerprintBytes, size)
  std::string head_sha256;  // lower-case hex
  uint64_t offset = 0;      // after the last complete line read
  uint64_t line = 0;        // lines read up to offset
  // Since schema version 2: the format it was read in, its leading context
  // lines (a CSV header), and the file on disk (size and time; a
  // compressed file whose size, time and inode are those is unchanged).
  std::string format;
  uint64_t context_lines = 0;
  uint64_t raw_size = 0;
  int64_t raw_mtime_ns = 0;
  bool operator==(const LogPosition&) const = default;
};

// What is known of a log file now.
struct LogFile {
  std::string path;
  uint64_t device = 0;
  uint64_t inode = 0;
  // Size of the content as read (inflated size of a .gz); nullopt when it
  // is not known without reading it all.
  std::optional<uint64_t> size;
};

enum class ResumeKind { kNew, kSame, kRotated, kTruncated, kReplaced };

struct Resume {
  ResumeKind kind = ResumeKind::kNew;
  uint64_t offset = 0;
  uint64_t line = 0;
  std::string continues;  // the record's path when kSame or kRotated
};

// SHA-256 (hex) of the first `n` bytes of the file, nullopt when the file
// is shorter than `n` bytes or cannot be read.
using HeadHash = std::function<std::optional<std::string>(uint64_t n)>;

Resume find_resume(const LogFile& file, const std::vector<LogPosition>& known,
                   const HeadHash& head_sha256);

// The SHA-256 (hex) of the first min(n, size) bytes of a plain file, with
// the count hashed; nullopt when it cannot be read.
struct Head {
  uint64_t size = 0;
  std::string sha256;
};
std::optional<Head> read_head(const std::string& path, uint64_t n);

std::vector<LogPosition> load_log_positions(Database& db);
// Inserts or replaces the record of `position.path`; `now` is an ISO time.
void save_log_position(Database& db, const LogPosition& position,
                       const std::string& now);

std::string_view resume_kind_name(ResumeKind kind);

}  // namespace mamori::state
