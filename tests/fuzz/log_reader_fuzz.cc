// Fuzz target for the whole log reader (logs/log_reader.h) on one file, as
// `mamori scan --log FILE` reads it: opened through libarchive (gzip and the
// other filters, zips and tars of logs, NUL padding never a tar), decoded
// (UTF-16 with or without a mark, CP932 lines), cut into lines of bounded
// length, its format recognised from its head, then parsed. The log_fuzz
// targets feed one parser lines directly; this one fuzzes what comes
// before the parser and the choice of parser.
#include "fuzz/fuzz_options.h"
#include "fuzz/fuzz_util.h"

#include "common/diagnostics.h"
#include "logs/log_reader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const mamori::logs::ReadOptions options = [] {
    mamori::logs::ReadOptions o = mamori::fuzz::fuzz_read_options();
    o.max_line_bytes = 4096;  // overlong lines within -max_len too
    return o;
  }();
  static mamori::fuzz::MemoryFile file("fuzz.log");
  file.set(data, size);
  mamori::Diagnostics diag;
  mamori::logs::ReadStats stats;
  (void)mamori::logs::read_log_file(file.path(), options, diag, stats,
                                    [](mamori::logs::Event&&) {});
  return 0;
}
