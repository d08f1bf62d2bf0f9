// OleMembers: each stream reassembled into a buffer when it fits the memory
// allowed.
#include "content/ole_members.h"

#include "common/text.h"

namespace mamori::content {

OleMembers::OleMembers(std::span<const std::byte> data,
                       ExpansionContext& context)
    : data_(data), context_(context) {}

bool OleMembers::open(const Location& location) {
  std::string error;
  if (!ole_.open(data_, error)) {
    context_.notices.error_in("corrupt_archive", location, "{}", error);
    return false;
  }
  return true;
}

MemberSource::Header OleMembers::next(ContainerRecord& /*record*/,
                                      std::string& name) {
  if (next_ == ole_.streams().size())
    return Header::kEnd;
  name = ole_.streams()[next_++].name;
  return Header::kMember;
}

MemberStep OleMembers::read(const Location& location,
                            ContainerRecord& /*record*/, MemberData& member) {
  const OleStream& stream = ole_.streams()[next_ - 1];
  if (stream.size > context_.member_allowance()) {
    context_.notices.warn_in("limit_member_size", location,
                             "stream of {} is over the {} limit; not examined",
                             human_bytes(stream.size),
                             human_bytes(context_.limits.max_member_size));
    return MemberStep::kNext;
  }
  std::string error;
  if (!ole_.read(stream, buffer_, error)) {
    context_.notices.error_in("corrupt_archive", location, "{}", error);
    return MemberStep::kNext;
  }
  if (!context_.count_expanded(buffer_.size()))
    return MemberStep::kExpanded;
  text_ = utf16_text(buffer_);
  member.bytes = buffer_;
  member.text = &text_;
  return MemberStep::kMatch;
}

void OleMembers::finish(const Location& /*location*/, ContainerRecord& record) {
  record.document = true;
}

}  // namespace mamori::content
