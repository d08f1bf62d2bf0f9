// ole_text: open the compound file, pick the extractor by stream name.
#include "extract/ole_text.h"

#include "extract/doc_text.h"
#include "extract/ppt_text.h"
#include "extract/xls_text.h"

#include "content/ole_streams.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
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
  const auto find = [&](std::string_view name) -> const content::OleStream* {
    for (const content::OleStream& stream : ole.streams()) {
      if (stream.name == name)
        return &stream;
    }
    return nullptr;
  };
  const auto load = [&](const content::OleStream& stream,
                        std::vector<std::byte>& bytes) {
    if (stream.size > uint64_t{limits.max_text_bytes} * 8) {
      out.truncated = true;
      return false;
    }
    return ole.read(stream, bytes, out.error);
  };
  if (const content::OleStream* wd = find("WordDocument")) {
    std::vector<std::byte> word;
    std::vector<std::byte> table;
    if (!load(*wd, word))
      return out;
    const content::OleStream* t =
        find(doc_uses_1table(word) ? "1Table" : "0Table");
    if (t == nullptr || !load(*t, table))
      return out;
    return doc_text(word, table, limits);
  }
  if (const content::OleStream* ppt = find("PowerPoint Document")) {
    std::vector<std::byte> bytes;
    if (!load(*ppt, bytes))
      return out;
    return ppt_text(bytes, limits);
  }
  for (const content::OleStream& stream : ole.streams()) {
    // Excel 97 and later: "Workbook"; Excel 5/95: "Book".
    if (stream.name != "Workbook" && stream.name != "Book")
      continue;
    std::vector<std::byte> bytes;
    if (!load(stream, bytes))
      return out;
    return xls_text(bytes, limits);
  }
  return out;
}

}  // namespace mamori::extract
