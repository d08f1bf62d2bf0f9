// libarchive behind LogInput, and the block-to-line cutting of LineStream.
#include "logs/log_input.h"

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <cstring>

namespace mamori::logs {

namespace detail {
void free_archive(archive* a) {
  if (a != nullptr)
    archive_read_free(a);
}
}  // namespace detail

namespace {
constexpr size_t kBlockSize = 1 << 20;

std::string archive_message(archive* a) {
  const char* msg = archive_error_string(a);
  return msg != nullptr ? msg : "read error";
}
}  // namespace

LogInput::LogInput() : archive_(nullptr, detail::free_archive) {}
LogInput::~LogInput() = default;

bool LogInput::open(const std::string& path, std::string* error) {
  archive_.reset(archive_read_new());
  archive* a = archive_.get();
  if (a == nullptr) {
    *error = "out of memory";
    return false;
  }
  // Only in-process decompressors: filter_all would also run external
  // programs (lrzip, grzip) on hostile input.
  archive_read_support_filter_gzip(a);
  archive_read_support_filter_bzip2(a);
  archive_read_support_filter_xz(a);
  archive_read_support_filter_lzma(a);
  archive_read_support_filter_zstd(a);
  archive_read_support_filter_lz4(a);
  archive_read_support_format_zip(a);
  archive_read_support_format_tar(a);
  archive_read_support_format_gnutar(a);
  archive_read_support_format_raw(a);  // lowest bid: anything else
  archive_read_support_format_empty(a);
  const int rc = path == "-"
                     ? archive_read_open_fd(a, 0, kBlockSize)
                     : archive_read_open_filename(a, path.c_str(), kBlockSize);
  if (rc != ARCHIVE_OK) {
    // The system's reason ("No such file or directory") says more than
    // libarchive's "Failed to open 'x'"; EILSEQ and EINVAL are libarchive's
    // own codes for format and usage errors.
    const int e = archive_errno(a);
    *error = e > 0 && e != EILSEQ && e != EINVAL ? std::strerror(e)
                                                 : archive_message(a);
    return false;
  }
  return true;
}

bool LogInput::next_member(std::string* name, std::string* error) {
  archive* a = archive_.get();
  while (true) {
    archive_entry* entry = nullptr;
    const int rc = archive_read_next_header(a, &entry);
    if (rc == ARCHIVE_EOF)
      return false;
    if (rc < ARCHIVE_WARN) {
      *error = archive_message(a);
      return false;
    }
    if (!is_archive()) {
      name->clear();
      return true;
    }
    if (archive_entry_filetype(entry) != AE_IFREG)
      continue;
    const char* path = archive_entry_pathname(entry);
    *name = path != nullptr ? path : "";
    return true;
  }
}

bool LogInput::read_block(std::string_view* block, std::string* error) {
  const void* data = nullptr;
  size_t size = 0;
  la_int64_t offset = 0;
  const int rc = archive_read_data_block(archive_.get(), &data, &size, &offset);
  if (rc == ARCHIVE_EOF)
    return false;
  if (rc < ARCHIVE_WARN) {
    *error = archive_message(archive_.get());
    return false;
  }
  *block = std::string_view(static_cast<const char*>(data), size);
  return true;
}

bool LogInput::is_plain() const {
  archive* a = archive_.get();
  return archive_filter_count(a) <= 1 &&
         archive_filter_code(a, 0) == ARCHIVE_FILTER_NONE && !is_archive();
}

bool LogInput::is_archive() const {
  const int format = archive_format(archive_.get()) & ARCHIVE_FORMAT_BASE_MASK;
  return format != ARCHIVE_FORMAT_RAW && format != ARCHIVE_FORMAT_EMPTY &&
         format != 0;
}

LineStream::LineStream(LogInput& input, size_t max_line)
    : input_(input), max_line_(max_line) {}

LineStream::~LineStream() {
  if (producer_.joinable()) {
    ready_.cancel();
    spare_.cancel();
    producer_.join();
  }
}

void LineStream::prefetch() {
  if (producer_.joinable() || input_done_)
    return;
  for (size_t i = 0; i < kPrefetchBlocks; ++i)
    spare_.push(std::string());
  producer_ = std::thread([this] { produce(); });
}

void LineStream::produce() {
  while (std::optional<std::string> buffer = spare_.pop()) {
    std::string_view block;
    std::string error;
    bool more = true;
    try {
      while ((more = input_.read_block(&block, &error)) && block.empty()) {
      }
      if (more)
        buffer->assign(block);
    } catch (const std::exception& e) {
      more = false;
      error = e.what();
    }
    if (!more) {
      producer_error_ = error;
      ready_.close();
      return;
    }
    if (!ready_.push(std::move(*buffer)))
      return;  // cancelled
  }
}

bool LineStream::read_next_block(std::string_view* block) {
  if (!producer_.joinable()) {
    while (true) {
      if (!input_.read_block(block, &error_))
        return false;
      if (!block->empty())
        return true;
    }
  }
  // The block handed out last time is free again.
  if (!current_.empty() || current_.capacity() != 0) {
    spare_.push(std::move(current_));
    current_ = std::string();
  }
  std::optional<std::string> next = ready_.pop();
  if (!next) {
    error_ = producer_error_;
    return false;
  }
  current_ = std::move(*next);
  *block = current_;
  return true;
}

bool LineStream::fill() {
  if (peeked_pending_) {
    peeked_pending_ = false;
    if (!peeked_.empty()) {
      block_ = peeked_;
      return true;
    }
  }
  if (input_done_)
    return false;
  std::string_view block;
  if (!read_next_block(&block)) {
    input_done_ = true;
    return false;
  }
  bytes_ += block.size();
  block_ = block;
  return true;
}

std::string_view LineStream::peek(size_t n) {
  // Only before the first line: the peeked bytes replay as the first block.
  while (peeked_.size() < n && !input_done_) {
    std::string_view block;
    if (!input_.read_block(&block, &error_)) {
      input_done_ = true;
      break;
    }
    bytes_ += block.size();
    peeked_.append(block);
  }
  peeked_pending_ = true;
  return peeked_;
}

bool LineStream::next_block(std::string_view* block) {
  if (block_.empty() && !fill())
    return false;
  *block = block_;
  block_ = {};
  return true;
}

namespace {
std::string_view without_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r')
    line.remove_suffix(1);
  return line;
}
}  // namespace

