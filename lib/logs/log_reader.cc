// read_log: opens the log, recognises its format, streams its lines into
// the format's parser and reports what could not be read.
#include "logs/log_reader.h"

#include "logs/evtx_reader.h"
#include "logs/format_detect.h"
#include "logs/log_input.h"
#include "logs/parse_context.h"
#include "logs/parsers.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::logs {

namespace {

constexpr size_t kHeadBytes = 64 << 10;

struct Spec {
  std::string format;  // empty: detect
  std::string path;
};

Spec split_spec(std::string_view spec) {
  const size_t colon = spec.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view name = spec.substr(0, colon);
    const auto& names = format_names();
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      return {std::string(name), std::string(spec.substr(colon + 1))};
    }
  }
  return {{}, std::string(spec)};
}

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

std::unique_ptr<LineParser> make_parser(std::string_view format,
                                        ParseContext& ctx) {
  if (format == "samba" || format == "syslog")
    return make_syslog_parser(ctx);
  if (format == "auditd")
    return make_auditd_parser(ctx);
  if (format == "journal")
    return make_journal_parser(ctx);
  if (format == "setupapi")
    return make_setupapi_parser(ctx);
  if (format == "winxml")
    return make_winxml_parser(ctx);
  if (format == "winjson")
    return make_winjson_parser(ctx);
  if (format == "m365")
    return make_m365_parser(ctx);
  if (format == "gworkspace")
    return make_gworkspace_parser(ctx);
  if (format == "csv")
    return make_mapped_csv_parser(ctx);
  if (format == "jsonl")
    return make_mapped_jsonl_parser(ctx);
  return nullptr;
}

// A temporary copy of a compressed or piped EVTX file (libevtx reads
// files), removed when done. It goes to the temporary folder, never next
// to the evidence.
class TempCopy {
 public:
  ~TempCopy() {
    if (!path_.empty())
      ::unlink(path_.c_str());
  }
  bool create(std::string* error) {
    std::string templ =
        (std::filesystem::temp_directory_path() / "mamori-evtx-XXXXXX")
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

bool read_evtx_member(LogInput& input, LineStream& lines,
                      const std::string& path, const std::string& display,
                      ParseContext& ctx, Diagnostics& diag) {
  std::string error;
  if (input.is_plain() && path != "-") {
    if (!read_evtx_file(path, ctx, &error)) {
      diag.error_at("unreadable", display, "{}", error);
      return false;
    }
    return true;
  }
  // Compressed, archived or piped: libevtx needs a file of its own.
  TempCopy copy;
  if (!copy.create(&error)) {
    diag.error_at("unreadable", display, "{}", error);
    return false;
  }
  std::string_view block;
  bool written = true;
  while (written && lines.next_block(&block))
    written = copy.write(block);
  if (!copy.close() || !written) {
    diag.error_at("unreadable", display, "cannot copy the EVTX data to {}",
                  copy.path());
    return false;
  }
  if (!lines.error().empty()) {
    diag.error_at("unreadable", display, "read error: {}", lines.error());
    return false;
  }
  if (!read_evtx_file(copy.path(), ctx, &error)) {
    diag.error_at("unreadable", display, "{}", error);
    return false;
  }
  return true;
}

// Reads one member (the whole log, or one file of a zip). Returns false
// when the member is in no known format or could not be read to its end.
bool read_member(LogInput& input, const std::string& path,
                 const std::string& display, std::string_view forced,
                 ParseContext& ctx, Diagnostics& diag) {
  LineStream lines(input, ctx.options().max_line_bytes);
  const std::string_view head = lines.peek(kHeadBytes);
  if (!lines.error().empty()) {
    diag.error_at("unreadable", display, "cannot read: {}", lines.error());
    return false;
  }
  if (head.empty())
    return true;  // an empty log has no events
  std::string_view format = forced;
  if (format.empty())
    format = detect_format(head, ctx.options());
  if (format.empty()) {
    diag.error_at("unknown_format", display,
                  "not in any known log format (give FORMAT:FILE)");
    return false;
  }
  if (format == "evtx")
    return read_evtx_member(input, lines, path, display, ctx, diag);
  auto parser = make_parser(format, ctx);
  if (!parser) {
    diag.error_at("unknown_format", display,
                  "the {} format cannot be read by this build", format);
    return false;
  }
  // Inflating a compressed log costs about as much as parsing it: do it
  // on another core, a few blocks ahead.
  if (!input.is_plain())
    lines.prefetch();
  std::string_view line;
  uint64_t line_no = 0;
  while (true) {
    const auto result = lines.next(&line, &line_no);
    if (result == LineStream::Result::kEnd)
      break;
    if (result == LineStream::Result::kError) {
      parser->finish();
      diag.error_at("unreadable", display, "read error after line {}: {}",
                    line_no, lines.error());
      return false;
    }
    if (result == LineStream::Result::kTooLong) {
      ctx.reject(line_no, fmt::format("line longer than {} bytes",
                                      ctx.options().max_line_bytes));
      continue;
    }
    parser->parse_line(line, line_no);
  }
  parser->finish();
  return true;
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
  static const std::vector<std::string_view> kNames = {
      "samba",  "auditd",  "evtx", "winxml",     "winjson", "setupapi",
      "syslog", "journal", "m365", "gworkspace", "csv",     "jsonl"};
  return kNames;
}

bool read_log(std::string_view spec_text, const ReadOptions& options,
              Diagnostics& diag, ReadStats& stats, const EventSink& sink) {
  const Spec spec = split_spec(spec_text);
  const std::string shown = spec.path == "-" ? "<stdin>" : spec.path;
  LogInput input;
  std::string error;
  if (!input.open(spec.path, &error)) {
    diag.error_at("unreadable", shown, "cannot open: {}", error);
    return false;
  }
  const Timestamp file_time = file_time_of(spec.path, options);
  bool ok = true;
  bool any_member = false;
  std::string member;
  while (input.next_member(&member, &error)) {
    any_member = true;
    const std::string display = member.empty() ? shown : shown + "/" + member;
    ParseContext ctx(std::make_shared<const std::string>(display), options,
                     diag, sink, file_time);
    ok = read_member(input, spec.path, display, spec.format, ctx, diag) && ok;
    ctx.finish(stats);
  }
  if (!error.empty()) {
    diag.error_at("unreadable", shown, "cannot read: {}", error);
    return false;
  }
  (void)any_member;  // an empty file or archive simply has no events
  return ok;
}

}  // namespace mamori::logs
