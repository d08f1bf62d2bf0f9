// xls_text: BIFF record walk, SST reassembly across CONTINUE records.
#include "extract/xls_text.h"

#include "extract/text_sink.h"

#include "common/encoding.h"
#include "common/error.h"
#include "common/text.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::extract {
namespace {

constexpr uint16_t kBof = 0x0809;
constexpr uint16_t kContinue = 0x003C;
constexpr uint16_t kSst = 0x00FC;
constexpr uint16_t kLabel = 0x0204;
constexpr uint16_t kBoundSheet = 0x0085;
constexpr uint16_t kCodePage = 0x0042;
constexpr uint16_t kBiff8 = 0x0600;
constexpr uint16_t kUtf16CodePage = 1200;

// UTF-16 code units to UTF-8; a lone surrogate becomes U+FFFD.
class Utf16Writer {
 public:
  explicit Utf16Writer(std::string& out) : out_(out) {}
  void put(uint16_t unit) {
    if (unit >= 0xD800 && unit < 0xDC00) {
      flush();
      high_ = unit;
      return;
    }
    if (unit >= 0xDC00 && unit < 0xE000 && high_ != 0) {
      append_utf8(out_, 0x10000 + ((uint32_t{high_} - 0xD800) << 10) +
                            (unit - 0xDC00u));
      high_ = 0;
      return;
    }
    flush();
    if (unit >= 0xDC00 && unit < 0xE000)
      append_utf8(out_, 0xFFFD);
    else if (unit != 0)
      append_utf8(out_, unit);
  }
  void flush() {
    if (high_ != 0)
      append_utf8(out_, 0xFFFD);
    high_ = 0;
  }

 private:
  std::string& out_;
  uint16_t high_ = 0;
};

// The payloads of one record and the CONTINUE records after it, read as
// one stream; `chars` alone restarts its width at each boundary.
class Segments {
 public:
  explicit Segments(std::vector<std::span<const std::byte>> parts)
      : parts_(std::move(parts)) {}

  bool at_end() {
    settle();
    return part_ >= parts_.size();
  }
  std::optional<uint8_t> u8() {
    settle();
    if (part_ >= parts_.size())
      return std::nullopt;
    return static_cast<uint8_t>(parts_[part_][offset_++]);
  }
  std::optional<uint32_t> uint(int bytes) {
    uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) {
      const std::optional<uint8_t> b = u8();
      if (!b)
        return std::nullopt;
      v |= uint32_t{*b} << (8 * i);
    }
    return v;
  }
  bool skip(uint64_t n) {
    while (n > 0) {
      settle();
      if (part_ >= parts_.size())
        return false;
      const uint64_t here = std::min<uint64_t>(n, left());
      offset_ += here;
      n -= here;
    }
    return true;
  }
  // `count` characters, `wide` or Latin-1; at a boundary a new flags
  // byte gives the width of the rest.
  bool chars(uint32_t count, bool wide, std::string& out) {
    Utf16Writer writer(out);
    while (count > 0) {
      if (part_ < parts_.size() && left() == 0) {
        ++part_;
        offset_ = 0;
        const std::optional<uint8_t> flags = u8();
        if (!flags)
          return false;
        wide = (*flags & 1) != 0;
        continue;  // the flags byte may end its record too
      }
      if (part_ >= parts_.size())
        return false;
      if (wide) {
        if (left() < 2)
          return false;
        const auto* p = parts_[part_].data() + offset_;
        writer.put(static_cast<uint16_t>(static_cast<uint8_t>(p[0]) |
                                         static_cast<uint8_t>(p[1]) << 8));
        offset_ += 2;
      } else {
        writer.put(static_cast<uint8_t>(parts_[part_][offset_]));
        ++offset_;
      }
      --count;
    }
    writer.flush();
    return true;
  }

 private:
  size_t left() const { return parts_[part_].size() - offset_; }
  void settle() {
    while (part_ < parts_.size() && left() == 0) {
      ++part_;
      offset_ = 0;
    }
  }
  std::vector<std::span<const std::byte>> parts_;
  size_t part_ = 0;
  size_t offset_ = 0;
};

// An XLUnicodeRichExtendedString ([MS-XLS] 2.5.293) or, with `short_length`,
// a ShortXLUnicodeString; false when it runs past the data.
bool unicode_string(Segments& in, bool short_length, std::string& out) {
  const std::optional<uint32_t> cch = in.uint(short_length ? 1 : 2);
  const std::optional<uint8_t> flags = in.u8();
  if (!cch || !flags)
    return false;
  uint32_t runs = 0;
  uint32_t ext = 0;
  if (*flags & 0x08) {
    const std::optional<uint32_t> n = in.uint(2);
    if (!n)
      return false;
    runs = *n;
  }
  if (*flags & 0x04) {
    const std::optional<uint32_t> n = in.uint(4);
    if (!n)
      return false;
    ext = *n;
  }
  if (!in.chars(*cch, (*flags & 1) != 0, out))
    return false;
  return in.skip(uint64_t{runs} * 4) && in.skip(ext);
}

