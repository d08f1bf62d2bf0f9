// Fuzz target: the roster and approved-device loaders (people/roster.h)
// over the same bytes, each as a CSV file (UTF-8 or CP932).
#include "fuzz/fuzz_util.h"

#include "common/diagnostics.h"
#include "people/roster.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static mamori::fuzz::MemoryFile file("roster.csv");
  file.set(data, size);
  {
    mamori::Diagnostics diag;
    (void)mamori::people::load_roster(file.path(), diag);
  }
  {
    mamori::Diagnostics diag;
    (void)mamori::people::load_devices(file.path(), diag);
  }
  return 0;
}
