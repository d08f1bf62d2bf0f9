// The one libarchive wrapper: a reader over bytes in memory (archives and
// compressed files found by content/) or over a file or standard input
// (compressed and bundled logs read by logs/), owned RAII-style.
//
// It lives in its own module, lib/unpack/, depending only on common/, so
// that content/ and logs/ both use it without logs/ depending on content/
// (which depends on rules/ and assets/): <archive.h> is included only in
// lib/unpack/*.cc, and what libarchive may do to hostile input is decided
// here once. (The module is "unpack", not "archive", so that its namespace
// does not hide libarchive's own `struct archive`.) Only in-process
// decompressors are enabled (never filter_all, which runs external programs
// such as lrzip on demand), and never the "mtree" format (which reads the files
// named inside it from the disk).
//
// Failures follow the low-level contract of lib/common/error.h: a call that
// can fail on this input returns a status and a one-line reason in its
// `error` argument; nothing here throws for bad input or writes notices.
#pragma once

#include "common/file_open.h"
#include "common/handle.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

struct archive;
struct archive_entry;

namespace mamori::unpack {

namespace detail {
void free_archive(::archive* a) noexcept;
}

// Which of libarchive's format readers are enabled.
enum class Formats {
  // Every archive format content/ examines: zip, 7z, rar, rar5, tar,
  // iso9660, cab, cpio, ar, xar, lha.
  kEvidence,
  // zip and tar, the ways collections of logs are shipped (the OTRF
  // datasets are zips of JSON lines), and empty input.
  kLogBundles,
};

struct ReaderOptions {
  Formats formats = Formats::kEvidence;
  // Data that holds no archive is read as one member (libarchive's "raw"
  // format, which bids lowest, so a compressed tar is still read as a tar),
  // decompressed by whichever filter applies.
  bool single_file = false;
  // False: never read as a tar. libarchive takes data that starts with a
  // block of 512 NUL bytes for an (empty) tar, with no header checksum to
  // check; logs left by a crash start so (lib/logs).
  bool tar = true;
  // The charset tried for a member name that is not valid UTF-8 and was not
  // declared as anything else (a zip without its UTF-8 flag, a ustar name):
  // Windows Explorer writes zip names in the system code page, CP932 in
  // Japan. Empty: such names are shown escaped.
  std::string legacy_charset = "CP932";
};

class ArchiveReader {
 public:
  enum class Next { kEntry, kEnd, kFatal };
  enum class Read { kData, kEnd, kError };

  // Starts reading `data`, which must outlive the reader. Never fails here:
  // a bad archive shows up as kFatal from the first next().
  ArchiveReader(std::span<const std::byte> data, ReaderOptions options);

  // Opens the file `path` ("-": standard input), read `block_size` bytes at
  // a time (a smaller regular file in one block of its size), as evidence
  // (common/file_open.h: access times left alone). nullopt with `error` set
  // (the system's reason where there is one: "No such file or directory") when
  // it cannot be opened.
  static std::optional<ArchiveReader> open_file(const std::string& path,
                                                ReaderOptions options,
                                                size_t block_size,
                                                std::string& error);

  // Advances to the next member's header. kFatal (with `error`) means the
  // rest of the data cannot be trusted: a damaged header ends the reading.
  Next next(std::string& error);

  // The current member, valid after next() returned kEntry.
  // The name as UTF-8, whatever the process locale: as the format declares
  // it (7z, rar, Joliet, pax, a zip's UTF-8 flag), else the stored bytes
  // when they are valid UTF-8, else decoded from legacy_charset, else the
  // bytes as stored (every output shows them escaped, \xNN). "" only when
  // the member has no name at all.
  std::string name() const;
  bool is_regular() const;  // a file, or of no declared type
  // Neither a directory nor a link, whatever else its mode says: a device,
  // fifo or socket entry that may carry data (unzip extracts it as a file).
  bool is_directory() const;
  bool is_symlink() const;
  // A link's target as the format stored it (a zip stores it as the
  // member's data, which a hostile zip may fill with anything).
  std::string symlink_target() const;
  bool is_encrypted() const;
  std::optional<uint64_t> declared_size() const;

  // The next piece of the current member's data, without copying: `block`
  // stays valid until the next call. Holes in sparse members come back as
  // blocks of zeros. On kError (with `error`), a member that cannot be read
  // does not stop the archive unless next() then returns kFatal.
  Read read_block(std::span<const std::byte>& block, std::string& error);

  // Bytes of the input consumed so far (compressed bytes, as the format
  // inflates a member): what a member's expansion ratio is judged by.
  uint64_t bytes_consumed() const;
  // Each member is compressed alone and read straight from the input (a
  // zip), so a member's ratio is its own; in a compressed or solid stream
  // (tar.gz, 7z) a member's bytes are consumed with its neighbours'.
  bool compresses_members_alone() const;

  // The data is one compressed (or plain) file, not an archive.
  bool is_single_file() const;
  // The data is an archive of members (not a single file, not empty).
  bool is_archive() const;
  // The data is the input's own bytes: no filter, no archive.
  bool is_plain() const;
  // True when the format reported encrypted content (7z with encrypted
  // headers fails in next() and is recognised this way).
  bool saw_encryption() const;
  std::string format_name() const;

 private:
  ArchiveReader(ReaderOptions options, std::string& error);
  std::string last_error() const;

  std::string legacy_charset_;
  UniqueFd file_;  // open_file's, closed after the archive is freed
  CHandle<::archive, detail::free_archive> archive_;
  ::archive_entry* entry_ = nullptr;
  bool opened_ = false;
  bool header_failed_ = false;  // next() met a header it could not read
  uint64_t position_ = 0;       // in the current member
  uint64_t hole_ = 0;           // zeros still to hand out before `pending_`
  std::span<const std::byte> pending_;
  bool has_pending_ = false;
};

// The version of libarchive mamori runs with, for `mamori version`.
std::string library_version();

}  // namespace mamori::unpack
