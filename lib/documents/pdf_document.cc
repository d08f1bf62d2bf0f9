// Part of mamori-documents.so (documents.h): a PDF through poppler-cpp,
// which decodes strings the way a viewer does (TJ pieces joined, ToUnicode
// and predefined CJK CMaps from poppler-data, Differences encodings)
// without rendering any glyph. It loads from memory only and keeps
// poppler's diagnostics off stderr; extract/pdf_text.cc applies the limits.
#include "documents/documents.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <poppler-version.h>

#include <climits>
#include <exception>

namespace mamori::documents {
namespace {

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

class PopplerDocument : public PdfDocument {
 public:
  explicit PopplerDocument(std::unique_ptr<poppler::document> doc)
      : doc_(std::move(doc)) {}
  int pages() const override { return doc_->pages(); }
  std::string page_text(int index) override {
    try {
      const std::unique_ptr<poppler::page> page(doc_->create_page(index));
      if (!page)
        return {};
      // Reading order (poppler's default text mode): columns stay
      // together, where the physical layout would interleave their lines.
      const poppler::byte_array utf8 =
          page->text(poppler::rectf(),
                     poppler::page::non_raw_non_physical_layout)
              .to_utf8();
      return std::string(utf8.begin(), utf8.end());
    } catch (const std::exception&) {
      return {};
    }
  }

 private:
  std::unique_ptr<poppler::document> doc_;
};

}  // namespace

PdfOpened open_pdf(std::span<const std::byte> pdf) {
  PdfOpened out;
  if (pdf.size() > static_cast<size_t>(INT_MAX)) {
    out.error = "too large";
    return out;
  }
  silence_poppler();
  try {
    // load_from_raw_data reads `pdf` in place (no copy). Empty passwords:
    // an encrypted file that any viewer opens without asking is opened
    // here too.
    std::unique_ptr<poppler::document> doc(
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
    out.document = std::make_unique<PopplerDocument>(std::move(doc));
  } catch (const std::exception& e) {
    out.error = std::string("cannot read: ") + e.what();
  }
  return out;
}

std::string poppler_version() {
  return "poppler " + poppler::version_string();
}

}  // namespace mamori::documents
