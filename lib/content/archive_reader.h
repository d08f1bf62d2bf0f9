// A libarchive reader over bytes in memory, owned RAII-style. It enables the
// formats and filters mamori examines, and never libarchive's "mtree" (which
// reads files named inside it from the disk) or the filters that run
// external programs. <archive.h> stays inside archive_reader.cc.
#pragma once

#include "common/handle.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

struct archive;
struct archive_entry;

namespace mamori::content {

namespace detail {
void free_archive(archive* a) noexcept;
}

class ArchiveReader {
 public:
  enum class Next { kEntry, kEnd, kFatal };

  // Starts reading `data`, which must outlive the reader. With
  // `single_file`, a compressed stream that holds no archive is read as one
  // member (libarchive's raw format). Never fails here: a bad archive shows
  // up as kFatal from the first next().
  ArchiveReader(std::span<const std::byte> data, bool single_file);

  // Advances to the next member's header.
  Next next();

  // The current member, valid after next() returned kEntry.
  std::string name() const;  // raw bytes as stored; "" when there is none
  bool is_regular() const;   // a file, or of no declared type
  bool is_encrypted() const;
  std::optional<uint64_t> declared_size() const;
  bool from_raw_format() const;  // a single compressed file, no archive

  enum class Read { kData, kEnd, kError };
  // The next piece of the current member's data, without copying: `block`
  // stays valid until the next call. Holes in sparse members come back as
  // blocks of zeros. On kError, error() says why; a member that cannot be
  // read does not stop the archive unless next() then returns kFatal.
  Read read_block(std::span<const std::byte>& block);

  // True when the format reported encrypted content (7z with encrypted
  // headers fails in next() and is recognised this way).
  bool saw_encryption() const;
  std::string error() const;
  std::string format_name() const;

 private:
  CHandle<archive, detail::free_archive> archive_;
  ::archive_entry* entry_ = nullptr;
  bool opened_ = false;
  uint64_t position_ = 0;  // in the current member
  uint64_t hole_ = 0;      // zeros still to hand out before `pending_`
  std::span<const std::byte> pending_;
  bool has_pending_ = false;
};

}  // namespace mamori::content
