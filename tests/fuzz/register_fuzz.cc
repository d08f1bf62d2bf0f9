// Fuzz target: the asset register loader (assets/register.h): TOML, then
// validation of every asset. A register is refused or loaded whole.
#include "fuzz/fuzz_util.h"

#include "assets/register.h"
#include "common/diagnostics.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static mamori::fuzz::MemoryFile file("assets.toml");
  file.set(data, size);
  mamori::Diagnostics diag;
  const auto reg = mamori::assets::load_register(file.path(), diag);
  // Refused: at least one notice says why.
  if (!reg && diag.size() == 0)
    std::abort();
  return 0;
}
