// The members of everything libarchive reads for content (zip, 7z, rar,
// tar, iso9660, cab, cpio, ar, xar, lha) and of compressed files (gzip,
// bzip2, xz, zstd...: a compressed tar, or one compressed file). Members
// are streamed: hashed as they come when the register declares hashes,
// held only when they fit the memory allowed, and stopped at the ratio and
// expanded limits as soon as those are crossed.
#pragma once

#include "unpack/archive_reader.h"

#include "content/member_source.h"

#include <optional>
#include <vector>

namespace mamori::content {

class ArchiveMembers : public MemberSource {
 public:
  // `data` must outlive the source; `sniffed` says whether it is an archive
  // or a compressed file, and how sure the sniffer was.
  ArchiveMembers(std::span<const std::byte> data, const Sniffed& sniffed,
                 ExpansionContext& context);

  bool open(const Location& location) override;
  Header next(ContainerRecord& record, std::string& name) override;
  MemberStep read(const Location& location, ContainerRecord& record,
                  MemberData& member) override;
  void finish(const Location& location, ContainerRecord& record) override;

 private:
  enum class Status {
    kComplete,
    kTooLarge,
    kError,
    kRatio,        // the archive outgrew its ratio cap
    kMemberRatio,  // the member outgrew max_ratio times what it consumed
    kExpanded
  };
  struct Outcome {
    Status status = Status::kComplete;
    std::string sha256;  // set when every object is hashed
    uint64_t size = 0;   // for kTooLarge without a hash: at least this
    std::string error;   // kError: why
  };
  // The reader over the data (or the gzip inflated whole); `tar` false:
  // never read as a tar.
  void open_reader(bool tar);
  Outcome read_member();
  // More than max_ratio bytes out for each compressed byte consumed.
  bool over_ratio(uint64_t size, uint64_t consumed) const;
  // A member is a bomb: over max_ratio, and over kRatioFloor with the
  // members over max_ratio before it (a zip of many small members of
  // zeros, each under the floor, its headers keeping the whole zip under
  // max_ratio, is stopped like one large member).
  bool member_over_ratio(uint64_t size, uint64_t consumed) const;
  // Bytes of the container itself consumed so far.
  uint64_t consumed_input() const;
  // Whether the current entry carries data to examine, whatever its mode.
  bool carries_data() const;
  // The bytes already in memory that the current member is (a gzip
  // inflated by the fast path, a zip link's stored target), counted as
  // expanded; kComplete with `bytes` set, or the limit it hit.
  Outcome take_in_memory(std::span<const std::byte> bytes,
                         std::span<const std::byte>& out);
  MemberStep report(const Outcome& outcome, const Location& location,
                    ContainerRecord& record, MemberData& member);

  std::span<const std::byte> data_;
  Sniffed sniffed_;
  ExpansionContext& context_;
  // A gzip inflated whole (the fast path), and the memory it holds.
  std::optional<std::vector<std::byte>> inflated_;
  std::optional<MemoryLease> inflated_lease_;
  std::optional<unpack::ArchiveReader> reader_;
  std::vector<std::byte> buffer_;  // the current member, reused
  std::string link_target_;        // the current member, a zip link
  uint64_t expanded_ = 0;          // bytes read out of this archive
  uint64_t ratio_cap_ = 0;
  uint64_t over_ratio_bytes_ = 0;  // of whole members over max_ratio
  uint64_t archive_from_ = 0;      // consumed_input() at the start
  bool any_header_ = false;
  bool tar_refused_ = false;    // read again as one file, never as a tar
  bool member_failed_ = false;  // its error already explains a fatal next()
  bool document_ = false;       // OOXML or ODF
};

// The name given to the one member of a compressed single file: the
// container's name without its compression suffix ("a.txt.gz" -> "a.txt").
std::string decompressed_name(const std::string& container);

}  // namespace mamori::content
