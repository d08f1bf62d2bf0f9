// Tests of lib/content/pdf_streams.cc: FlateDecode streams by object,
// bounded inflation, and linear time on hostile files.
#include "content/pdf_streams.h"

#include "document_fixtures.h"

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

TEST_CASE("PdfStreams: FlateDecode streams are found by object") {
  std::string pdf = make_pdf("BT (hello) Tj ET");
  std::vector<PdfStream> streams = find_flate_streams(bytes(pdf));
  REQUIRE(streams.size() == 2);
  CHECK(streams[0].name == "4 0 obj");
  CHECK(streams[0].data.size() == deflate("BT (hello) Tj ET").size());
  CHECK(streams[1].name == "6 0 obj");
  std::vector<std::byte> out;
  REQUIRE(inflate_stream(streams[1].data, 1000, out) ==
          InflateStatus::kComplete);
  CHECK(std::string(reinterpret_cast<const char*>(out.data()), out.size()) ==
        "second stream text");
}

TEST_CASE("PdfStreams: inflation is bounded and tolerates a cut stream") {
  std::string big = deflate(std::string(100000, 'a'));
  std::vector<std::byte> out;
  CHECK(inflate_stream(bytes(big), 5000, out) == InflateStatus::kTooLarge);
  CHECK(out.size() <= 5000);
  std::string text(20000, 't');
  std::string cut = deflate(text + kSecret).substr(0, 60);
  CHECK(inflate_stream(bytes(cut), 1 << 20, out) == InflateStatus::kTruncated);
  CHECK_FALSE(out.empty());
  std::string junk = "not deflate at all";
  CHECK(inflate_stream(bytes(junk), 1000, out) == InflateStatus::kCorrupt);
}

TEST_CASE("PdfStreams: a keyword in a compressed page is matched") {
  std::string page =
      std::string("BT /F1 12 Tf 72 712 Td (") + kSecret + ") Tj ET";
  std::string pdf = make_pdf(page);
  REQUIRE(pdf.find(kSecret) == std::string::npos);
  TempDir tree;
  write_file(tree / "report.pdf", pdf);
  RuleFixture rules(kSecretRule);
  Diagnostics diag;
  Results r = scan_paths({tree.path()}, rules.get(), {}, {}, 1, diag);
  std::string top = (tree / "report.pdf").string();
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].location == Location{top, "4 0 obj"});
  CHECK(r.hits[0].size == page.size());
  const ContainerRecord* info = find_archive(r, {top});
  REQUIRE(info != nullptr);
  CHECK(info->document);
  CHECK(info->members == 2);
  CHECK(diag.size() == 0);

  SUBCASE("a stream over the member size is a notice") {
    Limits limits;
    limits.max_member_size = 20;
    Diagnostics small_diag;
    Results small =
        scan_paths({tree.path()}, rules.get(), {}, limits, 1, small_diag);
    CHECK(small.hits.empty());
    std::optional<Notice> notice = find_notice(small_diag, "limit_member_size");
    REQUIRE(notice);
    CHECK(notice->location == Location{top, "4 0 obj"});
  }
}

TEST_CASE("PdfStreams: a file of many bogus streams is read in linear time") {
  // 400 000 ">> stream" keywords after 1 MB of ">>": each backward search
  // for a dictionary stops at the previous keyword. (Without that bound
  // this test would take minutes; it asserts the result, not the time.)
  std::string pdf = "%PDF-1.4\n" + std::string(1 << 20, '>');
  for (int i = 0; i < 400000; ++i)
    pdf += ">>stream\n";
  CHECK(find_flate_streams(bytes(pdf)).empty());
}
