// The table from a container's kind to its member source, and the ratio
// cap that the sources of compressed members share.
#include "content/member_source.h"

#include "content/archive_members.h"
#include "content/mail_members.h"
#include "content/ole_members.h"
#include "content/pdf_members.h"
#include "content/pdf_streams.h"

#include <limits>

namespace mamori::content {
namespace {

uint64_t ratio_limit(double max_ratio, uint64_t size) {
  double cap = max_ratio * static_cast<double>(std::max<uint64_t>(size, 1));
  if (!(cap < 1.8e19))
    return std::numeric_limits<uint64_t>::max();
  return std::max(static_cast<uint64_t>(cap), kRatioFloor);
}

}  // namespace

uint64_t ExpansionContext::ratio_cap(size_t size) const {
  return ratio_limit(limits.max_ratio, size);
}

uint64_t expansion_budget(const Limits& limits, uint64_t size) {
  return std::min(limits.max_expanded, ratio_limit(limits.max_ratio, size));
}

std::unique_ptr<MemberSource> make_member_source(
    const Sniffed& sniffed, std::span<const std::byte> data,
    ExpansionContext& context) {
  switch (sniffed.kind) {
    case ContainerKind::kArchive:
    case ContainerKind::kCompressed:
      return std::make_unique<ArchiveMembers>(data, sniffed, context);
    case ContainerKind::kPdf:
      return std::make_unique<PdfMembers>(data, context);
    case ContainerKind::kOle:
      return std::make_unique<OleMembers>(data, context);
    case ContainerKind::kMail:
      return std::make_unique<MailMembers>(data, context);
    case ContainerKind::kMailbox:
      return std::make_unique<MailboxMembers>(data, context);
    case ContainerKind::kNone:
      break;
  }
  return nullptr;
}

}  // namespace mamori::content
