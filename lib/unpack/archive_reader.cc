// ArchiveReader over libarchive: the enabled formats and filters, the open
// of memory or a file, and block reading with sparse holes filled in.
#include "unpack/archive_reader.h"

#include "common/text.h"

#include <archive.h>
#include <archive_entry.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <clocale>
#include <cstring>
#include <locale.h>
#include <memory>
#include <sys/stat.h>

namespace mamori::unpack {

namespace detail {
void free_archive(::archive* a) noexcept {
  archive_read_free(a);
}
}  // namespace detail

namespace {

void enable_formats(::archive* a, const ReaderOptions& options) {
  archive_read_support_format_zip(a);  // streamable and seekable
  if (options.tar) {
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
  }
  if (options.formats == Formats::kEvidence) {
    archive_read_support_format_7zip(a);
    archive_read_support_format_rar(a);
    archive_read_support_format_rar5(a);
    archive_read_support_format_iso9660(a);
    archive_read_support_format_cab(a);
    archive_read_support_format_cpio(a);
    archive_read_support_format_ar(a);
    archive_read_support_format_xar(a);
    archive_read_support_format_lha(a);
  } else {
    archive_read_support_format_empty(a);
  }
  // Raw bids lowest, so a compressed tar is still read as a tar. A stream
  // that decompresses to nothing (an empty log rotated and gzipped) is
  // "empty", no member, rather than a format not recognised.
  if (options.single_file) {
    if (options.formats == Formats::kEvidence)
      archive_read_support_format_empty(a);
    archive_read_support_format_raw(a);
  }
}

// libarchive converts names between a format's charset and the locale's
// (nl_langinfo(CODESET), mbrtowc): under the C locale a 7z name in Japanese
// comes back empty and a zip's UTF-8 name as '?'. Every call that reads or
// converts names runs with a UTF-8 LC_CTYPE on this thread only
// (uselocale), so names come out as UTF-8 whatever the process locale; the
// rest of the process is untouched.
class Utf8Names {
 public:
  Utf8Names() {
    if (locale_t utf8 = utf8_ctype())
      previous_ = ::uselocale(utf8);
  }
  ~Utf8Names() {
    if (previous_ != nullptr)
      ::uselocale(previous_);
  }
  Utf8Names(const Utf8Names&) = delete;
  Utf8Names& operator=(const Utf8Names&) = delete;

