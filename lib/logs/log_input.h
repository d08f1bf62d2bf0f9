// Reading the bytes of a log: a file or standard input, decompressed on the
// fly (gzip, bzip2, xz, lzma, zstd, lz4, lzip, compress: found by their
// magic bytes, not by the name), with zip and tar archives read member by
// member (the OTRF datasets are zips of JSON lines). Data arrives in blocks
// and is cut into lines of bounded length, so a log of any size is read in
// fixed memory.
// libarchive is reached through the one wrapper, lib/unpack.
#pragma once

#include "unpack/archive_reader.h"

#include "common/bounded_queue.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace mamori::logs {

// One opened log. open() then, for each member, next_member() and blocks.
class LogInput {
 public:
  LogInput();
  ~LogInput();
  LogInput(const LogInput&) = delete;
  LogInput& operator=(const LogInput&) = delete;

  // `path` "-" is standard input. False with `error` set when unreadable.
  bool open(const std::string& path, std::string* error);
  // Advances to the next member; false at the end (or on error, with
  // `error` set). A plain or compressed log has exactly one member.
  bool next_member(std::string* name, std::string* error);
  // The next block of the current member: false at its end, or on error
  // with `error` set. The view is valid until the next call.
  bool read_block(std::string_view* block, std::string* error);

  // True when the data is the file's own bytes (no filter, no archive), so
  // a library that wants a path (libevtx) can open the file directly.
  bool is_plain() const;
  bool is_archive() const;

 private:
  std::optional<unpack::ArchiveReader> reader_;
  // The first member, looked for by open().
  std::optional<unpack::ArchiveReader::Next> first_;
};

// Lines of a member, from LogInput blocks. A line is returned without its
// "\n" and without a final "\r". A line longer than `max_line` is returned
// as kTooLong (its content dropped) and reading resumes after its newline.
class LineStream {
 public:
  enum class Result { kLine, kTooLong, kEnd, kError };

  LineStream(LogInput& input, size_t max_line);
  ~LineStream();
  LineStream(const LineStream&) = delete;
  LineStream& operator=(const LineStream&) = delete;

  // Decompresses on a second thread from now on, a few blocks ahead of
  // the parser (for compressed logs, where inflating costs as much as
  // parsing). Call after peek().
  void prefetch();

  // Buffers at least `n` bytes (fewer at the end of data) and returns them
  // without consuming them: the head used to recognise the format.
  std::string_view peek(size_t n);
  // NUL bytes passed over: NUL padding (a crash leaves the tail of a log,
  // or the start of the next write, as NUL bytes) is skipped wherever a
  // line would begin, and never counts as a line.
  uint64_t nul_bytes() const { return nul_bytes_; }
  Result next(std::string_view* line, uint64_t* line_no);
  // The data as it comes, block by block, instead of lines (a binary log
  // copied out whole). False at the end or on error (see error()).
  bool next_block(std::string_view* block);
  const std::string& error() const { return error_; }
  uint64_t bytes_read() const { return bytes_; }

  // Resuming (log_resume.h). Passes over the content up to byte `offset`,
  // which ends line `line`; call after peek() and before next(). False
  // when the content ends first.
  bool skip_to(uint64_t offset, uint64_t line);
  // A last line that no newline ends is not returned but left unread (a
  // live log's writer may not have finished it).
  void hold_unterminated() { hold_unterminated_ = true; }
  // The content offset after the newline of the last line returned, and
  // the number of lines returned or passed over up to there.
  uint64_t line_end() const { return line_end_; }
  uint64_t lines_done() const { return line_no_; }

 private:
  bool fill();  // next block into block_; false at the end or on error
  bool read_next_block(std::string_view* block);
  void produce();  // the prefetch thread

  // Prefetched blocks: full ones wait in `ready_`, used ones go back to
  // `spare_` to be filled again; at most kPrefetchBlocks exist.
  static constexpr size_t kPrefetchBlocks = 4;
  std::thread producer_;
  BoundedQueue<std::string> ready_{kPrefetchBlocks};
  BoundedQueue<std::string> spare_{kPrefetchBlocks};
  std::string current_;  // the block being cut into lines
  // Written by the producer before it closes `ready_`.
  std::string producer_error_;

  LogInput& input_;
  size_t max_line_;
  std::string peeked_;  // blocks read by peek(), replayed first
  bool peeked_pending_ = false;
  bool input_done_ = false;
  std::string_view block_;  // the data not yet cut into lines
  std::string carry_;       // a line straddling blocks
  bool clear_carry_ = false;
  bool skipping_ = false;  // inside an overlong line
  uint64_t line_no_ = 0;
  uint64_t bytes_ = 0;
  // The content offset where the block in block_ ends: the offset of
  // block_.data() is block_end_ - block_.size().
  uint64_t block_end_ = 0;
  uint64_t line_end_ = 0;
  bool hold_unterminated_ = false;
  uint64_t nul_bytes_ = 0;
  std::string error_;
};

}  // namespace mamori::logs
