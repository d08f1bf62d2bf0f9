// The members of an e-mail message (RFC 5322 with MIME, a saved .eml), read
// by GMime: first `headers.txt`, the message's header fields with their
// encoded words decoded (so a keyword in the Subject is found), then each
// leaf part decoded from base64 or quoted-printable, named by its
// attachment's file name (RFC 2231 and 2047 decoded) or part-N.txt,
// part-N.html, part-N.bin. A text/plain part is matched in its bytes and,
// when its charset is not UTF-8 (ISO-2022-JP, Shift_JIS...), in its text
// converted to UTF-8; a text/html part is handed out in UTF-8, for the
// HTML text layer. An attached message (message/rfc822) is a member too,
// opened again as mail. The message is recorded as a document (its hits
// are reported as the message and a part), not as an archive of staged
// files. GMime itself is in mamori-documents.so (documents/documents.h).
#pragma once

#include "documents/documents.h"

#include "content/member_source.h"

#include <memory>
#include <string>
#include <vector>

namespace mamori::content {

// Makes GMime ready in this process: a worker calls it before it enters
// its sandbox, so that the module is loaded and GMime's one-time set-up
// (charset tables, iconv) happens outside it. Calls after the first do
// nothing.
void prepare_mail_reader();

class MailMembers : public MemberSource {
 public:
  // `data` must outlive the source.
  MailMembers(std::span<const std::byte> data, ExpansionContext& context);
  ~MailMembers() override;
  MailMembers(const MailMembers&) = delete;
  MailMembers& operator=(const MailMembers&) = delete;

  // False (a corrupt_archive warning) when GMime finds no message.
  bool open(const Location& location) override;
  Header next(ContainerRecord& record, std::string& name) override;
  MemberStep read(const Location& location, ContainerRecord& record,
                  MemberData& member) override;
  void finish(const Location& location, ContainerRecord& record) override;

 private:
  std::span<const std::byte> data_;
  ExpansionContext& context_;
  std::unique_ptr<documents::MailMessage> message_;
  size_t next_ = 0;  // index of the next member (0: headers.txt)
  std::string buffer_;
  std::string text_;  // a text part's UTF-8 text, when not its bytes
};

// The messages of a Unix mailbox (mbox), as GMime's mbox parser finds them:
// message-1.eml, message-2.eml... each one the bytes between its "From "
// line and the next, opened again as mail. Like a message, a mailbox is
// recorded as a document: a mail folder, not files packed to be carried.
class MailboxMembers : public MemberSource {
 public:
  // `data` must outlive the source.
  MailboxMembers(std::span<const std::byte> data, ExpansionContext& context);

  // False (a corrupt_archive warning) when GMime finds no message.
  bool open(const Location& location) override;
  Header next(ContainerRecord& record, std::string& name) override;
  MemberStep read(const Location& location, ContainerRecord& record,
                  MemberData& member) override;
  void finish(const Location& location, ContainerRecord& record) override;

 private:
  std::span<const std::byte> data_;
  ExpansionContext& context_;
  std::vector<documents::MailboxMessage> messages_;
  size_t next_ = 0;
};

}  // namespace mamori::content
