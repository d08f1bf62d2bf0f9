// read_log_file: opens the log, recognises its format, streams its lines into
// the format's parser and reports what could not be read.
#include "logs/log_reader.h"

#include "common/i18n.h"
#include "common/lexer.h"
#include "common/sha256.h"
#include "logs/format_detect.h"
#include "logs/log_formats.h"
#include "logs/log_input.h"
#include "logs/parse_context.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::logs {

namespace {

constexpr size_t kHeadBytes = 64 << 10;

Timestamp file_time_of(const std::string& path, const ReadOptions& options) {
  if (options.reference_time)
    return *options.reference_time;
  struct stat st {};
  if (path != "-" && ::stat(path.c_str(), &st) == 0) {
    return Timestamp(std::chrono::seconds(st.st_mtim.tv_sec));
  }
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now());
}

// One context for all the files read together, and the parser of the file
// being read; a parser whose records may run on into the next file of a
// rotation series (auditd) is kept for it when it is in the same format.
class ParserChain {
 public:
  ParserChain(const ReadOptions& options, Diagnostics& diag,
              const EventSink& sink, ReadStats& stats)
      : options_(options), diag_(diag), sink_(sink), stats_(stats) {}
  ParserChain(const ParserChain&) = delete;
  ParserChain& operator=(const ParserChain&) = delete;

  ParseContext& begin_file(std::shared_ptr<const std::string> file,
                           Timestamp file_time) {
    if (!ctx_) {
      ctx_ = std::make_unique<ParseContext>(std::move(file), options_, diag_,
                                            sink_, file_time);
    } else {
      ctx_->set_file(std::move(file), file_time);
    }
    return *ctx_;
  }

  // The parser of a line-based format: the one carried over from the
  // previous file, or a new one.
  LineParser& parser_for(const LogFormatRow& row) {
    if (parser_ && format_ == row.format)
      return *parser_;
    close_parser();
    parser_ = row.make_parser(*ctx_);
    format_ = row.format;
    return *parser_;
  }

  // The file was read (or failed): its counts go to the stats. A parser
  // that does not join files is done.
  void end_file() {
    if (parser_ && !parser_->joins_files())
      close_parser();
    ctx_->finish(stats_);
  }

  // The end of the series: what the last parser still holds is flushed.
  // (Not from a destructor: the sink may throw.)
  void finish() {
    if (!ctx_)
      return;
    close_parser();
    ctx_->finish(stats_);
  }

 private:
  void close_parser() {
    if (parser_)
      parser_->finish();
    parser_.reset();
    format_ = {};
  }

  const ReadOptions& options_;
  Diagnostics& diag_;
  const EventSink& sink_;
  ReadStats& stats_;
  std::unique_ptr<ParseContext> ctx_;
  std::unique_ptr<LineParser> parser_;
  LogFormat format_;  // of parser_
};

// A temporary copy of a compressed or piped log in a format that a library
// reads from a file (EVTX: libevtx), removed when done. It goes to the
// temporary folder, never next to the evidence.
class TempCopy {
 public:
  ~TempCopy() {
    if (!path_.empty())
      ::unlink(path_.c_str());
  }
  bool create(LogFormat format, std::string* error) {
    std::string templ = (std::filesystem::temp_directory_path() /
                         fmt::format("mamori-{}-XXXXXX", format.name()))
                            .string();
    const int fd = ::mkstemp(templ.data());
    if (fd < 0) {
      *error = std::string("cannot create a temporary file: ") +
               std::strerror(errno);
      return false;
    }
    fd_ = fd;
    path_ = templ;
    return true;
  }
  bool write(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n <= 0)
        return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }
  bool close() { return ::close(fd_) == 0; }
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

