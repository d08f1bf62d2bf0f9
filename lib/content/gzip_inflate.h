// Whole-buffer gzip inflation with libdeflate, several times faster than the
// streaming zlib inflate libarchive uses: .tar.gz is the usual way to stage
// a collection, so it is worth the fast path. Private to lib/content.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace mamori::content {

// The inflated bytes of `data`, a gzip stream of one member whose declared
// size is at most `limit` and is told the truth (CRC-32 and size checked).
// Anything else (several members, trailing bytes, damage, a size that
// lies or is too large) is nullopt and left to libarchive, which streams
// it under the archive limits and reports what is wrong.
std::optional<std::vector<std::byte>> inflate_gzip(
    std::span<const std::byte> data, uint64_t limit);

}  // namespace mamori::content
