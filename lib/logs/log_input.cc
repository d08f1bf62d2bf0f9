// LogInput over the shared libarchive wrapper (lib/unpack), and the
// block-to-line cutting of LineStream.
#include "logs/log_input.h"

#include <algorithm>
#include <cstring>
#include <span>

namespace mamori::logs {

namespace {
constexpr size_t kBlockSize = 1 << 20;
}  // namespace

LogInput::LogInput() = default;
LogInput::~LogInput() = default;

bool LogInput::open(const std::string& path, std::string* error) {
  // Compressed logs by their magic bytes, zips and tars of logs member by
  // member, anything else as one member.
  reader_ = unpack::ArchiveReader::open_file(
      path, {unpack::Formats::kLogBundles, /*single_file=*/true}, kBlockSize,
      *error);
  if (!reader_)
    return false;
  // A tar without a single member is a log that starts with NUL padding
  // (libarchive takes a NUL block for a tar's end, checking no checksum):
  // read it again, never as a tar. A file can be opened twice, standard
  // input cannot.
  first_ = reader_->next(*error);
  if (*first_ == unpack::ArchiveReader::Next::kEnd && path != "-") {
    reader_.reset();
    error->clear();
    unpack::ReaderOptions options{unpack::Formats::kLogBundles,
                                  /*single_file=*/true};
    options.tar = false;
    reader_ =
        unpack::ArchiveReader::open_file(path, options, kBlockSize, *error);
    if (!reader_)
      return false;
    first_ = reader_->next(*error);
  }
  return true;
}

bool LogInput::next_member(std::string* name, std::string* error) {
  while (true) {
    const unpack::ArchiveReader::Next next =
        first_ ? *first_ : reader_->next(*error);
    first_.reset();
    if (next != unpack::ArchiveReader::Next::kEntry)
      return false;
    if (!is_archive()) {
      name->clear();
      return true;
    }
    if (!reader_->is_regular())
      continue;
    *name = reader_->name();
    return true;
  }
}

bool LogInput::read_block(std::string_view* block, std::string* error) {
  std::span<const std::byte> data;
  if (reader_->read_block(data, *error) != unpack::ArchiveReader::Read::kData)
    return false;
  *block =
      std::string_view(reinterpret_cast<const char*>(data.data()), data.size());
  return true;
}

bool LogInput::is_plain() const {
  return reader_->is_plain();
}

bool LogInput::is_archive() const {
  return reader_->is_archive();
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
      block_end_ = bytes_;
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
  block_end_ = bytes_;
  return true;
}

bool LineStream::skip_to(uint64_t offset, uint64_t line) {
  while (true) {
    if (block_.empty() && !fill())
      return false;
    const uint64_t at = block_end_ - block_.size();
    if (at >= offset)
      break;
    const auto n =
        static_cast<size_t>(std::min<uint64_t>(block_.size(), offset - at));
    block_.remove_prefix(n);
    if (at + n == offset)
      break;
  }
  line_no_ = line;
  line_end_ = offset;
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
    if (peeked_.empty()) {
      // NUL padding at the very start is skipped before the format is
      // sniffed from the head.
      size_t nuls = block.find_first_not_of('\0');
      if (nuls == std::string_view::npos)
        nuls = block.size();
      nul_bytes_ += nuls;
      block.remove_prefix(nuls);
    }
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
      if ((!skipping_ && carry_.empty()) || hold_unterminated_)
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
    if (carry_.empty() && !skipping_ && block_.front() == '\0') {
      size_t nuls = block_.find_first_not_of('\0');
      if (nuls == std::string_view::npos)
        nuls = block_.size();
      nul_bytes_ += nuls;
      block_.remove_prefix(nuls);
      continue;
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
    line_end_ = block_end_ - block_.size();
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
