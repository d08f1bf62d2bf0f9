// The table from a container's kind to its member source, and the ratio
// cap that the sources of compressed members share.
#include "content/member_source.h"

#include "content/archive_members.h"
#include "content/ole_members.h"
#include "content/pdf_members.h"

#include <limits>

namespace mamori::content {
namespace {
constexpr uint64_t kRatioFloor = 1ull << 20;
}  // namespace

uint64_t ExpansionContext::ratio_cap(size_t size) const {
  double cap =
      limits.max_ratio * static_cast<double>(std::max<size_t>(size, 1));
  if (!(cap < 1.8e19))
    return std::numeric_limits<uint64_t>::max();
  return std::max(static_cast<uint64_t>(cap), kRatioFloor);
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
    case ContainerKind::kNone:
      break;
  }
  return nullptr;
}

}  // namespace mamori::content
