// ArchiveMembers: the members of everything libarchive reads, streamed
// under the member size, ratio and expanded limits.
#include "content/archive_members.h"

#include "member_fixtures.h"

#include "common/sha256.h"

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

TEST_CASE("ArchiveMembers: a compressed file is named after its container") {
  CHECK(decompressed_name("/m/usb/notes.txt.gz") == "notes.txt");
  CHECK(decompressed_name("b/x.tgz") == "x.tar");
  CHECK(decompressed_name("dump.xz") == "dump");
  CHECK(decompressed_name("photo.jpg") == "data");
  CHECK(decompressed_name(".gz") == "data");
}

TEST_CASE("ArchiveMembers: each regular member is named and handed over") {
  std::string tgz = make_archive(spec("gnutar", "gzip"),
                                 {{"a.txt", "alpha"}, {"dir/b.txt", "beta"}});
  MemberHarness h;
  Drained d;
  {
    ArchiveMembers source(as_span(tgz), {ContainerKind::kCompressed, true},
                          h.context);
    REQUIRE(source.open({"t.tgz"}));
    // The gzip fast path holds the inflated tar while the source lives.
    const uint64_t held = h.limits.max_member_size - h.memory.left();
    CHECK(held > 0);
    CHECK(held < 20000);
    d = drain(source, {"t.tgz"});
  }
  CHECK(h.memory.left() == h.limits.max_member_size);
  REQUIRE(d.members.size() == 2);
  CHECK(d.members[0].name == "a.txt");
  CHECK(d.members[0].step == MemberStep::kMatch);
  CHECK(d.members[0].data == "alpha");
  CHECK(d.members[0].sha256.empty());  // no declared hashes: not hashed
  CHECK(d.members[1].name == "dir/b.txt");
  CHECK(d.members[1].data == "beta");
  CHECK(d.record.members == 2);
  CHECK_FALSE(d.record.document);
  CHECK(h.diag.size() == 0);
}

TEST_CASE("ArchiveMembers: a single compressed file is named after itself") {
  std::string gz = make_archive(spec("raw", "gzip"), {{"x", "hello"}});
  MemberHarness h;
  ArchiveMembers source(as_span(gz), {ContainerKind::kCompressed, true},
                        h.context);
  Drained d = drain(source, {"/m/usb/notes.txt.gz"});
  REQUIRE(d.members.size() == 1);
  CHECK(d.members[0].name == "notes.txt");
  CHECK(d.members[0].data == "hello");
}

TEST_CASE(
    "ArchiveMembers: an oversized member is skipped, or hashed only "
    "when the register declares hashes") {
  std::string big = std::string(5000, 'b');
  std::string zip = make_zip({{"big.txt", big}, {"small.txt", "small"}});
  Limits limits;
  limits.max_member_size = 1000;
  SUBCASE("no declared hashes") {
    MemberHarness h(limits);
    ArchiveMembers source(as_span(zip), {ContainerKind::kArchive, true},
                          h.context);
    Drained d = drain(source, {"z"});
    REQUIRE(d.members.size() == 2);
    CHECK(d.members[0].step == MemberStep::kNext);
    CHECK(d.members[1].step == MemberStep::kMatch);
    std::optional<Notice> n = find_notice(h.diag, "limit_member_size");
    REQUIRE(n);
    CHECK(n->location == Location{"z", "big.txt"});
    CHECK(n->message.find("at least") != std::string::npos);
    CHECK(n->message.find("not examined") != std::string::npos);
    CHECK(h.file_expanded < big.size());  // not read at all
  }
  SUBCASE("declared hashes") {
    MemberHarness h(limits, /*hash_everything=*/true);
    ArchiveMembers source(as_span(zip), {ContainerKind::kArchive, true},
                          h.context);
    Drained d = drain(source, {"z"});
    REQUIRE(d.members.size() == 2);
    CHECK(d.members[0].step == MemberStep::kHashOnly);
    CHECK(d.members[0].sha256 == sha256_hex(big));
    CHECK(d.members[0].size == big.size());
    CHECK(d.members[1].sha256 == sha256_hex("small"));
    std::optional<Notice> n = find_notice(h.diag, "limit_member_size");
    REQUIRE(n);
    CHECK(n->message.find("hashed but not matched") != std::string::npos);
  }
}