LineStream::Result LineStream::next(std::string_view* line, uint64_t* line_no) {
  if (clear_carry_) {
    carry_.clear();
    clear_carry_ = false;
  }
  while (true) {
    if (block_.empty() && !fill()) {
      if (!error_.empty())
        return Result::kError;
      if (!skipping_ && carry_.empty())
        return Result::kEnd;
      *line_no = ++line_no_;
      if (skipping_) {
        skipping_ = false;
        return Result::kTooLong;
      }
      *line = without_cr(carry_);
      clear_carry_ = true;
      return Result::kLine;
    }
    const auto* nl = static_cast<const char*>(
        std::memchr(block_.data(), '\n', block_.size()));
    if (nl == nullptr) {
      if (!skipping_ && carry_.size() + block_.size() > max_line_) {
        skipping_ = true;
        carry_.clear();
      }
      if (!skipping_)
        carry_.append(block_);
      block_ = {};
      continue;
    }
    const auto len = static_cast<size_t>(nl - block_.data());
    const std::string_view piece = block_.substr(0, len);
    block_.remove_prefix(len + 1);
    *line_no = ++line_no_;
    if (skipping_) {
      skipping_ = false;
      return Result::kTooLong;
    }
    if (carry_.empty()) {
      if (piece.size() > max_line_)
        return Result::kTooLong;
      *line = without_cr(piece);
      return Result::kLine;
    }
    if (carry_.size() + piece.size() > max_line_) {
      carry_.clear();
      return Result::kTooLong;
    }
    carry_.append(piece);
    *line = without_cr(carry_);
    clear_carry_ = true;
    return Result::kLine;
  }
}

}  // namespace mamori::logs
