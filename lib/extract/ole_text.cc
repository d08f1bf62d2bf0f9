// ole_text: open the compound file, pick the extractor by stream name.
#include "extract/ole_text.h"

#include "extract/xls_text.h"

#include "content/ole_streams.h"

#include <cstring>
#include <string>
#include <vector>

namespace mamori::extract {

bool is_compound_file(std::span<const std::byte> data) {
  return data.size() >= 512 &&
         std::memcmp(data.data(), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

ExtractedText ole_text(std::span<const std::byte> data,
                       const TextLimits& limits) {
  ExtractedText out;
  content::OleFile ole;
  if (!ole.open(data, out.error))
    return out;
  for (const content::OleStream& stream : ole.streams()) {
    // Excel 97 and later: "Workbook"; Excel 5/95: "Book".
    if (stream.name != "Workbook" && stream.name != "Book")
      continue;
    std::vector<std::byte> bytes;
    if (stream.size > limits.max_text_bytes * 8) {
      out.truncated = true;
      return out;
    }
    if (!ole.read(stream, bytes, out.error))
      return out;
    return xls_text(bytes, limits);
  }
  return out;
}

}  // namespace mamori::extract
