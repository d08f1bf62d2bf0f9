// MailMembers: the message parsed by GMime (in mamori-documents.so,
// documents/documents.h), its parts named and handed out as members within
// the run's limits, each one decoded when it is read.
#include "content/mail_members.h"

#include "documents/documents.h"

#include "common/text.h"

#include <algorithm>
#include <limits>
#include <string_view>

namespace mamori::content {
namespace {

using documents::MailPartKind;

// A file name of the message's choosing, made a member name: its last
// path component, without control characters.
std::string clean_name(std::string_view s) {
  if (const size_t slash = s.find_last_of("/\\");
      slash != std::string_view::npos)
    s.remove_prefix(slash + 1);
  std::string out;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F)
      out += c;
  }
  if (out == "." || out == "..")
    return {};
  replace_invalid_utf8(out);
  return out;
}

std::string part_name(const documents::MailPart& part, size_t number) {
  if (part.kind == MailPartKind::kHeaders)
    return "headers.txt";
  std::string name = clean_name(part.filename);
  if (!name.empty())
    return name;
  const char* extension = part.kind == MailPartKind::kText      ? "txt"
                          : part.kind == MailPartKind::kHtml    ? "html"
                          : part.kind == MailPartKind::kMessage ? "eml"
                                                                : "bin";
  // Member 0 is headers.txt, so the parts are numbered from 1.
  return fmt::format("part-{}.{}", number, extension);
}

}  // namespace

void prepare_mail_reader() {
  if (const documents::Readers* readers = documents::load_documents())
    readers->prepare_mail();
}

MailMembers::MailMembers(std::span<const std::byte> data,
                         ExpansionContext& context)
    : data_(data), context_(context) {}

MailMembers::~MailMembers() = default;

bool MailMembers::open(const Location& location) {
  if (data_.size() > std::numeric_limits<unsigned>::max()) {
    context_.notices.warn_in("limit_member_size", location,
                             "message too large for GMime; not opened");
    return false;
  }
  std::string why;
  const documents::Readers* readers = documents::load_documents(&why);
  if (readers == nullptr) {
    context_.notices.error_in("unreadable", location,
                              "e-mail cannot be read: {}", why);
    return false;
  }
  message_ = readers->open_mail(data_);
  if (!message_) {
    context_.notices.warn_in("corrupt_archive", location,
                             "not a readable e-mail message; not opened");
    return false;
  }
  if (message_->too_deep()) {
    context_.notices.warn_in(
        "limit_depth", location,
        "MIME parts nested deeper than {} levels; those are not examined",
        documents::kMaxMimeDepth);
  }
  return true;
}

MemberSource::Header MailMembers::next(ContainerRecord& /*record*/,
                                       std::string& name) {
  if (next_ == message_->parts().size())
    return Header::kEnd;
  name = part_name(message_->parts()[next_], next_);
  ++next_;
  return Header::kMember;
}

MemberStep MailMembers::read(const Location& location,
                             ContainerRecord& /*record*/, MemberData& member) {
  const size_t index = next_ - 1;
  uint64_t encoded = 0;
  switch (message_->read(index, context_.member_allowance(), buffer_, text_,
                         encoded)) {
    case documents::MailRead::kOk:
      break;
    case documents::MailRead::kTooLarge:
      context_.notices.warn_in(
          "limit_member_size", location,
          "message part of {} is over the {} limit; not examined",
          human_bytes(encoded), human_bytes(context_.limits.max_member_size));
      return MemberStep::kNext;
    case documents::MailRead::kUnreadable:
      context_.notices.warn_in("corrupt_archive", location,
                               "attached message cannot be read");
      return MemberStep::kNext;
    case documents::MailRead::kUndecodable:
      context_.notices.warn_in("corrupt_archive", location,
                               "message part cannot be decoded");
      return MemberStep::kNext;
  }
  const bool headers = message_->parts()[index].kind == MailPartKind::kHeaders;
  if (headers)
    replace_invalid_utf8(buffer_);
  replace_invalid_utf8(text_);
  if (buffer_.size() > context_.member_allowance() ||
      text_.size() > context_.member_allowance()) {
    context_.notices.warn_in(
        "limit_member_size", location,
        "message part of {} is over the {} limit; not examined",
        human_bytes(std::max(buffer_.size(), text_.size())),
        human_bytes(context_.limits.max_member_size));
    return MemberStep::kNext;
  }
  if (!context_.count_expanded(buffer_.size() + text_.size()))
    return MemberStep::kExpanded;
  member.bytes = std::as_bytes(std::span(buffer_));
  member.text = text_.empty() ? nullptr : &text_;
  member.leaf = headers;
  return MemberStep::kMatch;
}

// A message is reported as a document with parts (its body, its
// attachments), as a PDF is: a person wrote it, it did not pack files. An
// archive attached to it is still an archive of its own.
void MailMembers::finish(const Location& /*location*/,
                         ContainerRecord& record) {
  record.document = true;
}

MailboxMembers::MailboxMembers(std::span<const std::byte> data,
                               ExpansionContext& context)
    : data_(data), context_(context) {}

bool MailboxMembers::open(const Location& location) {
  std::string why;
  const documents::Readers* readers = documents::load_documents(&why);
  if (readers == nullptr) {
    context_.notices.error_in("unreadable", location,
                              "mailbox cannot be read: {}", why);
    return false;
  }
  messages_ = readers->mailbox_messages(data_);
  if (messages_.empty()) {
    context_.notices.warn_in("corrupt_archive", location,
                             "no readable message in the mailbox; not opened");
    return false;
  }
  return true;
}

MemberSource::Header MailboxMembers::next(ContainerRecord& /*record*/,
                                          std::string& name) {
  if (next_ == messages_.size())
    return Header::kEnd;
  ++next_;
  name = fmt::format("message-{}.eml", next_);
  return Header::kMember;
}

MemberStep MailboxMembers::read(const Location& /*location*/,
                                ContainerRecord& /*record*/,
                                MemberData& member) {
  // A slice of the mailbox in place: nothing is expanded or held.
  const documents::MailboxMessage& m = messages_[next_ - 1];
  member.bytes =
      data_.subspan(static_cast<size_t>(m.offset), static_cast<size_t>(m.size));
  return MemberStep::kMatch;
}

void MailboxMembers::finish(const Location& /*location*/,
                            ContainerRecord& record) {
  record.document = true;
}

}  // namespace mamori::content
