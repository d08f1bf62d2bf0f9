// ppt_text: the flat record walk and the three text atoms.
#include "extract/ppt_text.h"

#include "extract/text_sink.h"

#include "common/encoding.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mamori::extract {
namespace {

constexpr uint16_t kTextChars = 0x0FA0;
constexpr uint16_t kTextBytes = 0x0FA8;
constexpr uint16_t kCString = 0x0FBA;
constexpr size_t kHeader = 8;

uint32_t le(std::span<const std::byte> s, size_t at, size_t n) {
  uint32_t v = 0;
  for (size_t i = 0; i < n; ++i)
    v |= uint32_t{static_cast<uint8_t>(s[at + i])} << (8 * i);
  return v;
}

}  // namespace

ExtractedText ppt_text(std::span<const std::byte> doc,
                       const TextLimits& limits) {
  TextSink sink(limits);
  size_t at = 0;
  while (doc.size() - at >= kHeader && !sink.stopped()) {
    const uint32_t ver = le(doc, at, 2) & 0xF;
    const auto type = static_cast<uint16_t>(le(doc, at + 2, 2));
    const uint32_t len = le(doc, at + 4, 4);
    at += kHeader;
    if (ver == 0xF)
      continue;  // a container: its children follow
    if (len > doc.size() - at)
      break;
    const std::string_view body(reinterpret_cast<const char*>(doc.data() + at),
                                len);
    std::optional<std::string> text;
    if (type == kTextChars || type == kCString)
      text = convert_encoding(body.substr(0, len & ~1u), "UTF-16LE", "UTF-8");
    else if (type == kTextBytes)
      text = convert_encoding(body, "ISO-8859-1", "UTF-8");
    if (text && !text->empty()) {
      for (char& c : *text) {
        if (c == '\r' || c == '\x0B')
          c = '\n';
      }
      sink.append(*text);
      sink.separate('\n');
    }
    at += len;
  }
  return sink.finish({});
}

}  // namespace mamori::extract
