// Fuzz target: recognising a log's format from its head
// (logs/format_detect.h): the head is cut into lines once, then every
// sniffer of the format table looks at it.
#include "fuzz/fuzz_options.h"

#include "logs/format_detect.h"
#include "logs/log_formats.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const mamori::logs::ReadOptions options =
      mamori::fuzz::fuzz_read_options();
  const std::string_view head(reinterpret_cast<const char*>(data), size);
  const mamori::logs::LogFormat format =
      mamori::logs::detect_format(head, options);
  // What is detected is a row of the table.
  if (!format.empty() && mamori::logs::log_format_row(format) == nullptr)
    std::abort();
  return 0;
}