TEST_CASE("ArchiveMembers: the ratio limit stops the archive") {
  std::string zip = make_zip(
      {{"zeros.bin", std::string(2u << 20, '\0')}, {"after.txt", "after"}});
  Limits limits;
  limits.max_ratio = 1;  // the cap is then its floor, 1 MiB
  MemberHarness h(limits);
  ArchiveMembers source(as_span(zip), {ContainerKind::kArchive, true},
                        h.context);
  Drained d = drain(source, {"z"});
  REQUIRE(d.members.size() == 1);
  CHECK(d.members[0].step == MemberStep::kStop);
  REQUIRE(h.diag.size() == 1);
  CHECK(h.diag.sorted()[0].code == "limit_ratio");
  CHECK(h.diag.sorted()[0].location == Location{"z", "zeros.bin"});
}

namespace {

// Text that compresses about as much as prose: letters from a fixed
// pseudo-random sequence.
std::string prose(size_t size, uint32_t seed) {
  std::string out(size, ' ');
  for (char& c : out) {
    seed = seed * 1664525u + 1013904223u;
    const uint32_t pick = (seed >> 24) % 32;
    c = pick < 26 ? static_cast<char>('a' + pick) : ' ';
  }
  return out;
}

}  // namespace

TEST_CASE(
    "ArchiveMembers: members past the floor that are not bombs are read") {
  // Stored data comes from memory in one block and is consumed only when
  // the next is asked for; a solid 7z holds a copy of a member for almost
  // nothing. Neither is a ratio over the limit.
  const std::string first = prose(1536u << 10, 1);
  const std::string second = prose(1536u << 10, 2);
  const std::vector<Entry> entries = {
      {"first.txt", first}, {"second.txt", second}, {"copy.txt", first}};
  for (const ArchiveSpec& archive :
       {spec("gnutar"), spec("gnutar", "gzip"), spec("gnutar", "xz"),
        spec("zip", "none", {"zip:compression=store"}), spec("zip"),
        spec("7zip")}) {
    CAPTURE(archive.format);
    CAPTURE(archive.filter);
    const std::string bytes = make_archive(archive, entries);
    MemberHarness h;
    const bool compressed = archive.filter != "none";
    ArchiveMembers source(
        as_span(bytes),
        {compressed ? ContainerKind::kCompressed : ContainerKind::kArchive,
         true},
        h.context);
    Drained d = drain(source, {"a"});
    REQUIRE(d.members.size() == 3);
    for (size_t i = 0; i < 3; ++i) {
      CHECK(d.members[i].step == MemberStep::kMatch);
      CHECK(d.members[i].data == entries[i].data);
    }
    CHECK(h.diag.size() == 0);
  }
}

TEST_CASE("ArchiveMembers: small members over the ratio share one floor") {
  // 40 members of 256 KiB each, every one under the 1 MiB floor: zeros are
  // a bomb spread thin (the zip's headers keep the whole under the ratio),
  // prose is not.
  std::vector<Entry> zeros;
  std::vector<Entry> text;
  for (int i = 0; i < 40; ++i) {
    zeros.push_back({"z" + std::to_string(i), std::string(256u << 10, '\0')});
    text.push_back({"t" + std::to_string(i), prose(256u << 10, i)});
  }
  SUBCASE("zeros") {
    const std::string zip = make_zip(zeros);
    MemberHarness h;
    ArchiveMembers source(as_span(zip), {ContainerKind::kArchive, true},
                          h.context);
    Drained d = drain(source, {"w"});
    REQUIRE(!d.members.empty());
    CHECK(d.members.size() <= 5);  // stopped once 1 MiB of them was read
    CHECK(d.members.back().step == MemberStep::kStop);
    REQUIRE(h.diag.size() == 1);
    CHECK(h.diag.sorted()[0].code == "limit_ratio");
  }
  SUBCASE("prose") {
    const std::string zip = make_zip(text);
    MemberHarness h;
    ArchiveMembers source(as_span(zip), {ContainerKind::kArchive, true},
                          h.context);
    Drained d = drain(source, {"w"});
    CHECK(d.members.size() == 40);
    CHECK(h.diag.size() == 0);
  }
}

