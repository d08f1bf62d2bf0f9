// member_source: the shared limits every member source reads with, and the
// table that gives each kind of container its source.
#include "content/member_source.h"

#include "member_fixtures.h"

#include "content/archive_members.h"
#include "content/ole_members.h"
#include "content/pdf_members.h"

#include <limits>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

TEST_CASE(
    "ExpansionContext: the ratio cap is ratio times size, 1 MiB at "
    "least, and never overflows") {
  Limits limits;
  limits.max_ratio = 1000;
  MemberHarness h(limits);
  CHECK(h.context.ratio_cap(10) == 1u << 20);
  CHECK(h.context.ratio_cap(0) == 1u << 20);
  CHECK(h.context.ratio_cap(10000) == 10000000u);
  h.limits.max_ratio = 1e300;
  CHECK(h.context.ratio_cap(10) == std::numeric_limits<uint64_t>::max());
}

TEST_CASE(
    "ExpansionContext: a member may use the size limit or the memory "
    "left, whichever is less") {
  Limits limits;
  limits.max_member_size = 1000;
  MemberHarness h(limits);
  CHECK(h.context.member_allowance() == 1000);
  MemoryLease lease(h.memory, 700);
  CHECK(h.context.member_allowance() == 300);
}

TEST_CASE(
    "ExpansionContext: the expanded count fails only once over the "
    "limit") {
  Limits limits;
  limits.max_expanded = 100;
  MemberHarness h(limits);
  CHECK(h.context.count_expanded(60));
  CHECK(h.context.count_expanded(40));  // exactly the limit is allowed
  CHECK_FALSE(h.context.count_expanded(1));
  CHECK(h.file_expanded == 101);
}

TEST_CASE("Notices: every notice is passed on and counted") {
  Diagnostics diag;
  Notices notices(diag);
  notices.warn_in("limit_depth", {"a"}, "deep {}", 1);
  notices.error_in("corrupt_archive", {"b"}, "bad");
  CHECK(notices.count() == 2);
  REQUIRE(diag.size() == 2);
  CHECK(diag.sorted()[0].message == "deep 1");
  CHECK(diag.sorted()[1].level == Level::kError);
}

TEST_CASE("make_member_source: one source per kind of container") {
  MemberHarness h;
  std::string data = "irrelevant";
  auto make = [&](ContainerKind kind) {
    return make_member_source({kind, true}, as_span(data), h.context);
  };
  CHECK(make(ContainerKind::kNone) == nullptr);
  auto archive = make(ContainerKind::kArchive);
  CHECK(dynamic_cast<ArchiveMembers*>(archive.get()) != nullptr);
  auto compressed = make(ContainerKind::kCompressed);
  CHECK(dynamic_cast<ArchiveMembers*>(compressed.get()) != nullptr);
  auto pdf = make(ContainerKind::kPdf);
  CHECK(dynamic_cast<PdfMembers*>(pdf.get()) != nullptr);
  auto ole = make(ContainerKind::kOle);
  CHECK(dynamic_cast<OleMembers*>(ole.get()) != nullptr);
  CHECK(h.diag.size() == 0);  // making a source opens nothing yet
}
