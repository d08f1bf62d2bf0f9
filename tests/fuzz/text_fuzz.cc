// Fuzz target: the text extractors (extract/text_layer.h) on hostile
// documents. The first byte chooses the extractor (PDF through poppler,
// XML and HTML through libxml2, RTF, a compound file, or an Excel
// Workbook stream given to xls_text directly so that the fuzzer works on
// BIFF records rather than on the container around them), the rest is the
// document. The text
// must stay within its limits and be valid UTF-8.
#include "extract/text_layer.h"
#include "extract/xls_text.h"

#include "common/text.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using mamori::extract::TextSource;
  if (size == 0)
    return 0;
  constexpr TextSource kSources[] = {TextSource::kPdf, TextSource::kMarkup,
                                     TextSource::kHtml, TextSource::kRtf,
                                     TextSource::kOle};
  const unsigned choice = data[0] % 6u;
  mamori::extract::TextLimits limits;
  limits.max_text_bytes = 64u << 10;
  limits.max_time = std::chrono::milliseconds(500);
  const auto document = std::as_bytes(std::span(data + 1, size - 1));
  const mamori::extract::ExtractedText out =
      choice == 5
          ? mamori::extract::xls_text(document, limits)
          : mamori::extract::extract_text(kSources[choice], document, limits);
  if (out.text.size() > limits.max_text_bytes ||
      !mamori::is_valid_utf8(out.text))
    std::abort();
  return 0;
}
