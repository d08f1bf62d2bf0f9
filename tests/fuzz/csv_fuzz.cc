// Fuzz target: the RFC 4180 reader under rosters and device lists
// (common/csv.h). Every record must come back, a malformed one with its
// error set, and the reader must reach the end of any text.
#include "common/csv.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  mamori::CsvReader reader(text);
  std::vector<std::string> fields;
  size_t line = 0;
  size_t last_line = 0;
  std::string error;
  size_t records = 0;
  while (reader.next(fields, line, error)) {
    // Lines only move forwards, and a record never outnumbers the bytes.
    if (line < last_line || ++records > size + 1)
      std::abort();
    last_line = line;
    error.clear();
  }
  return 0;
}
