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
#include <memory>

namespace mamori::documents {
namespace {

void discard_poppler_message(const std::string& /*message*/,
                             void* /*closure*/) {}

// A valid PDF of one empty page, the smallest poppler opens without
// complaint (its cross-reference offsets are exact).
constexpr char kEmptyPdf[] =
    "%PDF-1.4\n"
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1 1] >>\nendobj\n"
    "xref\n0 4\n"
    "0000000000 65535 f \n"
    "0000000009 00000 n \n"
    "0000000058 00000 n \n"
    "0000000115 00000 n \n"
    "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n182\n%%EOF\n";

// Once per process, before any document:
// - poppler prints every syntax complaint about a malformed file to stderr
//   by default; hostile input would flood the run's own diagnostics. The
//   handler is process-wide in poppler.
// - poppler builds its global parameters (encoding and font tables, read
//   from disk) when a document opens while none is open, and frees them
//   when the last one closes: for a small PDF, three quarters of the time
//   to read it. One empty document, kept open until the process ends,
//   keeps them built.
void prepare_poppler() {
  static const bool prepared = [] {
    poppler::set_debug_error_function(discard_poppler_message, nullptr);
    // Closed when this module is unloaded or the process exits (a pointer
    // never deleted would be a leak once the module is unloaded).
    static const std::unique_ptr<poppler::document> keeper(
        poppler::document::load_from_raw_data(kEmptyPdf, sizeof kEmptyPdf - 1));
    return true;
  }();
  (void)prepared;
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
  prepare_poppler();
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
