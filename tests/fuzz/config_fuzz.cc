// Fuzz target: the settings file loader (config/config.h): TOML, every
// option of the table, [thresholds], [detection], [columns], suppress.
#include "config/config.h"
#include "fuzz/fuzz_util.h"

#include "common/diagnostics.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static mamori::fuzz::MemoryFile file("mamori.toml");
  file.set(data, size);
  mamori::Diagnostics diag;
  const auto config = mamori::config::load_config(file.path(), diag);
  // Refused: at least one notice says why.
  if (!config && diag.size() == 0)
    std::abort();
  return 0;
}