 private:
  static locale_t utf8_ctype() {
    static const locale_t utf8 = [] {
      for (const char* name : {"C.UTF-8", "C.utf8", "en_US.UTF-8"}) {
        if (locale_t l = ::newlocale(LC_CTYPE_MASK, name, nullptr))
          return l;
      }
      return locale_t{};
    }();
    return utf8;
  }
  locale_t previous_ = nullptr;
};

struct CloseIconv {
  void operator()(void* cd) const { ::iconv_close(static_cast<iconv_t>(cd)); }
};

// `raw` decoded from `charset` to UTF-8; nullopt when it is not valid there.
std::optional<std::string> decode(const std::string& raw,
                                  const std::string& charset) {
  if (charset.empty())
    return std::nullopt;
  thread_local std::string open_charset;
  thread_local std::unique_ptr<void, CloseIconv> cd;
  if (!cd || open_charset != charset) {
    cd.reset();
    iconv_t opened = ::iconv_open("UTF-8", charset.c_str());
    if (opened == reinterpret_cast<iconv_t>(-1))
      return std::nullopt;
    cd.reset(opened);
    open_charset = charset;
  }
  auto* handle = static_cast<iconv_t>(cd.get());
  ::iconv(handle, nullptr, nullptr, nullptr, nullptr);  // initial state
  std::string out(raw.size() * 4 + 4, '\0');
  char* in = const_cast<char*>(raw.data());
  size_t in_left = raw.size();
  char* to = out.data();
  size_t out_left = out.size();
  if (::iconv(handle, &in, &in_left, &to, &out_left) == static_cast<size_t>(-1))
    return std::nullopt;
  out.resize(out.size() - out_left);
  if (!is_valid_utf8(out))
    return std::nullopt;
  return out;
}

// The in-process decompressors, the same for every reader.
void enable_filters(::archive* a) {
  archive_read_support_filter_gzip(a);
  archive_read_support_filter_bzip2(a);
  archive_read_support_filter_xz(a);
  archive_read_support_filter_lzma(a);
  archive_read_support_filter_zstd(a);
  archive_read_support_filter_lz4(a);
  archive_read_support_filter_lzip(a);
  archive_read_support_filter_compress(a);
}

}  // namespace

ArchiveReader::ArchiveReader(ReaderOptions options, std::string& error)
    : legacy_charset_(options.legacy_charset), archive_(archive_read_new()) {
  if (!archive_) {
    error = "out of memory";
    return;
  }
  enable_formats(archive_.get(), options);
  enable_filters(archive_.get());
}

ArchiveReader::ArchiveReader(std::span<const std::byte> data,
                             ReaderOptions options)
    : legacy_charset_(options.legacy_charset), archive_(archive_read_new()) {
  if (!archive_)
    return;
  enable_formats(archive_.get(), options);
  enable_filters(archive_.get());
  opened_ = archive_read_open_memory(archive_.get(), data.data(),
                                     data.size()) == ARCHIVE_OK;
}

std::optional<ArchiveReader> ArchiveReader::open_file(const std::string& path,
                                                      ReaderOptions options,
                                                      size_t block_size,
                                                      std::string& error) {
  ArchiveReader reader(options, error);
  ::archive* a = reader.archive_.get();
  if (a == nullptr)
    return std::nullopt;
  int fd = 0;
  if (path != "-") {
    reader.file_ = UniqueFd(open_evidence(path, 0));
    fd = reader.file_.get();
    if (fd < 0) {
      error = std::strerror(errno);
      return std::nullopt;
    }
  }
  // A smaller file is read whole in one block no larger than itself (a
  // page at least): its buffer is the file's size, not block_size. A file
  // that grows meanwhile is read in more blocks.
  if (struct stat st; ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    constexpr size_t kMinBlock = 4096;
    const auto size = static_cast<uint64_t>(st.st_size);
    if (size < block_size)
      block_size = std::max<size_t>(kMinBlock, static_cast<size_t>(size));
  }
  if (archive_read_open_fd(a, fd, block_size) != ARCHIVE_OK) {
    // The system's reason ("No such file or directory") says more than
    // libarchive's "Failed to open 'x'"; EILSEQ and EINVAL are libarchive's
    // own codes for format and usage errors.
    const int e = archive_errno(a);
    error = e > 0 && e != EILSEQ && e != EINVAL ? std::strerror(e)
                                                : reader.last_error();
    return std::nullopt;
  }
  reader.opened_ = true;
  return reader;
}

ArchiveReader::Next ArchiveReader::next(std::string& error) {
  if (!archive_ || !opened_) {
    error = last_error();
    return Next::kFatal;
  }
  position_ = 0;
  hole_ = 0;
  has_pending_ = false;
  const Utf8Names utf8;
  int rc = archive_read_next_header(archive_.get(), &entry_);
  if (rc == ARCHIVE_EOF)
    return Next::kEnd;
  // ARCHIVE_WARN: e.g. a name that cannot be converted; the entry is usable.
  // ARCHIVE_RETRY / ARCHIVE_FAILED: this header is bad; libarchive may still
  // find the next, but we cannot trust the rest of the stream.
  if (rc == ARCHIVE_OK || rc == ARCHIVE_WARN)
    return Next::kEntry;
  entry_ = nullptr;
  header_failed_ = true;
  error = last_error();
  return Next::kFatal;
}

std::string ArchiveReader::name() const {
  if (entry_ == nullptr)
    return {};
  const Utf8Names utf8_names;
  // Converted by libarchive from the format's declared charset (the locale
  // being UTF-8 here, stored bytes that are not UTF-8 fail to convert).
  if (const char* utf8 = archive_entry_pathname_utf8(entry_))
    return utf8;
  const char* stored = archive_entry_pathname(entry_);
  if (stored == nullptr)
    return {};
  std::string raw = stored;
  if (is_valid_utf8(raw))
    return raw;
  if (std::optional<std::string> decoded = decode(raw, legacy_charset_))
    return *decoded;
  return raw;  // kept as stored: every output escapes what is not UTF-8
}

bool ArchiveReader::is_directory() const {
  return entry_ != nullptr && archive_entry_filetype(entry_) == AE_IFDIR;
}

bool ArchiveReader::is_symlink() const {
  return entry_ != nullptr && archive_entry_filetype(entry_) == AE_IFLNK;
}

std::string ArchiveReader::symlink_target() const {
  if (entry_ == nullptr)
    return {};
  const Utf8Names utf8_names;
  const char* target = archive_entry_symlink(entry_);
  return target != nullptr ? target : "";
}

bool ArchiveReader::is_regular() const {
  if (entry_ == nullptr)
    return false;
  // An entry of no declared type (a hand-made RAR5 with bare permission
  // bits, say) still carries data: examined, never silently skipped.
  mode_t type = archive_entry_filetype(entry_);
  return type == AE_IFREG || type == 0;
}

bool ArchiveReader::is_encrypted() const {
  return entry_ != nullptr && archive_entry_is_encrypted(entry_) != 0;
}

std::optional<uint64_t> ArchiveReader::declared_size() const {
  if (entry_ == nullptr || archive_entry_size_is_set(entry_) == 0) {
    return std::nullopt;
  }
  la_int64_t size = archive_entry_size(entry_);
  if (size < 0)
    return std::nullopt;
  return static_cast<uint64_t>(size);
}

ArchiveReader::Read ArchiveReader::read_block(std::span<const std::byte>& block,
                                              std::string& error) {
  // archive_read_data_block rather than archive_read_data: no copy, and
  // libarchive 3.6's archive_read_data returns stray bytes after some xar
  // members.
  static constexpr std::byte kZeros[64 * 1024] = {};
  if (hole_ > 0) {
    size_t n =
        hole_ < sizeof kZeros ? static_cast<size_t>(hole_) : sizeof kZeros;
    hole_ -= n;
    position_ += n;
    block = std::span<const std::byte>(kZeros, n);
    return Read::kData;
  }
  if (has_pending_) {
    has_pending_ = false;
    block = pending_;
    position_ += block.size();
    return Read::kData;
  }
  const void* data = nullptr;
  size_t size = 0;
  la_int64_t offset = 0;
  int rc = archive_read_data_block(archive_.get(), &data, &size, &offset);
  if (rc == ARCHIVE_EOF)
    return Read::kEnd;
  if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
    error = last_error();
    return Read::kError;
  }
  if (offset < 0 || static_cast<uint64_t>(offset) < position_) {
    archive_set_error(archive_.get(), -1, "member data out of order");
    error = last_error();
    return Read::kError;
  }
  pending_ =
      std::span<const std::byte>(static_cast<const std::byte*>(data), size);
  has_pending_ = true;
  hole_ = static_cast<uint64_t>(offset) - position_;
  return read_block(block, error);
}

