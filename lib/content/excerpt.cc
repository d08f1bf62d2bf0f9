// Excerpts (excerpt.h). The context on each side is cut at a character
// boundary where one can be found. A window taken 24 bytes before a CP932
// or EUC-JP match may begin on a trail byte, which may itself read as a
// character (0xBF, the trail of 漢, is the half-width ｿ): so the start is
// found by decoding forward from a byte that is surely a character of its
// own. UTF-8 and UTF-16LE synchronise by themselves. What still does not
// decode is escaped byte by byte.
#include "content/excerpt.h"

#include "common/encoding.h"
#include "common/error.h"
#include "common/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace mamori::content {
namespace {

// How an encoding is cut into characters.
struct Codec {
  const char* iconv_name = nullptr;  // null: UTF-8, checked without iconv
  uint64_t unit = 1;                 // bytes per code unit
  uint64_t longest = 4;              // bytes of the longest character
};

Codec codec_of(std::string_view encoding) {
  if (encoding == "UTF-16LE")
    return {"UTF-16LE", 2, 4};
  if (encoding == "CP932")
    return {"CP932", 1, 2};
  if (encoding == "EUC-JP")
    return {"EUC-JP", 1, 3};
  if (encoding == "EUC-JP-MS")
    return {"EUC-JP-MS", 1, 3};
  return {};
}

// `bytes` in UTF-8, or nullopt when they do not decode whole.
std::optional<std::string> decode(std::string_view bytes, const Codec& codec) {
  if (codec.iconv_name == nullptr) {
    if (!is_valid_utf8(bytes))
      return std::nullopt;
    return std::string(bytes);
  }
  try {
    return convert_encoding(bytes, codec.iconv_name, "UTF-8");
  } catch (const Error&) {
    return std::nullopt;  // iconv lacks the encoding: shown escaped
  }
}

std::string escape_byte(char c) {
  return fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
}

// `bytes` decoded and escaped; a byte that begins no character is escaped
// as \xNN and decoding goes on after it.
std::string render(std::string_view bytes, const Codec& codec) {
  if (auto whole = decode(bytes, codec))
    return escape_for_display(*whole);
  std::string out;
  size_t i = 0;
  while (i < bytes.size()) {
    bool decoded = false;
    for (size_t n = codec.unit; n <= codec.longest && i + n <= bytes.size();
         n += codec.unit) {
      const auto piece = decode(bytes.substr(i, n), codec);
      if (piece && !piece->empty()) {
        out += escape_for_display(*piece);
        i += n;
        decoded = true;
        break;
      }
    }
    if (!decoded) {
      const size_t n = std::min<size_t>(codec.unit, bytes.size() - i);
      for (size_t k = 0; k < n; ++k)
        out += escape_byte(bytes[i + k]);
      i += n;
    }
  }
  return out;
}

// How far before the window a synchronising byte is looked for.
constexpr uint64_t kSyncReach = 64;

// A position at or before `first` where a CP932 or EUC-JP character surely
// begins: the data's start, or just after a byte below 0x40 (never a trail
// byte in either); nullopt when none lies within kSyncReach.
std::optional<uint64_t> sync_point(std::string_view data, uint64_t first) {
  const uint64_t floor = first > kSyncReach ? first - kSyncReach : 0;
  for (uint64_t p = first; p > floor; --p) {
    if (static_cast<unsigned char>(data[p - 1]) < 0x40)
      return p;
  }
  if (floor == 0)
    return 0;
  return std::nullopt;
}

// The bytes of the character at `at`: the shortest run that decodes, one
// byte when none does.
uint64_t char_length(std::string_view data, uint64_t at, const Codec& codec) {
  for (uint64_t n = 1; n <= codec.longest && at + n <= data.size(); ++n) {
    if (decode(data.substr(at, n), codec))
      return n;
  }
  return 1;
}

// The start of the context before `offset`: kExcerptContext bytes back,
// moved forward to the next character boundary.
uint64_t context_start(std::string_view data, uint64_t offset,
                       const Codec& codec) {
  uint64_t back = std::min(offset, kExcerptContext);
  back -= back % codec.unit;
  const uint64_t first = offset - back;
  if (codec.iconv_name != nullptr && codec.unit == 1) {
    if (const auto sync = sync_point(data, first)) {
      uint64_t at = *sync;
      while (at < first)
        at += char_length(data, at, codec);
      return std::min(at, offset);
    }
  }
  // Moved forward (by code units) while the context does not decode, at
  // most a character's length.
  for (uint64_t start = first; start < first + codec.longest && start < offset;
       start += codec.unit) {
    if (decode(data.substr(start, offset - start), codec))
      return start;
  }
  return first;
}

// The end of the context after `from`, moved back the same way.
uint64_t context_end(std::string_view data, uint64_t from, const Codec& codec) {
  uint64_t ahead = std::min<uint64_t>(data.size() - from, kExcerptContext);
  ahead -= ahead % codec.unit;
  const uint64_t last = from + ahead;
  for (uint64_t end = last; end + codec.longest > last && end > from;
       end -= codec.unit) {
    if (decode(data.substr(from, end - from), codec))
      return end;
  }
  return last;
}

}  // namespace

std::string make_excerpt(std::span<const std::byte> bytes, uint64_t offset,
                         uint64_t length, std::string_view encoding) {
  const std::string_view data(reinterpret_cast<const char*>(bytes.data()),
                              bytes.size());
  if (offset > data.size() || length > data.size() - offset)
    return {};
  const Codec codec = codec_of(encoding);
  uint64_t shown = std::min(length, kExcerptMatch);
  shown -= shown % codec.unit;
  const bool cut = shown < length;
  const uint64_t start = context_start(data, offset, codec);
  const uint64_t end =
      cut ? offset + shown : context_end(data, offset + length, codec);
  std::string out = start > 0 ? "…" : "";
  out += render(data.substr(start, offset - start), codec);
  out += render(data.substr(offset, shown), codec);
  if (!cut)
    out += render(data.substr(offset + length, end - offset - length), codec);
  if (end < data.size())
    out += "…";
  return out;
}

}  // namespace mamori::content