// A member in a format that a library reads from a file (EVTX).
bool read_file_member(const LogFormatRow& row, LogInput& input,
                      LineStream& lines, const std::string& path,
                      const std::string& display, ParseContext& ctx,
                      Diagnostics& diag) {
  std::string error;
  if (input.is_plain() && path != "-") {
    if (!row.read_file(path, ctx, &error)) {
      diag.error_at("unreadable", display, "{}", error);
      return false;
    }
    return true;
  }
  // Compressed, archived or piped: the library needs a file of its own.
  TempCopy copy;
  if (!copy.create(row.format, &error)) {
    diag.error_at("unreadable", display, "{}", error);
    return false;
  }
  std::string_view block;
  bool written = true;
  while (written && lines.next_block(&block))
    written = copy.write(block);
  if (!copy.close() || !written) {
    std::string name(row.format.name());
    for (char& c : name)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    diag.error_at("unreadable", display, "cannot copy the {} data to {}", name,
                  copy.path());
    return false;
  }
  if (!lines.error().empty()) {
    diag.error_at("unreadable", display, "read error: {}", lines.error());
    return false;
  }
  if (!row.read_file(copy.path(), ctx, &error)) {
    diag.error_at("unreadable", display, "{}", error);
    return false;
  }
  return true;
}

// How many bytes of a log's content make its fingerprint (log_resume.h).
constexpr uint64_t kResumeHeadBytes = 4096;

std::optional<LogIdentity> identify(const std::string& path, bool plain) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return std::nullopt;
  LogIdentity id;
  id.path = path;
  id.device = static_cast<uint64_t>(st.st_dev);
  id.inode = static_cast<uint64_t>(st.st_ino);
  id.raw_size = static_cast<uint64_t>(st.st_size);
  id.raw_mtime_ns =
      int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + int64_t{st.st_mtim.tv_nsec};
  id.plain = plain;
  return id;
}

// Parses the first `count` lines of `head` again, for the context they
// give (a CSV header) when a log is resumed after them.
void feed_context(std::string_view head, uint64_t count, LineParser& parser) {
  std::string decoded;
  for (uint64_t n = 1; n <= count && !head.empty(); ++n) {
    const size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    parser.parse_line(line_as_utf8(line, decoded), n);
    head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
  }
}

