// PdfMembers: each stream inflated under the member size, the memory left
// and the PDF's ratio limit, whichever is least.
#include "content/pdf_members.h"

#include "common/text.h"

#include <algorithm>

namespace mamori::content {

PdfMembers::PdfMembers(std::span<const std::byte> data,
                       ExpansionContext& context)
    : context_(context),
      streams_(find_flate_streams(data)),
      ratio_cap_(context.ratio_cap(data.size())) {}

bool PdfMembers::open(const Location& /*location*/) {
  return true;
}

MemberSource::Header PdfMembers::next(ContainerRecord& /*record*/,
                                      std::string& name) {
  if (next_ == streams_.size())
    return Header::kEnd;
  name = streams_[next_++].name;
  return Header::kMember;
}

MemberStep PdfMembers::read(const Location& location,
                            ContainerRecord& /*record*/, MemberData& member) {
  const PdfStream& stream = streams_[next_ - 1];
  const uint64_t allowed = context_.member_allowance();
  const uint64_t ratio_left =
      ratio_cap_ > expanded_ ? ratio_cap_ - expanded_ : 0;
  // The budget of the file on disk is checked while inflating: a stream
  // that would go over it is not inflated past it.
  const uint64_t file_left = context_.expansion_left();
  const uint64_t limit = std::min({allowed, ratio_left, file_left});
  // Streams over the ratio share its floor: a PDF of many small streams
  // of zeros, each under the floor, is stopped like one large one.
  const double max_ratio = context_.limits.max_ratio;
  const uint64_t floor =
      over_ratio_bytes_ < kRatioFloor ? kRatioFloor - over_ratio_bytes_ : 0;
  const InflateStatus status =
      inflate_stream(stream.data, limit, buffer_, max_ratio, floor);
  if (status == InflateStatus::kRatio) {
    context_.notices.warn_in(
        "limit_ratio", location,
        "PDF stream expands more than {}x its size; not examined further",
        context_.limits.max_ratio);
    return MemberStep::kStop;
  }
  if (status == InflateStatus::kCorrupt) {
    context_.notices.warn_in("corrupt_archive", location,
                             "PDF stream cannot be inflated; not examined");
    return MemberStep::kNext;
  }
  if (status == InflateStatus::kTooLarge && file_left == limit &&
      file_left < std::min(allowed, ratio_left)) {
    context_.count_expanded(file_left + 1);
    return MemberStep::kExpanded;
  }
  if (status == InflateStatus::kTooLarge) {
    const bool ratio = ratio_left < allowed;
    context_.notices.warn_in(ratio ? "limit_ratio" : "limit_member_size",
                             location,
                             "PDF stream inflates beyond {}; not examined",
                             human_bytes(std::min(allowed, ratio_left)));
    return ratio ? MemberStep::kStop : MemberStep::kNext;
  }
  // Complete, or cut short: PDF readers show what they can, and so do we.
  if (static_cast<double>(buffer_.size()) >
      max_ratio * static_cast<double>(std::max<size_t>(stream.data.size(), 1)))
    over_ratio_bytes_ += buffer_.size();
  expanded_ += buffer_.size();
  if (!context_.count_expanded(buffer_.size()))
    return MemberStep::kExpanded;
  member.bytes = buffer_;
  return MemberStep::kMatch;
}

void PdfMembers::finish(const Location& /*location*/, ContainerRecord& record) {
  record.document = true;
}

}  // namespace mamori::content
