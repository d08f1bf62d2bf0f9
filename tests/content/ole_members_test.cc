// OleMembers: a compound file's streams as members, matched in their bytes
// and their UTF-16 text, under the member size and the memory left.
#include "content/ole_members.h"

#include "document_fixtures.h"
#include "member_fixtures.h"

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {
const ReadMember& member(const Drained& d, const std::string& name) {
  for (const ReadMember& m : d.members) {
    if (m.name == name)
      return m;
  }
  FAIL("no member " << name);
  return d.members.front();
}
const std::string kSummary = "\x05SummaryInformation";
}  // namespace

TEST_CASE("OleMembers: each stream is a member with its text") {
  std::string text = utf16le(u"\u6750\u6599 PRJ-SECRET-0042");
  std::string file =
      make_compound_file(word_document_with(text), "summary bytes");
  MemberHarness h;
  OleMembers source(as_span(file), h.context);
  Drained d = drain(source, {"a.doc"});
  REQUIRE(d.opened);
  REQUIRE(d.members.size() == 2);
  const ReadMember& word = member(d, "WordDocument");
  CHECK(word.step == MemberStep::kMatch);
  CHECK(word.data.size() == 5000);
  CHECK(word.text.find("\u6750\u6599 PRJ-SECRET-0042") != std::string::npos);
  CHECK(member(d, kSummary).data == "summary bytes");
  CHECK(d.record.document);
  CHECK(h.file_expanded == 5000 + 13);
  CHECK(h.diag.size() == 0);
}

TEST_CASE("OleMembers: a broken file is not opened, with an error") {
  std::string file = make_compound_file(std::string(5000, 'x'), "s");
  file.resize(100);
  MemberHarness h;
  OleMembers source(as_span(file), h.context);
  Drained d = drain(source, {"a.doc"});
  CHECK_FALSE(d.opened);
  std::optional<Notice> n = find_notice(h.diag, "corrupt_archive");
  REQUIRE(n);
  CHECK(n->level == Level::kError);
  CHECK(n->location == Location{"a.doc"});
}

TEST_CASE("OleMembers: a stream over the memory left is noted, not read") {
  std::string file = make_compound_file(std::string(5000, 'x'), "small");
  Limits limits;
  limits.max_member_size = 8000;
  MemberHarness h(limits);
  // The containers around this file already hold 4000 bytes.
  MemoryLease outer(h.memory, 4000);
  OleMembers source(as_span(file), h.context);
  Drained d = drain(source, {"a.doc"});
  REQUIRE(d.members.size() == 2);
  CHECK(member(d, "WordDocument").step == MemberStep::kNext);
  CHECK(member(d, kSummary).step == MemberStep::kMatch);
  std::optional<Notice> n = find_notice(h.diag, "limit_member_size");
  REQUIRE(n);
  CHECK(n->location == Location{"a.doc", "WordDocument"});
  CHECK(h.file_expanded == 5);  // the skipped stream was never read
}