// Reads one member (the whole log, or one file of a zip). Returns false
// when the member is in no known format or could not be read to its end.
bool read_member(LogInput& input, const std::string& path,
                 const std::string& display, LogFormat forced,
                 const LogIdentity* identity, ParserChain& chain,
                 ParseContext& ctx, Diagnostics& diag) {
  LineStream lines(input, ctx.options().max_line_bytes);
  const std::string_view head = lines.peek(kHeadBytes);
  if (!lines.error().empty()) {
    diag.error_at("unreadable", display, "cannot read: {}", lines.error());
    return false;
  }
  // NUL padding is skipped where a line would begin, and said once; so is
  // text that was not UTF-16 in a UTF-16 log.
  struct ReadNotices {
    LogInput& input;
    LineStream& lines;
    Diagnostics& diag;
    const std::string& display;
    ~ReadNotices() {
      if (lines.nul_bytes() > 0)
        diag.warn_at("nul_padding", display,
                     "{} NUL {} skipped (padding left by a crash); the "
                     "lines around {} were read",
                     lines.nul_bytes(),
                     lines.nul_bytes() == 1 ? "byte" : "bytes",
                     lines.nul_bytes() == 1 ? "it" : "them");
      if (const uint64_t bad = input.replaced_units(); bad > 0)
        diag.warn_at("bad_encoding", display,
                     "units that are not {}: {}, each read as U+FFFD",
                     input.decoded_from(), bad);
    }
  } read_notices{input, lines, diag, display};
  if (head.empty())
    return true;  // an empty log has no events
  // A decoded file (UTF-16) is resumed like a compressed one: by content
  // offsets, which its size on disk does not measure.
  std::optional<LogIdentity> decoded_identity;
  if (identity != nullptr && identity->plain && !input.is_plain()) {
    decoded_identity = *identity;
    decoded_identity->plain = false;
    identity = &*decoded_identity;
  }
  // Resuming: where this file stopped last time, if it is known.
  ResumeBook* const book = identity ? ctx.options().resume : nullptr;
  ResumePoint point;
  if (book != nullptr) {
    point = book->start(*identity, head, head.size() < kHeadBytes);
    if (point.unchanged)
      return true;
    if (forced.empty() && !point.format.empty()) {
      if (const LogFormatRow* known = find_log_format(point.format))
        forced = known->format;
    }
  }
  const LogFormatRow* row = log_format_row(
      forced.empty() ? detect_format(head, ctx.options()) : forced);
  if (row == nullptr) {
    if (const char* hint = unreadable_export_hint(head))
      diag.error_at("unknown_format", display,
                    "not in any known log format: {}", tr(hint));
    else
      diag.error_at("unknown_format", display,
                    "not in any known log format (give FORMAT:FILE)");
    return false;
  }
  if (row->read_file != nullptr)
    return read_file_member(*row, input, lines, path, display, ctx, diag);
  LineParser& parser = chain.parser_for(*row);
  if (book != nullptr) {
    if (point.offset > 0) {
      // The header lines again, for their meaning; then the new lines.
      feed_context(head, point.context_lines, parser);
      if (!lines.skip_to(point.offset, point.line))
        return true;  // nothing after where it stopped
    }
    if (input.is_raw_file())
      lines.hold_unterminated();
  }
  // Inflating a compressed log costs about as much as parsing it: do it
  // on another core, a few blocks ahead.
  if (!input.is_plain())
    lines.prefetch();
  std::string_view line;
  uint64_t line_no = 0;
  // Where it stopped, for the next run: said once the lines are parsed.
  struct SayStop {
    ResumeBook* book;
    const LogIdentity* identity;
    std::string_view head;
    LineStream& lines;
    LineParser& parser;
    LogFormat format;
    bool ok = false;
    ~SayStop() {
      if (book == nullptr || !ok)
        return;
      LogStop stop;
      stop.file = *identity;
      stop.head_size = std::min<uint64_t>(head.size(), kResumeHeadBytes);
      stop.head_sha256 = sha256_hex(head.substr(0, stop.head_size));
      stop.offset = lines.line_end();
      stop.line = lines.lines_done();
      stop.context_lines = parser.context_lines();
      stop.format = std::string(format.name());
      book->stopped(std::move(stop));
    }
  } say_stop{book, identity, head, lines, parser, row->format};
  while (true) {
    const auto result = lines.next(&line, &line_no);
    if (result == LineStream::Result::kEnd)
      break;
    if (result == LineStream::Result::kError) {
      diag.error_at("unreadable", display, "read error after line {}: {}",
                    line_no, lines.error());
      return false;
    }
    if (result == LineStream::Result::kTooLong) {
      ctx.reject(line_no, trf("line longer than {bytes} bytes",
                              fmt::arg("bytes", ctx.options().max_line_bytes)));
      continue;
    }
    parser.parse_line(line, line_no);
  }
  say_stop.ok = true;
  return true;
}

// Reads every member of one log (the log itself, or the files of a zip or
// tar) through `chain`.
bool read_log_members(std::string_view spec_text, const ReadOptions& options,
                      Diagnostics& diag, ParserChain& chain) {
  const LogSpec spec = split_log_spec(spec_text);
  const std::string path(spec.file);
  const std::string shown = path == "-" ? "<stdin>" : path;
  // A file of its own (not standard input, not an archive of logs) may be
  // resumed where the last run stopped, and is not even opened when it is
  // untouched since then.
  std::optional<LogIdentity> identity;
  if (options.resume != nullptr && path != "-") {
    identity = identify(path, true);
    if (identity && options.resume->unchanged(*identity))
      return true;
  }
  LogInput input;
  std::string error;
  if (!input.open(path, &error)) {
    diag.error_at("unreadable", shown, "cannot open: {}", error);
    return false;
  }
  const Timestamp file_time = file_time_of(path, options);
  if (identity && input.is_archive())
    identity.reset();
  else if (identity)
    identity->plain = input.is_plain();
  bool ok = true;
  std::string member;
  while (input.next_member(&member, &error)) {
    const std::string display = member.empty() ? shown : shown + "/" + member;
    ParseContext& ctx = chain.begin_file(
        std::make_shared<const std::string>(display), file_time);
    ok = read_member(input, path, display, spec.format,
                     identity ? &*identity : nullptr, chain, ctx, diag) &&
         ok;
    chain.end_file();
  }
  if (!error.empty()) {
    diag.error_at("unreadable", shown, "cannot read: {}", error);
    return false;
  }
  return ok;  // an empty file or archive simply has no events
}

}  // namespace

