// PdfMembers: a PDF's compressed streams as members, each inflated under
// the member size, the memory left and the PDF's ratio limit.
#include "content/pdf_members.h"

#include "document_fixtures.h"
#include "member_fixtures.h"

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

TEST_CASE("PdfMembers: each compressed stream is a member named by object") {
  std::string pdf = make_pdf("BT (hello) Tj ET");
  MemberHarness h;
  PdfMembers source(as_span(pdf), h.context);
  CHECK(source.worth_opening());
  Drained d = drain(source, {"a.pdf"});
  REQUIRE(d.members.size() == 2);
  CHECK(d.members[0].name == "4 0 obj");
  CHECK(d.members[0].step == MemberStep::kMatch);
  CHECK(d.members[0].data == "BT (hello) Tj ET");
  CHECK(d.members[1].data == "second stream text");
  CHECK(d.record.document);
  CHECK(h.file_expanded ==
        std::string("BT (hello) Tj ET").size() + 18);  // both streams
  CHECK(h.diag.size() == 0);
}

TEST_CASE("PdfMembers: a PDF without compressed streams is not worth opening") {
  std::string pdf =
      "%PDF-1.4\n1 0 obj << /Length 5 >> stream\nplain\n"
      "endstream\nendobj\n%%EOF\n";
  MemberHarness h;
  PdfMembers source(as_span(pdf), h.context);
  CHECK_FALSE(source.worth_opening());
}

TEST_CASE(
    "PdfMembers: a stream over the memory allowed is noted, the next "
    "one still read") {
  std::string pdf = make_pdf(std::string(5000, 'p'));
  Limits limits;
  limits.max_member_size = 1000;
  MemberHarness h(limits);
  PdfMembers source(as_span(pdf), h.context);
  Drained d = drain(source, {"a.pdf"});
  REQUIRE(d.members.size() == 2);
  CHECK(d.members[0].step == MemberStep::kNext);
  CHECK(d.members[1].step == MemberStep::kMatch);
  std::optional<Notice> n = find_notice(h.diag, "limit_member_size");
  REQUIRE(n);
  CHECK(n->location == Location{"a.pdf", "4 0 obj"});
  CHECK(n->message == "PDF stream inflates beyond 1000 B; not examined");
}

TEST_CASE("PdfMembers: the ratio limit stops the PDF") {
  std::string pdf = make_pdf(std::string(2u << 20, 'z'));
  Limits limits;
  limits.max_ratio = 1;  // the cap is then its floor, 1 MiB
  MemberHarness h(limits);
  PdfMembers source(as_span(pdf), h.context);
  Drained d = drain(source, {"a.pdf"});
  REQUIRE(d.members.size() == 1);
  CHECK(d.members[0].step == MemberStep::kStop);
  REQUIRE(h.diag.size() == 1);
  CHECK(h.diag.sorted()[0].code == "limit_ratio");
}

TEST_CASE("PdfMembers: small streams over the ratio share one floor") {
  // 40 streams of 256 KiB each, every one under the 1 MiB floor: zeros are
  // a bomb spread thin, varied text is not.
  const auto many_streams = [](bool zeros) {
    std::string pdf = "%PDF-1.7\n";
    uint32_t seed = 7;
    for (int i = 0; i < 40; ++i) {
      std::string page(256u << 10, '\0');
      if (!zeros) {
        for (char& c : page) {
          seed = seed * 1664525u + 1013904223u;
          c = static_cast<char>('a' + (seed >> 24) % 26);
        }
      }
      const std::string z = deflate(page);
      pdf += std::to_string(i + 1) + " 0 obj\n<< /Length " +
             std::to_string(z.size()) + " /Filter /FlateDecode >>\nstream\n" +
             z + "\nendstream\nendobj\n";
    }
    return pdf + "%%EOF\n";
  };
  SUBCASE("zeros") {
    const std::string pdf = many_streams(true);
    MemberHarness h;
    PdfMembers source(as_span(pdf), h.context);
    Drained d = drain(source, {"w.pdf"});
    REQUIRE(!d.members.empty());
    CHECK(d.members.size() <= 5);
    CHECK(d.members.back().step == MemberStep::kStop);
    CHECK(find_notice(h.diag, "limit_ratio"));
  }
  SUBCASE("text") {
    const std::string pdf = many_streams(false);
    MemberHarness h;
    PdfMembers source(as_span(pdf), h.context);
    Drained d = drain(source, {"w.pdf"});
    CHECK(d.members.size() == 40);
    CHECK(h.diag.size() == 0);
  }
}

TEST_CASE("PdfMembers: a stream that cannot be inflated is a warning") {
  std::string pdf =
      "%PDF-1.4\n1 0 obj << /Filter /FlateDecode /Length 9 >> stream\n"
      "not zlib!\nendstream\nendobj\n%%EOF\n";
  MemberHarness h;
  PdfMembers source(as_span(pdf), h.context);
  Drained d = drain(source, {"a.pdf"});
  REQUIRE(d.members.size() == 1);
  CHECK(d.members[0].step == MemberStep::kNext);
  std::optional<Notice> n = find_notice(h.diag, "corrupt_archive");
  REQUIRE(n);
  CHECK(n->level == Level::kWarning);
}

TEST_CASE("PdfMembers: the file's expanded limit is left to the loop") {
  std::string pdf = make_pdf(std::string(5000, 'p'));
  Limits limits;
  limits.max_expanded = 1000;
  MemberHarness h(limits);
  PdfMembers source(as_span(pdf), h.context);
  Drained d = drain(source, {"a.pdf"});
  REQUIRE(d.members.size() == 1);
  CHECK(d.members[0].step == MemberStep::kExpanded);
  CHECK(h.diag.size() == 0);
}
