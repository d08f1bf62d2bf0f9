// One worker's view of the scan: reads a file once, hashes it and matches it
// from the same bytes, and opens whatever container it turns out to be
// (recognised by content), member by member, down to Limits::max_depth.
// Every limit that stops the examination of something becomes a notice.
#pragma once

#include "unpack/archive_reader.h"

#include "assets/register.h"
#include "common/diagnostics.h"
#include "content/content_scanner.h"
#include "content/evidence_file.h"
#include "content/tree_walker.h"
#include "rules/rule_set.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mamori::content {

struct Sniffed;

struct WorkerOutput {
  std::vector<ObjectHit> hits;
  std::vector<ArchiveInfo> archives;
  Stats stats;
};

class ObjectScanner {
 public:
  ObjectScanner(rules::Scanner& scanner, const assets::Register& reg,
                const Limits& limits, Diagnostics& diag, WorkerOutput& out);

  // A file found by the walker; an unreadable one is an error notice.
  void scan_file(const WalkedFile& file);
  // Bytes already in memory, as if they were the file `name`.
  void scan_bytes(std::span<const std::byte> data, const std::string& name);

 private:
  enum class ReadStatus { kComplete, kTooLarge, kError, kRatio, kExpanded };
  struct Member {
    ReadStatus status = ReadStatus::kComplete;
    std::string sha256;  // set when every object is hashed
    uint64_t size = 0;   // for kTooLarge without a hash: at least this
    std::string error;   // for kError: why
  };
  enum class After { kNext, kFailed, kStop };  // what to do after a member
  struct ArchiveBudget {
    uint64_t expanded = 0;  // bytes read out of this archive
    uint64_t ratio_cap = 0;
  };

  // `text`: a UTF-8 rendering of the object (its UTF-16 text) that is
  // matched too, the hits merged into the object's.
  // `sha256` may be empty: it is computed when needed.
  void scan_object(std::span<const std::byte> data, std::string sha256,
                   Location& location, const std::string* text = nullptr);
  bool expand_pdf(std::span<const std::byte> data, const std::string& sha256,
                  Location& location);
  bool expand_ole(std::span<const std::byte> data, const std::string& sha256,
                  Location& location);
  // Matches and recurses into a part held in `buffer` (a PDF stream, an OLE
  // stream), counting it against the limits. False when the file's
  // expanded limit was hit.
  bool scan_part(std::vector<std::byte>& buffer, Location& location,
                 const std::string* text);
  bool expand_archive(std::span<const std::byte> data,
                      const std::string& sha256, Location& location,
                      const Sniffed& sniffed);
  After expand_member(unpack::ArchiveReader& reader, ArchiveBudget& budget,
                      ArchiveInfo& info, std::vector<std::byte>& buffer,
                      Location& location);
  Member read_member(unpack::ArchiveReader& reader, ArchiveBudget& budget,
                     std::vector<std::byte>& buffer);
  void report_member_problem(const Member& member,
                             unpack::ArchiveReader& reader, ArchiveInfo& info,
                             const Location& location);
  void report_expanded(const Location& location);
  void record_hit(const Location& location, const std::string& sha256,
                  uint64_t size, std::vector<RuleHit> rules, bool container);
  std::vector<RuleHit> match_object(std::span<const std::byte> data,
                                    const Location& location,
                                    const std::string* text);
  std::vector<RuleHit> match_rules(std::span<const std::byte> data,
                                   const Location& location);
  bool can_open_container(const Location& location);

  // Notices go through these, so a container knows whether anything in it
  // was left unexamined.
  template <typename... Args>
  void warn_in(std::string code, Location location,
               fmt::format_string<Args...> format, Args&&... args) {
    ++notices_;
    diag_.warn_in(std::move(code), std::move(location), format,
                  std::forward<Args>(args)...);
  }
  template <typename... Args>
  void error_in(std::string code, Location location,
                fmt::format_string<Args...> format, Args&&... args) {
    ++notices_;
    diag_.error_in(std::move(code), std::move(location), format,
                   std::forward<Args>(args)...);
  }

  rules::Scanner& scanner_;
  const assets::Register& reg_;
  const Limits& limits_;
  Diagnostics& diag_;
  WorkerOutput& out_;

  ReadBuffer file_buffer_;       // reused between small files
  uint64_t file_expanded_ = 0;   // per top-level file
  bool file_exhausted_ = false;  // limit_expanded was reported
  uint64_t memory_left_ = 0;     // for member buffers, per file
  // The register declares hashes, so every object is hashed; otherwise
  // only objects that matched a rule and containers are.
  bool hash_everything_ = false;
  uint64_t notices_ = 0;  // notices this worker has given
};

// The name given to the one member of a compressed single file: the
// container's name without its compression suffix ("a.txt.gz" -> "a.txt").
std::string decompressed_name(const std::string& container);

}  // namespace mamori::content