// A BIFF5 string: `len_bytes` of length, then 8-bit characters in `code_page`.
void byte_string(std::span<const std::byte> data, size_t at, size_t len_bytes,
                 uint16_t code_page, std::string& out) {
  if (at + len_bytes > data.size())
    return;
  size_t n = static_cast<uint8_t>(data[at]);
  if (len_bytes == 2)
    n |= size_t{static_cast<uint8_t>(data[at + 1])} << 8;
  at += len_bytes;
  n = std::min(n, data.size() - at);
  const std::string_view bytes(reinterpret_cast<const char*>(data.data() + at),
                               n);
  if (code_page != 0 && code_page != 1252 && code_page != kUtf16CodePage) {
    // The CODEPAGE record is the file's word: iconv may know no such page.
    const std::string name = "CP" + std::to_string(code_page);
    std::optional<std::string> s;
    try {
      s = convert_encoding(bytes, name.c_str(), "UTF-8");
    } catch (const Error&) {
    }
    if (s) {
      out += *s;
      return;
    }
  }
  if (std::optional<std::string> s =
          convert_encoding(bytes, "CP1252", "UTF-8")) {
    out += *s;
    return;
  }
  for (char c : bytes)
    append_utf8(out, static_cast<uint8_t>(c));
}

struct Record {
  uint16_t type = 0;
  std::span<const std::byte> data;
};

std::vector<Record> records(std::span<const std::byte> stream) {
  std::vector<Record> out;
  size_t at = 0;
  while (at + 4 <= stream.size()) {
    const auto byte = [&](size_t i) {
      return static_cast<uint16_t>(static_cast<uint8_t>(stream[at + i]));
    };
    const uint16_t type = static_cast<uint16_t>(byte(0) | byte(1) << 8);
    const size_t size = static_cast<size_t>(byte(2) | byte(3) << 8);
    at += 4;
    if (size > stream.size() - at)
      break;
    out.push_back({type, stream.subspan(at, size)});
    at += size;
  }
  return out;
}

}  // namespace

ExtractedText xls_text(std::span<const std::byte> workbook,
                       const TextLimits& limits) {
  TextSink sink(limits);
  const std::vector<Record> all = records(workbook);
  bool biff8 = true;
  uint16_t code_page = 1252;
  std::string error;
  for (size_t i = 0; i < all.size() && !sink.stopped(); ++i) {
    const Record& r = all[i];
    std::string s;
    switch (r.type) {
      case kBof:
        if (r.data.size() >= 2)
          biff8 = (static_cast<uint8_t>(r.data[0]) |
                   static_cast<uint8_t>(r.data[1]) << 8) == kBiff8;
        break;
      case kCodePage:
        if (r.data.size() >= 2)
          code_page =
              static_cast<uint16_t>(static_cast<uint8_t>(r.data[0]) |
                                    static_cast<uint8_t>(r.data[1]) << 8);
        break;
      case kBoundSheet:
        if (biff8) {
          Segments in({r.data.size() >= 6 ? r.data.subspan(6)
                                          : std::span<const std::byte>()});
          unicode_string(in, true, s);
        } else {
          byte_string(r.data, 6, 1, code_page, s);
        }
        break;
      case kLabel:
        if (biff8) {
          Segments in({r.data.size() >= 6 ? r.data.subspan(6)
                                          : std::span<const std::byte>()});
          unicode_string(in, false, s);
        } else {
          byte_string(r.data, 6, 2, code_page, s);
        }
        break;
      case kSst: {
        std::vector<std::span<const std::byte>> parts{
            r.data.size() >= 8 ? r.data.subspan(8)
                               : std::span<const std::byte>()};
        while (i + 1 < all.size() && all[i + 1].type == kContinue)
          parts.push_back(all[++i].data);
        Segments in(std::move(parts));
        while (!in.at_end() && !sink.stopped()) {
          std::string one;
          const bool whole = unicode_string(in, false, one);
          if (!one.empty()) {
            sink.append(one);
            sink.separate('\n');
          }
          if (!whole) {
            error = "a shared string runs past its records";
            break;
          }
        }
        break;
      }
      default:
        break;
    }
    if (!s.empty()) {
      sink.append(s);
      sink.separate('\n');
    }
  }
  return sink.finish(error);
}

}  // namespace mamori::extract
