// LogInput over the shared libarchive wrapper (lib/unpack), and the
// block-to-line cutting of LineStream.
#include "logs/log_input.h"

#include <simdjson.h>

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
  at_member_start_ = true;
  member_ended_ = false;
  decoder_.reset();
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
  if (member_ended_)
    return false;
  std::span<const std::byte> data;
  if (reader_->read_block(data, *error) != unpack::ArchiveReader::Read::kData) {
    member_ended_ = true;
    if (!decoder_ || !error->empty())
      return false;
    decoded_.clear();
    decoder_->finish(decoded_);  // a character cut by the end
    *block = decoded_;
    return !decoded_.empty();
  }
  *block =
      std::string_view(reinterpret_cast<const char*>(data.data()), data.size());
  if (at_member_start_) {
    at_member_start_ = false;
    size_t bom = 0;
    if (const std::optional<ByteOrder> order = sniff_utf16(*block, &bom)) {
      decoder_.emplace(*order);
      block->remove_prefix(bom);
    }
  }
  if (decoder_) {
    decoded_.clear();
    decoder_->decode(*block, decoded_);
    *block = decoded_;
  }
  return true;
}

bool LogInput::is_plain() const {
  return reader_->is_plain() && !decoder_;
}

bool LogInput::is_raw_file() const {
  return reader_->is_plain();
}

std::string_view LogInput::decoded_from() const {
  if (!decoder_)
    return {};
  return decoder_->order() == ByteOrder::kLittle ? "UTF-16LE" : "UTF-16BE";
}

uint64_t LogInput::replaced_units() const {
  return decoder_ ? decoder_->replaced() : 0;
}

std::optional<ByteOrder> sniff_utf16(std::string_view head, size_t* bom_size) {
  *bom_size = 0;
  if (head.starts_with("\xFF\xFE") && !head.starts_with({"\xFF\xFE\0\0", 4})) {
    *bom_size = 2;  // (FF FE 00 00 is UTF-32's)
    return ByteOrder::kLittle;
  }
  if (head.starts_with("\xFE\xFF")) {
    *bom_size = 2;
    return ByteOrder::kBig;
  }
  // Without a mark: text of the ASCII range, every second byte NUL, in
  // (nearly) every unit of the head. NUL padding has both bytes NUL, and
  // no binary log has this shape for long.
  constexpr size_t kUnits = 256;
  constexpr size_t kMinUnits = 16;
  const size_t units = std::min(head.size() / 2, kUnits);
  if (units < kMinUnits)
    return std::nullopt;
  size_t little = 0;
  size_t big = 0;
  for (size_t i = 0; i < units; ++i) {
    const char a = head[2 * i];
    const char b = head[2 * i + 1];
    little += a != '\0' && b == '\0';
    big += a == '\0' && b != '\0';
  }
  // Nine units in ten: a few non-ASCII characters (kanji) do not count.
  if (little * 10 >= units * 9)
    return ByteOrder::kLittle;
  if (big * 10 >= units * 9)
    return ByteOrder::kBig;
  return std::nullopt;
}

namespace {
// Whether any byte is 0x80 or above, eight at a time.
bool has_high_byte(std::string_view s) {
  uint64_t any = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word = 0;
    std::memcpy(&word, s.data() + i, 8);
    any |= word;
  }
  for (; i < s.size(); ++i)
    any |= static_cast<unsigned char>(s[i]);
  return (any & 0x8080808080808080u) != 0;
}
}  // namespace

std::string_view line_as_utf8(std::string_view line, std::string& storage) {
  if (!has_high_byte(line) || simdjson::validate_utf8(line.data(), line.size()))
    return line;
  thread_local Converter cp932("CP932", "UTF-8");
  std::optional<std::string> decoded = cp932(line);
  if (!decoded)
    return line;
  storage = std::move(*decoded);
  return storage;
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
      *line = utf8(without_cr(carry_));
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
      *line = utf8(without_cr(piece));
      return Result::kLine;
    }
    if (carry_.size() + piece.size() > max_line_) {
      carry_.clear();
      return Result::kTooLong;
    }
    carry_.append(piece);
    *line = utf8(without_cr(carry_));
    clear_carry_ = true;
    return Result::kLine;
  }
}

}  // namespace mamori::logs
