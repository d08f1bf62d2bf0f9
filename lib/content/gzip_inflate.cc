// inflate_gzip with one libdeflate decompressor per thread, used only when
// the gzip header and trailer promise a single member of a bounded size.
#include "content/gzip_inflate.h"

#include <libdeflate.h>
#include <memory>

namespace mamori::content {
namespace {

struct FreeDecompressor {
  void operator()(libdeflate_decompressor* d) const {
    libdeflate_free_decompressor(d);
  }
};

libdeflate_decompressor* thread_decompressor() {
  thread_local std::unique_ptr<libdeflate_decompressor, FreeDecompressor> d(
      libdeflate_alloc_decompressor());
  return d.get();
}

}  // namespace

std::optional<std::vector<std::byte>> inflate_gzip(
    std::span<const std::byte> data, uint64_t limit) {
  // RFC 1952: ID1 ID2 CM=8 ... and ISIZE, the size mod 2^32, last.
  if (data.size() < 18 || data[0] != std::byte{0x1F} ||
      data[1] != std::byte{0x8B} || data[2] != std::byte{8}) {
    return std::nullopt;
  }
  uint32_t declared = 0;
  for (size_t i = 0; i < 4; ++i) {
    declared |= static_cast<uint32_t>(data[data.size() - 4 + i]) << (8 * i);
  }
  // 0 may mean 4 GiB or more; a declared size far below the input is a lie.
  if (declared == 0 || declared > limit || declared < data.size() / 2) {
    return std::nullopt;
  }
  libdeflate_decompressor* d = thread_decompressor();
  if (d == nullptr)
    return std::nullopt;
  std::vector<std::byte> out(declared);
  size_t used = 0;
  size_t produced = 0;
  const libdeflate_result rc = libdeflate_gzip_decompress_ex(
      d, data.data(), data.size(), out.data(), out.size(), &used, &produced);
  if (rc != LIBDEFLATE_SUCCESS || used != data.size() || produced != declared) {
    return std::nullopt;
  }
  return out;
}

}  // namespace mamori::content
