// Fuzz target for the log formats, one format of the table
// (logs/log_formats.h) per run: `log_fuzz --format=samba CORPUS`
// (libFuzzer leaves flags that start with "--" to the target).
// `log_fuzz --list-formats` prints every name, so tests/fuzz/run fuzzes
// each row without a second list of formats.
//
// The input is fed to the format's LineParser as log_reader.cc does: cut at
// "\n", a final "\r" dropped, NUL padding skipped where a line begins, then
// finish(). A format read by a library from a file (EVTX, libevtx) reads
// the input as a file in memory.
#include "fuzz/fuzz_options.h"
#include "fuzz/fuzz_util.h"

#include "common/diagnostics.h"
#include "logs/log_formats.h"
#include "logs/parse_context.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace {

const mamori::logs::LogFormatRow* g_row = nullptr;

void feed_lines(std::string_view text, mamori::logs::LineParser& parser) {
  uint64_t line_no = 0;
  while (!text.empty()) {
    size_t nuls = 0;
    while (nuls < text.size() && text[nuls] == '\0')
      ++nuls;
    text.remove_prefix(nuls);
    if (text.empty())
      break;
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    parser.parse_line(line, ++line_no);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  for (int i = 1; i < *argc; ++i) {
    const std::string_view arg = (*argv)[i];
    if (arg == "--list-formats") {
      for (const auto& row : mamori::logs::log_format_table())
        std::printf("%.*s\n", static_cast<int>(row.format.name().size()),
                    row.format.name().data());
      std::exit(0);
    }
    if (arg.starts_with("--format="))
      g_row = mamori::logs::find_log_format(arg.substr(9));
  }
  if (g_row == nullptr) {
    std::fprintf(stderr,
                 "usage: log_fuzz --format=NAME [libFuzzer options] "
                 "[CORPUS...] (names: log_fuzz --list-formats)\n");
    std::exit(2);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const mamori::logs::ReadOptions options =
      mamori::fuzz::fuzz_read_options();
  static const mamori::logs::EventSink sink = [](mamori::logs::Event&&) {};
  mamori::Diagnostics diag;
  mamori::logs::ParseContext ctx(std::make_shared<const std::string>("fuzz"),
                                 options, diag, sink, *options.reference_time);
  if (g_row->read_file != nullptr) {
    static mamori::fuzz::MemoryFile file("fuzz.log");
    file.set(data, size);
    std::string error;
    (void)g_row->read_file(file.path(), ctx, &error);
  } else {
    std::unique_ptr<mamori::logs::LineParser> parser = g_row->make_parser(ctx);
    feed_lines(std::string_view(reinterpret_cast<const char*>(data), size),
               *parser);
    parser->finish();
  }
  mamori::logs::ReadStats stats;
  ctx.finish(stats);
  return 0;
}