TEST_CASE(
    "ArchiveMembers: a compressed stream of NUL blocks and text is one "
    "file") {
  // libarchive would take its first 512 NUL bytes for the end of an empty
  // tar: nothing examined, and no word of it.
  const std::string data = std::string(1024, '\0') + "PRJ-SECRET-0042\n";
  for (const std::string filter : {"gzip", "bzip2", "xz", "zstd"}) {
    CAPTURE(filter);
    const std::string stream = make_archive(spec("raw", filter), {{"x", data}});
    MemberHarness h;
    ArchiveMembers source(as_span(stream), {ContainerKind::kCompressed, true},
                          h.context);
    Drained d = drain(source, {"dump.bin.gz"});
    REQUIRE(d.members.size() == 1);
    CHECK(d.members[0].name == "dump.bin");
    CHECK(d.members[0].data == data);
    CHECK(h.diag.size() == 0);
  }
  SUBCASE("an empty stream is no member, and no error") {
    const std::string gz = make_archive(spec("raw", "gzip"), {{"x", ""}});
    MemberHarness h;
    ArchiveMembers source(as_span(gz), {ContainerKind::kCompressed, true},
                          h.context);
    Drained d = drain(source, {"empty.log.gz"});
    CHECK(d.members.empty());
    CHECK(h.diag.size() == 0);
  }
}

TEST_CASE("ArchiveMembers: the file's expanded limit is left to the loop") {
  std::string zip =
      make_zip({{"a.txt", std::string(4000, 'a')}, {"b.txt", "b"}});
  Limits limits;
  limits.max_expanded = 1000;
  MemberHarness h(limits);
  ArchiveMembers source(as_span(zip), {ContainerKind::kArchive, true},
                        h.context);
  Drained d = drain(source, {"z"});
  REQUIRE(d.members.size() == 1);
  CHECK(d.members[0].step == MemberStep::kExpanded);
  CHECK(h.file_expanded > 1000);
  CHECK(h.diag.size() == 0);  // the loop gives limit_expanded
}

TEST_CASE("ArchiveMembers: what a weak magic promised may be no container") {
  std::string junk = "070707" + std::string(200, 'j');  // cpio magic only
  MemberHarness h;
  ArchiveMembers source(as_span(junk), {ContainerKind::kArchive, false},
                        h.context);
  Drained d = drain(source, {"j"});
  CHECK(d.not_container);
  CHECK(h.diag.size() == 0);
  SUBCASE("behind a certain magic it is a corrupt archive") {
    MemberHarness c;
    ArchiveMembers sure(as_span(junk), {ContainerKind::kArchive, true},
                        c.context);
    Drained e = drain(sure, {"j"});
    CHECK_FALSE(e.not_container);
    std::optional<Notice> n = find_notice(c.diag, "corrupt_archive");
    REQUIRE(n);
    CHECK(n->level == Level::kError);
    CHECK(n->message.find("after 0 members") != std::string::npos);
  }
}

TEST_CASE("ArchiveMembers: encrypted members are named on the record") {
  std::string zip =
      make_archive(spec("zip", "none", {"zip:encryption=zipcrypt"}, "hunter2"),
                   {{"a.txt", "secret"}, {"b.txt", "secret"}});
  MemberHarness h;
  ArchiveMembers source(as_span(zip), {ContainerKind::kArchive, true},
                        h.context);
  Drained d = drain(source, {"z"});
  CHECK(d.record.encrypted);
  CHECK(d.record.encrypted_members ==
        std::vector<std::string>{"a.txt", "b.txt"});
  REQUIRE(h.diag.size() == 1);
  CHECK(h.diag.sorted()[0].code == "encrypted");
  CHECK(h.diag.sorted()[0].location == Location{"z"});
  CHECK(h.diag.sorted()[0].message ==
        "2 of 2 members are encrypted and were not examined");
}

TEST_CASE("ArchiveMembers: OOXML and ODF zips are documents, others not") {
  auto document = [](const std::vector<Entry>& entries) {
    std::string zip = make_zip(entries);
    MemberHarness h;
    ArchiveMembers source(as_span(zip), {ContainerKind::kArchive, true},
                          h.context);
    return drain(source, {"d"}).record.document;
  };
  CHECK(document({{"[Content_Types].xml", "<Types/>"}, {"word/x.xml", "x"}}));
  CHECK(document({{"mimetype", "application/vnd.oasis.opendocument.text"},
                  {"content.xml", "x"}}));
  CHECK_FALSE(document({{"mimetype", "text/plain"}, {"a", "x"}}));
}
