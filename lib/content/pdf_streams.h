// PDF streams compressed with FlateDecode (nearly every page, font and
// embedded file), found without a full PDF parse: "N G obj << ... >>
// stream ... endstream". Each is inflated with zlib into a bounded buffer,
// so a keyword inside a compressed page is matched like any other object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mamori::content {

struct PdfStream {
  std::string name;                 // "12 0 obj", or "stream@OFFSET"
  std::span<const std::byte> data;  // still compressed
};

// The FlateDecode streams of `pdf` (when FlateDecode is the first filter),
// in file order. Never fails: what does not look like a stream is skipped.
std::vector<PdfStream> find_flate_streams(std::span<const std::byte> pdf);

enum class InflateStatus { kComplete, kTruncated, kTooLarge, kCorrupt, kRatio };

// Below this much output, no ratio is judged: small files compress more
// than large ones.
inline constexpr uint64_t kRatioFloor = 1ull << 20;

// Inflates a zlib (or raw deflate) stream into `out`, stopping after
// `limit` bytes (kTooLarge). A stream cut short yields what was inflated
// (kTruncated), as PDF readers show what they can. With `max_ratio`, a
// stream whose output outgrows max_ratio times the input it has consumed
// so far (past `ratio_floor`) is abandoned as it inflates (kRatio): a bomb
// costs a megabyte, not its declared size.
InflateStatus inflate_stream(std::span<const std::byte> data, uint64_t limit,
                             std::vector<std::byte>& out, double max_ratio = 0,
                             uint64_t ratio_floor = kRatioFloor);

}  // namespace mamori::content
