// Reading the bytes of a log: a file or standard input, decompressed on the
// fly (gzip, bzip2, xz, lzma, zstd, lz4, lzip, compress: found by their
// magic bytes, not by the name), with zip and tar archives read member by
// member (the OTRF datasets are zips of JSON lines). Data arrives in blocks
// and is cut into lines of bounded length, so a log of any size is read in
// fixed memory.
//
// Text encodings: a member in UTF-16 (a byte-order mark, or without one
// every second byte NUL; PowerShell 5's `>` saves `wevtutil qe` output so,
// `Export-Csv -Encoding Unicode` an audit export) is decoded to UTF-8
// block by block, so the parsers and the resume offsets only ever see
// UTF-8. A line that is not UTF-8 but is CP932 (a Japanese Windows
// setupapi.dev.log, a Samba server with `unix charset = CP932`) is
// returned decoded; a line that is neither is returned as it is, and every
// output escapes its invalid bytes.
// libarchive is reached through the one wrapper, lib/unpack.
#pragma once

#include "unpack/archive_reader.h"

#include "common/bounded_queue.h"
#include "common/encoding.h"

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

  // True when the data is the file's own bytes (no filter, no archive, no
  // decoding), so a library that wants a path (libevtx) can open the file
  // directly. Known once the member's first block is read.
  bool is_plain() const;
  // True when the bytes come from the file as they are on disk (no filter,
  // no archive), decoded or not: a file that may still be written.
  bool is_raw_file() const;
  bool is_archive() const;
  // The current member's encoding when it is decoded ("UTF-16LE"), else
  // empty; and the units that were not UTF-16, each replaced by U+FFFD.
  std::string_view decoded_from() const;
  uint64_t replaced_units() const;

 private:
  std::optional<unpack::ArchiveReader> reader_;
  // The first member, looked for by open().
  std::optional<unpack::ArchiveReader::Next> first_;
  // The member's first block is yet to come: its head says the encoding.
  bool at_member_start_ = true;
  bool member_ended_ = false;
  std::optional<Utf16Decoder> decoder_;  // for a member in UTF-16
  std::string decoded_;                  // the last block, decoded
};

// The byte order of UTF-16 text from its first bytes, and the size of its
// byte-order mark (0 when there is none); nullopt when it is not UTF-16.
std::optional<ByteOrder> sniff_utf16(std::string_view head, size_t* bom_size);

// `line` as UTF-8: itself when it is ASCII or UTF-8, decoded into `storage`
// when it is CP932, else itself (bytes that no encoding explains).
std::string_view line_as_utf8(std::string_view line, std::string& storage);

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
  // A line's text is UTF-8 wherever it can be (line_as_utf8).
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
  std::string_view utf8(std::string_view line) {
    return line_as_utf8(line, decoded_line_);
  }
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
  std::string decoded_line_;  // a CP932 line, decoded
  std::string error_;
};

}  // namespace mamori::logs