uint64_t ArchiveReader::bytes_consumed() const {
  if (!archive_)
    return 0;
  const la_int64_t n = archive_filter_bytes(archive_.get(), -1);
  return n > 0 ? static_cast<uint64_t>(n) : 0;
}

bool ArchiveReader::compresses_members_alone() const {
  if (!archive_)
    return false;
  ::archive* a = archive_.get();
  return (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP &&
         archive_filter_code(a, 0) == ARCHIVE_FILTER_NONE;
}

bool ArchiveReader::is_single_file() const {
  return archive_ && archive_format(archive_.get()) == ARCHIVE_FORMAT_RAW;
}

bool ArchiveReader::is_archive() const {
  if (!archive_)
    return false;
  const int format = archive_format(archive_.get()) & ARCHIVE_FORMAT_BASE_MASK;
  return format != ARCHIVE_FORMAT_RAW && format != ARCHIVE_FORMAT_EMPTY &&
         format != 0;
}

bool ArchiveReader::is_plain() const {
  if (!archive_)
    return false;
  ::archive* a = archive_.get();
  return archive_filter_count(a) <= 1 &&
         archive_filter_code(a, 0) == ARCHIVE_FILTER_NONE && !is_archive();
}

bool ArchiveReader::saw_encryption() const {
  if (!archive_)
    return false;
  // Before the archive opened, or once reading a header has failed,
  // libarchive 3.6.2 may read freed
  // format state when asked about encryption (a SEGV found by fuzzing, in
  // archive_read_format_capabilities): its error message says enough then.
  if (opened_ && !header_failed_ &&
      archive_read_has_encrypted_entries(archive_.get()) > 0)
    return true;
  const char* message = archive_error_string(archive_.get());
  return message != nullptr && (std::strstr(message, "ncrypt") != nullptr ||
                                std::strstr(message, "assphrase") != nullptr);
}

std::string ArchiveReader::format_name() const {
  if (!archive_)
    return {};
  const char* name = archive_format_name(archive_.get());
  return name != nullptr ? name : "";
}

std::string ArchiveReader::last_error() const {
  if (!archive_)
    return "libarchive could not start";
  const char* message = archive_error_string(archive_.get());
  if (message != nullptr)
    return message;
  return opened_ ? "unknown error" : "not a readable archive";
}

std::string library_version() {
  return archive_version_details();
}

}  // namespace mamori::unpack
