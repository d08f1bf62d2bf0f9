// mamori-documents.so's entry point (documents.h): the table of readers.
#include "documents/documents.h"

namespace mamori::documents {

PdfOpened open_pdf(std::span<const std::byte> pdf);
std::string poppler_version();
void prepare_mail();
std::unique_ptr<MailMessage> open_mail(std::span<const std::byte> data);
std::vector<MailboxMessage> mailbox_messages(std::span<const std::byte> mbox);
std::string gmime_version();

namespace {

std::string versions() {
  return poppler_version() + ", " + gmime_version();
}

const Readers kReaders{kDocumentsAbi, versions,  open_pdf,
                       prepare_mail,  open_mail, mailbox_messages};

}  // namespace
}  // namespace mamori::documents

extern "C" __attribute__((visibility("default")))
const mamori::documents::Readers*
mamori_documents() {
  return &mamori::documents::kReaders;
}
