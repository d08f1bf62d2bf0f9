// The PDF and e-mail readers (poppler, GMime) live in a module of their own,
// mamori-documents.so, loaded the first time a PDF's text or a message is
// needed. Between them the two libraries bring 45 shared libraries (NSS,
// GnuPG, fontconfig, ICU...), which cost every run 15 ms to map and
// relocate before main(); a nightly run over unchanged logs, `mamori
// events` or `mamori version` need none of them. The module is found next
// to the running program (a build tree) or in mamori's library folder
// (MAMORI_MODULE_DIR, an installed package).
//
// This header is the whole interface: standard types only, so the module
// depends on nothing of mamori's and mamori on nothing of poppler's or
// GMime's. The module is built from the same tree by the same compiler, and
// its table carries kDocumentsAbi, so C++ types cross the boundary safely.
// A sandboxed worker must load it before it is confined (load_documents()).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace mamori::documents {

// Bumped whenever anything in this header changes.
inline constexpr uint32_t kDocumentsAbi = 2;

// ---- PDF (poppler) --------------------------------------------------------

class PdfDocument {
 public:
  virtual ~PdfDocument() = default;
  virtual int pages() const = 0;
  // The UTF-8 text of page `index` in reading order; empty when poppler
  // cannot build the page. Never throws.
  virtual std::string page_text(int index) = 0;
};

struct PdfOpened {
  std::unique_ptr<PdfDocument> document;  // null: see error
  std::string error;  // "not a readable PDF", "encrypted", "cannot read: ..."
};

// ---- E-mail (GMime) -------------------------------------------------------

enum class MailPartKind { kHeaders, kText, kHtml, kBinary, kMessage };

struct MailPart {
  MailPartKind kind = MailPartKind::kBinary;
  // The part's own file name as the message gives it (RFC 2231 and 2047
  // decoded), raw: it may hold any bytes, a path, or nothing.
  std::string filename;
};

enum class MailRead {
  kOk,
  kTooLarge,     // the encoded part is over the allowance: nothing decoded
  kUnreadable,   // an attached message that cannot be written out
  kUndecodable,  // a part whose transfer encoding cannot be decoded
};

class MailMessage {
 public:
  virtual ~MailMessage() = default;
  // Part 0 is the message's header block; then the leaf parts and attached
  // messages, depth-first.
  virtual const std::vector<MailPart>& parts() const = 0;
  // Parts nested deeper than kMaxMimeDepth were left out.
  virtual bool too_deep() const = 0;
  // Part `index`: the header block as "Name: value" lines (encoded words
  // decoded, folded values unfolded), or the part's decoded bytes, or an
  // attached message's bytes. For a text part whose text differs from its
  // bytes (another charset), `text` is its UTF-8 text; an HTML part's bytes
  // are then its UTF-8 text after a byte-order mark. `size` is set to the
  // encoded size when kTooLarge.
  virtual MailRead read(size_t index, uint64_t allowance, std::string& bytes,
                        std::string& text, uint64_t& size) = 0;
};

inline constexpr int kMaxMimeDepth = 64;

// One message of a Unix mailbox (mbox, as Thunderbird and mutt keep mail
// folders): where its header block starts, after the "From " line that
// opens it, and how long it runs, up to the next one.
struct MailboxMessage {
  uint64_t offset = 0;
  uint64_t size = 0;
};

// ---- The module's table -----------------------------------------------------

struct Readers {
  uint32_t abi = 0;
  // "poppler 22.12.0, GMime 3.2.13"
  std::string (*versions)();
  // `pdf` must outlive the document.
  PdfOpened (*open_pdf)(std::span<const std::byte> pdf);
  // GMime's one-time set-up; before a worker is confined.
  void (*prepare_mail)();
  // Null when GMime finds no message. `data` must outlive the message.
  std::unique_ptr<MailMessage> (*open_mail)(std::span<const std::byte> data);
  // The messages of a mailbox, in order, as GMime's mbox parser finds
  // them; none when `mbox` is not one.
  std::vector<MailboxMessage> (*mailbox_messages)(
      std::span<const std::byte> mbox);
};

// The module's entry point: `extern "C" const Readers* mamori_documents()`.
inline constexpr const char* kEntryPoint = "mamori_documents";
inline constexpr const char* kModuleName = "mamori-documents.so";

// The readers, the module loaded on first use (thread-safe); null when it
// cannot be loaded, with the reason in `*why`.
const Readers* load_documents(std::string* why = nullptr);

}  // namespace mamori::documents
