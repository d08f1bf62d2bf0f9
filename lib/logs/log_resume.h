// Reading only what is new in a log (--state, issue 13): the reader asks a
// ResumeBook where each log file it opens may start, and tells it where it
// stopped. The book (lib/state's LogBook) remembers positions between runs;
// the reader knows files, formats and lines. Without a book every log is
// read from its first line, as always.
//
// A position is the byte offset after the last complete line read (in the
// file's content: the inflated bytes of a `.gz`) and the number of lines
// before it. A line not yet ended by a newline in a plain file is left for
// the next run, which reads it whole once its writer has finished it.
// Formats whose lines mean something only after a header (CSV) name how
// many leading lines give that context; they are read again, for their
// meaning only, before reading resumes.
#pragma once

#include "logs/log_format.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mamori::logs {

// A log file as it is now.
struct LogIdentity {
  std::string path;
  uint64_t device = 0;
  uint64_t inode = 0;
  uint64_t raw_size = 0;  // of the file on disk
  int64_t raw_mtime_ns = 0;
  // The content is the file's own bytes (no compression): its size is
  // raw_size. Otherwise the content's size is not known without
  // inflating it all.
  bool plain = true;
};

// Where to read a file from.
struct ResumePoint {
  uint64_t offset = 0;  // content bytes to pass over
  uint64_t line = 0;    // lines in them
  // Leading lines to read again for their meaning (a CSV header).
  uint64_t context_lines = 0;
  // The format recorded when the file was first read; empty: detect.
  std::string format;
  // The file was read to its end and is the same file, unchanged (a
  // compressed file of identical size, time and inode): nothing to read.
  bool unchanged = false;
};

// Where reading a file stopped.
struct LogStop {
  LogIdentity file;
  std::string head_sha256;  // of the first min(4 KiB, content) bytes
  uint64_t head_size = 0;
  uint64_t offset = 0;
  uint64_t line = 0;
  uint64_t context_lines = 0;
  std::string format;
};

// Called from the reading workers, possibly at once: implementations lock.
class ResumeBook {
 public:
  virtual ~ResumeBook() = default;
  // Where to start `file`, whose content begins with `head` (its first
  // bytes, up to 64 KiB; all of it when `head_complete`).
  virtual ResumePoint start(const LogIdentity& file, std::string_view head,
                            bool head_complete) = 0;
  // Whether `file` is, under its own name, the very file the last run
  // stopped in (device, inode, size and time on disk all equal): nothing
  // can have been added to it, so it is not even opened. A file that
  // answers no still gets start(). One that answers yes counts as
  // unchanged and keeps its position.
  virtual bool unchanged(const LogIdentity& file) = 0;
  virtual void stopped(LogStop stop) = 0;
};

}  // namespace mamori::logs