void ReadStats::merge(const ReadStats& other) {
  events += other.events;
  lines_rejected += other.lines_rejected;
  records_skipped += other.records_skipped;
  for (const auto& [name, count] : other.events_by_format) {
    events_by_format[name] += count;
  }
}

const std::vector<std::string_view>& format_names() {
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> names;
    for (const LogFormatRow& row : log_format_table())
      names.push_back(row.format.name());
    return names;
  }();
  return kNames;
}

bool read_log_file(std::string_view spec, const ReadOptions& options,
                   Diagnostics& diag, ReadStats& stats, const EventSink& sink) {
  return read_log_series({std::string(spec)}, options, diag, stats, sink);
}

bool read_log_series(const std::vector<std::string>& specs,
                     const ReadOptions& options, Diagnostics& diag,
                     ReadStats& stats, const EventSink& sink) {
  ParserChain chain(options, diag, sink, stats);
  bool ok = true;
  for (const std::string& spec : specs)
    ok = read_log_members(spec, options, diag, chain) && ok;
  chain.finish();
  return ok;
}

namespace {

// A log's place in its rotation series: the name without the rotation and
// compression suffixes, and an age rank (larger is older; 0 is the live
// file).
struct RotationName {
  std::string base;
  int64_t age = 0;
};

RotationName rotation_name(std::string_view spec) {
  std::string_view name = spec;
  for (std::string_view suffix : {".gz", ".bz2", ".xz", ".zst", ".lz4"}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      name.remove_suffix(suffix.size());
      break;
    }
  }
  // All of what follows the last `sep`: one to nine digits.
  auto digits_after = [&](char sep) -> std::optional<int64_t> {
    const size_t at = name.rfind(sep);
    if (at == std::string_view::npos || at + 1 == name.size() ||
        name.size() - at - 1 > 9) {
      return std::nullopt;
    }
    return fixed_digits(name, at + 1, name.size() - at - 1);
  };
  // A separator inside the file name, not a folder's or a leading dot.
  const size_t slash = name.rfind('/');
  auto in_name = [&](size_t at) {
    return at != std::string_view::npos &&
           (slash == std::string_view::npos || at > slash + 1);
  };
  const size_t dot = name.rfind('.');
  const size_t dash = name.rfind('-');
  // "audit.log.3": older as the number grows.
  if (in_name(dot)) {
    if (auto n = digits_after('.'); n && *n > 0 && *n < 100000) {
      return {std::string(name.substr(0, dot)), *n};
    }
  }
  // "messages-20260301": older as the date falls.
  if (in_name(dash) && name.size() - dash - 1 == 8) {
    if (auto date = digits_after('-'))
      return {std::string(name.substr(0, dash)), 100000000 - *date};
  }
  return {std::string(name), 0};
}

}  // namespace

std::vector<std::vector<std::string>> rotation_series(
    const std::vector<std::string>& specs) {
  std::vector<std::vector<std::string>> series;
  std::vector<std::string> bases;  // of each series
  std::vector<std::vector<int64_t>> ages;
  for (const std::string& spec : specs) {
    const RotationName r =
        spec == "-" ? RotationName{spec, 0} : rotation_name(spec);
    auto it = std::find(bases.begin(), bases.end(), r.base);
    if (spec == "-" || it == bases.end()) {
      bases.push_back(spec == "-" ? std::string() : r.base);
      series.push_back({spec});
      ages.push_back({r.age});
      continue;
    }
    const auto i = static_cast<size_t>(it - bases.begin());
    // Oldest first: before the first file that is younger.
    size_t at = 0;
    while (at < ages[i].size() && ages[i][at] >= r.age)
      ++at;
    series[i].insert(series[i].begin() + static_cast<std::ptrdiff_t>(at), spec);
    ages[i].insert(ages[i].begin() + static_cast<std::ptrdiff_t>(at), r.age);
  }
  return series;
}

}  // namespace mamori::logs
