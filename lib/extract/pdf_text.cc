// pdf_text: a PDF's text through poppler-cpp, which decodes strings the way
// a viewer does (TJ pieces joined, ToUnicode and predefined CJK CMaps from
// poppler-data, Differences encodings) without rendering any glyph. This
// file only loads from memory, walks the pages within the limits and keeps
// poppler's diagnostics off stderr; it is the one file that includes poppler.
#include "extract/pdf_text.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <chrono>
#include <climits>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

namespace mamori::extract {
namespace {

constexpr int kMaxPages = 10'000;
constexpr std::string_view kPageSeparator = "\n\f\n";

void discard_poppler_message(const std::string& /*message*/,
                             void* /*closure*/) {}

// poppler prints every syntax complaint about a malformed file to stderr by
// default; hostile input would flood the run's own diagnostics. The handler
// is process-wide in poppler, so it is installed once, before any document.
void silence_poppler() {
  static const bool silenced = [] {
    poppler::set_debug_error_function(discard_poppler_message, nullptr);
    return true;
  }();
  (void)silenced;
}

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

std::string page_text_utf8(const poppler::page& page) {
  // Reading order (poppler's default text mode): columns stay together,
  // where the physical layout would interleave their lines.
  const poppler::byte_array utf8 =
      page.text(poppler::rectf(), poppler::page::non_raw_non_physical_layout)
          .to_utf8();
  return std::string(utf8.begin(), utf8.end());
}

void extract_pages(const poppler::document& doc, const TextLimits& limits,
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
    const std::unique_ptr<poppler::page> page(doc.create_page(i));
    if (page &&
        !append_bounded(out, page_text_utf8(*page), limits.max_text_bytes))
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
  if (pdf.size() > static_cast<size_t>(INT_MAX)) {
    out.error = "too large";
    return out;
  }
  silence_poppler();
  try {
    // load_from_raw_data reads `pdf` in place (no copy), so `doc` must not
    // outlive it; both end in this function. Empty passwords: an encrypted
    // file that any viewer opens without asking is opened here too.
    const std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(
            reinterpret_cast<const char*>(pdf.data()),
            static_cast<int>(pdf.size())));
    if (!doc) {
      out.error = "not a readable PDF";
      return out;
    }
    if (doc->is_locked()) {
      out.error = "encrypted";
      return out;
    }
    extract_pages(*doc, limits, out);
  } catch (const std::exception& e) {
    out.error = std::string("cannot read: ") + e.what();
  }
  return out;
}

}  // namespace mamori::extract
