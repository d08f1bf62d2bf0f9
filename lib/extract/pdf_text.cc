// pdf_text: a PDF's text through poppler (in mamori-documents.so,
// documents/documents.h), page by page within the limits.
#include "extract/pdf_text.h"

#include "documents/documents.h"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace mamori::extract {
namespace {

constexpr int kMaxPages = 10'000;
constexpr std::string_view kPageSeparator = "\n\f\n";

// Appends `piece` to `out.text` up to `max_bytes` in all; a cut falls on a
// UTF-8 character boundary. Returns false (and marks truncation) when cut.
bool append_bounded(ExtractedText& out, std::string_view piece,
                    size_t max_bytes) {
  const size_t room =
      out.text.size() < max_bytes ? max_bytes - out.text.size() : 0;
  if (piece.size() <= room) {
    out.text.append(piece);
    return true;
  }
  size_t cut = room;
  while (cut > 0 && (static_cast<unsigned char>(piece[cut]) & 0xC0) == 0x80)
    --cut;
  out.text.append(piece.substr(0, cut));
  out.truncated = true;
  return false;
}

void extract_pages(documents::PdfDocument& doc, const TextLimits& limits,
                   ExtractedText& out) {
  const auto start = std::chrono::steady_clock::now();
  const int pages = doc.pages();
  for (int i = 0; i < pages; ++i) {
    // Time is checked between pages, so the first page is always read.
    if (i == kMaxPages || (i > 0 && std::chrono::steady_clock::now() - start >=
                                        limits.max_time)) {
      out.truncated = true;
      return;
    }
    if (i > 0 && !append_bounded(out, kPageSeparator, limits.max_text_bytes))
      return;
    // A page poppler cannot build (a broken page tree entry) contributes no
    // text; the other pages are still read.
    if (!append_bounded(out, doc.page_text(i), limits.max_text_bytes))
      return;
  }
}

}  // namespace

ExtractedText pdf_text(std::span<const std::byte> pdf,
                       const TextLimits& limits) {
  ExtractedText out;
  if (pdf.empty()) {
    out.error = "empty";
    return out;
  }
  std::string why;
  const documents::Readers* readers = documents::load_documents(&why);
  if (readers == nullptr) {
    out.error = "no PDF reader: " + why;
    return out;
  }
  documents::PdfOpened opened = readers->open_pdf(pdf);
  if (!opened.document) {
    out.error = std::move(opened.error);
    return out;
  }
  extract_pages(*opened.document, limits, out);
  return out;
}

}  // namespace mamori::extract
