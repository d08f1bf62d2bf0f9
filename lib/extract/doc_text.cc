// doc_text: FIB, Clx, PlcPcd, then the pieces with Word's marks mapped.
#include "extract/doc_text.h"

#include "extract/text_sink.h"

#include "common/encoding.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::extract {
namespace {

constexpr size_t kPcdSize = 8;

std::optional<uint32_t> le(std::span<const std::byte> s, size_t at, size_t n) {
  if (at > s.size() || n > s.size() - at)
    return std::nullopt;
  uint32_t v = 0;
  for (size_t i = 0; i < n; ++i)
    v |= uint32_t{static_cast<uint8_t>(s[at + i])} << (8 * i);
  return v;
}

// The offset of fcClx, read from the FIB's own counts.
std::optional<size_t> fc_clx_offset(std::span<const std::byte> wd) {
  const std::optional<uint32_t> csw = le(wd, 32, 2);
  if (!csw)
    return std::nullopt;
  size_t at = 34 + size_t{*csw} * 2;
  const std::optional<uint32_t> cslw = le(wd, at, 2);
  if (!cslw)
    return std::nullopt;
  at += 2 + size_t{*cslw} * 4 + 2;  // fibRgLw, then cbRgFcLcb
  return at + 33 * 8;
}

// Word's text, marks mapped, into `sink`; `fields` is the stack of open
// fields, true while in a field's code.
void put_word_text(std::string_view utf8, std::vector<bool>& fields,
                   TextSink& sink) {
  for (char c : utf8) {
    bool in_code = false;
    for (bool b : fields)
      in_code = in_code || b;
    switch (c) {
      case '\x13':
        if (fields.size() < 64)
          fields.push_back(true);
        continue;
      case '\x14':
        if (!fields.empty())
          fields.back() = false;
        continue;
      case '\x15':
        if (!fields.empty())
          fields.pop_back();
        continue;
      default:
        break;
    }
    if (in_code)
      continue;
    switch (c) {
      case '\r':
      case '\x0B':
      case '\x0C':
        sink.separate('\n');
        break;
      case '\x07':
        sink.separate('\t');
        break;
      case '\t':
        sink.append(' ');
        break;
      case '\x1E':
        sink.append('-');
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20)
          sink.append(c);
        break;
    }
  }
}

}  // namespace

bool doc_uses_1table(std::span<const std::byte> word_document) {
  const std::optional<uint32_t> flags = le(word_document, 0x0A, 2);
  return flags && (*flags & 0x0200) != 0;
}

ExtractedText doc_text(std::span<const std::byte> wd,
                       std::span<const std::byte> table,
                       const TextLimits& limits) {
  TextSink sink(limits);
  const std::optional<size_t> at = fc_clx_offset(wd);
  const std::optional<uint32_t> fc = at ? le(wd, *at, 4) : std::nullopt;
  const std::optional<uint32_t> lcb = at ? le(wd, *at + 4, 4) : std::nullopt;
  if (!fc || !lcb || *fc > table.size() || *lcb > table.size() - *fc)
    return sink.finish("no piece table");
  std::span<const std::byte> clx = table.subspan(*fc, *lcb);
  // Skip the Prc entries (0x01, cbGrpprl, grpprl) to the Pcdt (0x02).
  size_t pos = 0;
  while (pos < clx.size() && static_cast<uint8_t>(clx[pos]) == 0x01) {
    const std::optional<uint32_t> cb = le(clx, pos + 1, 2);
    if (!cb)
      return sink.finish("broken piece table");
    pos += 3 + *cb;
  }
  const std::optional<uint32_t> plc_size = le(clx, pos + 1, 4);
  if (pos >= clx.size() || static_cast<uint8_t>(clx[pos]) != 0x02 ||
      !plc_size || *plc_size > clx.size() - pos - 5 || *plc_size < 4)
    return sink.finish("broken piece table");
  const std::span<const std::byte> plc = clx.subspan(pos + 5, *plc_size);
  const size_t pieces = (plc.size() - 4) / (4 + kPcdSize);
  std::vector<bool> fields;
  for (size_t i = 0; i < pieces && !sink.stopped(); ++i) {
    const uint32_t cp0 = *le(plc, 4 * i, 4);
    const uint32_t cp1 = *le(plc, 4 * (i + 1), 4);
    const uint32_t fc_raw = *le(plc, 4 * (pieces + 1) + kPcdSize * i + 2, 4);
    if (cp1 <= cp0)
      continue;
    const bool compressed = (fc_raw & 0x40000000u) != 0;
    const size_t offset =
        compressed ? (fc_raw & 0x3FFFFFFFu) / 2 : (fc_raw & 0x3FFFFFFFu);
    const size_t n = size_t{cp1 - cp0} * (compressed ? 1 : 2);
    if (offset > wd.size() || n > wd.size() - offset)
      return sink.finish("a piece runs past the WordDocument stream");
    const std::string_view bytes(
        reinterpret_cast<const char*>(wd.data() + offset), n);
    const std::optional<std::string> utf8 =
        convert_encoding(bytes, compressed ? "CP1252" : "UTF-16LE", "UTF-8");
    if (utf8) {
      put_word_text(*utf8, fields, sink);
    } else {
      // An unpaired surrogate or an undefined CP1252 byte: the piece's
      // ASCII is still read.
      std::string ascii;
      for (size_t k = 0; k < n; k += compressed ? 1 : 2) {
        const auto c = static_cast<uint8_t>(bytes[k]);
        if (c < 0x80 && (compressed || bytes[k + 1] == '\0'))
          ascii += static_cast<char>(c);
      }
      put_word_text(ascii, fields, sink);
    }
  }
  return sink.finish({});
}

}  // namespace mamori::extract
