// Hostile media: every limit and every malformed input yields a notice, the
// scan goes on, and nothing over a limit is reported as clean.
#include "content/file_examiner.h"

#include "content_fixtures.h"

#include "common/sha256.h"

#include <zlib.h>

#include <algorithm>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {

struct Scanned {
  Results results;
  Diagnostics diag;
  std::string top;
};

void scan_one(const std::string& bytes, Scanned& out, const Limits& limits,
              const assets::Register& reg = {}) {
  TempDir tree;
  out.top = (tree / "evidence.dat").string();
  write_file(out.top, bytes);
  RuleFixture rules(kSecretRule, reg);
  out.results =
      scan_paths({tree.path()}, rules.get(), reg, limits, 1, out.diag);
}

void put16(std::string& s, unsigned v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& s, uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}

// A zip whose central directory lists `copies` members that all point at
// the same local entry: the overlapping-entries bomb (CVE-2019-12625 class).
std::string overlapping_zip(const std::string& data, int copies) {
  std::string deflated(compressBound(static_cast<uLong>(data.size())), '\0');
  z_stream z{};
  REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(deflated.data());
  z.avail_out = static_cast<uInt>(deflated.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  deflated.resize(z.total_out);
  deflateEnd(&z);
  auto crc = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(data.data()),
            static_cast<uInt>(data.size())));
  auto fixed = [&](std::string& s) {
    put16(s, 20);  // version needed
    put16(s, 0);   // flags
    put16(s, 8);   // deflate
    put32(s, 0);   // time, date
    put32(s, crc);
    put32(s, static_cast<uint32_t>(deflated.size()));
    put32(s, static_cast<uint32_t>(data.size()));
  };
  std::string zip = "PK\x03\x04";
  fixed(zip);
  put16(zip, 1);  // name length
  put16(zip, 0);
  zip += "a";
  zip += deflated;
  std::string central;
  for (int i = 0; i < copies; ++i) {
    std::string name = "copy" + std::to_string(i);
    central += "PK\x01\x02";
    put16(central, 20);  // version made by
    fixed(central);
    put16(central, static_cast<unsigned>(name.size()));
    put32(central, 0);  // extra, comment lengths
    put32(central, 0);  // disk, internal attributes
    put32(central, 0);  // external attributes
    put32(central, 0);  // local header offset: all the same
    central += name;
  }
  std::string end = "PK\x05\x06";
  put32(end, 0);
  put16(end, static_cast<unsigned>(copies));
  put16(end, static_cast<unsigned>(copies));
  put32(end, static_cast<uint32_t>(central.size()));
  put32(end, static_cast<uint32_t>(zip.size()));
  put16(end, 0);
  return zip + central + end;
}

size_t count_code(const Diagnostics& diag, const std::string& code) {
  std::vector<std::string> all = codes(diag);
  return static_cast<size_t>(std::count(all.begin(), all.end(), code));
}

}  // namespace

TEST_CASE("FileExaminer: a zip bomb stops at the ratio limit") {
  std::string zeros(20u << 20, '\0');
  std::string bytes = make_archive(
      spec("gnutar", "bzip2"), {{"zeros.bin", zeros}, {"after.txt", kSecret}});
  Limits limits;
  limits.max_ratio = 100;
  Scanned s;
  scan_one(bytes, s, limits);
  REQUIRE(count_code(s.diag, "limit_ratio") == 1);
  std::optional<Notice> notice = find_notice(s.diag, "limit_ratio");
  CHECK(notice->location == Location{s.top, "zeros.bin"});
  CHECK(notice->level == Level::kWarning);
  // Nothing after the bomb is examined, and nothing is called clean.
  CHECK(s.results.hits.empty());
  CHECK(s.diag.size() == 1);
}

TEST_CASE("FileExaminer: overlapping zip entries are not expanded each time") {
  // libarchive keys the central directory by local header offset, so the
  // 2000 entries that share one are read once; were they not, the ratio
  // limit would stop the expansion (the previous test).
  std::string bytes = overlapping_zip(std::string(1u << 20, 'z'), 2000);
  Scanned s;
  scan_one(bytes, s, Limits{});
  const ContainerRecord* info = find_archive(s.results, {s.top});
  REQUIRE(info != nullptr);
  CHECK(info->members == 1);
  CHECK(s.results.stats.archive_members == 1);
}

TEST_CASE("FileExaminer: a member over the size limit is hashed, not matched") {
  std::string big = std::string(5000, 'b') + kSecret;
  std::string small = std::string("small ") + kSecret;
  assets::Register reg;
  assets::Asset asset;
  asset.id = "big_asset";
  asset.hashes = {sha256_hex(big)};
  reg.add(asset);
  Limits limits;
  limits.max_member_size = 1000;
  Scanned s;
  scan_one(make_zip({{"big.txt", big}, {"small.txt", small}}), s, limits, reg);

  std::optional<Notice> notice = find_notice(s.diag, "limit_member_size");
  REQUIRE(notice);
  CHECK(notice->location == Location{s.top, "big.txt"});
  CHECK(s.diag.size() == 1);
  const ObjectHit* big_hit = find_hit(s.results, {s.top, "big.txt"});
  REQUIRE(big_hit != nullptr);
  CHECK(big_hit->rules.empty());
  CHECK(big_hit->hash_assets == std::vector<std::string>{"big_asset"});
  CHECK(big_hit->size == big.size());
  CHECK(find_hit(s.results, {s.top, "small.txt"}) != nullptr);
}

TEST_CASE("FileExaminer: the expanded limit ends one file, not the scan") {
  std::vector<Entry> entries;
  for (int i = 0; i < 5; ++i) {
    entries.push_back(
        {"m" + std::to_string(i) + ".txt", std::string(4000, 'm') + kSecret});
  }
  Limits limits;
  limits.max_expanded = 10000;
  TempDir tree;
  write_file(tree / "a.zip", make_zip(entries));
  write_file(tree / "b.zip", make_zip(entries));
  RuleFixture rules(kSecretRule);
  Diagnostics diag;
  Results r = scan_paths({tree.path()}, rules.get(), {}, limits, 2, diag);
  CHECK(count_code(diag, "limit_expanded") == 2);
  CHECK(diag.size() == 2);
  CHECK(r.hits.size() == 4);  // two members of each zip fit in the limit
  CHECK(find_hit(r, {(tree / "b.zip").string(), "m1.txt"}) != nullptr);
  CHECK(find_hit(r, {(tree / "b.zip").string(), "m2.txt"}) == nullptr);
}

TEST_CASE("FileExaminer: archives nested deeper than the limit are noted") {
  std::string c = make_zip({{"c.txt", kSecret}});
  std::string b = make_zip({{"b.zip", c}});
  std::string a = make_zip({{"a.zip", b}});
  Limits limits;
  limits.max_depth = 2;
  Scanned s;
  scan_one(a, s, limits);
  std::optional<Notice> notice = find_notice(s.diag, "limit_depth");
  REQUIRE(notice);
  CHECK(notice->location == Location{s.top, "a.zip", "b.zip"});
  CHECK(s.diag.size() == 1);
  CHECK(s.results.archives.size() == 2);
  CHECK(s.results.hits.empty());
}

TEST_CASE("FileExaminer: member names keep their raw bytes") {
  std::string name = "evil\n\x1b[31mred\x01\xff\xfe.txt";
  // (7z stores names as UTF-16, which cannot hold invalid UTF-8.)
  for (const char* format : {"zip", "gnutar", "cpio", "newc"}) {
    std::string label = format;
    CAPTURE(label);
    Scanned s;
    scan_one(make_archive(spec(format), {{name, kSecret}}), s, Limits{});
    CHECK(find_hit(s.results, {s.top, name}) != nullptr);
    CHECK(s.diag.size() == 0);
  }
}

TEST_CASE(
    "FileExaminer: a container is matched as a blob only when not fully "
    "read") {
  std::string secret = std::string("plain ") + kSecret;
  SUBCASE("fully read: only the member is a hit") {
    Scanned s;
    scan_one(make_archive(spec("ustar"), {{"a.txt", secret}}), s, Limits{});
    REQUIRE(s.results.hits.size() == 1);
    CHECK(s.results.hits[0].location == Location{s.top, "a.txt"});
  }
  SUBCASE("cut short: the container's own bytes are matched too") {
    std::string zip =
        make_archive(spec("zip", "none", {"zip:compression=store"}),
                     {{"a.txt", secret}, {"b.txt", "bbbbbbbb"}});
    Scanned s;
    scan_one(zip.substr(0, zip.find("bbbbbbbb") - 2), s, Limits{});
    CHECK(count_code(s.diag, "corrupt_archive") == 1);
    const ObjectHit* member = find_hit(s.results, {s.top, "a.txt"});
    const ObjectHit* blob = find_hit(s.results, {s.top});
    REQUIRE(member != nullptr);
    REQUIRE(blob != nullptr);
    CHECK(blob->container);
    CHECK(blob->rules.at(0).rule == "secret");
  }
}

TEST_CASE(
    "FileExaminer: without declared hashes an oversized member is skipped") {
  Limits limits;
  limits.max_member_size = 1000;
  Scanned s;
  scan_one(make_zip({{"big.txt", std::string(5000, 'b') + kSecret}}), s,
           limits);
  std::optional<Notice> notice = find_notice(s.diag, "limit_member_size");
  REQUIRE(notice);
  CHECK(notice->message.find("not examined") != std::string::npos);
  CHECK(s.results.hits.empty());
}

TEST_CASE("FileExaminer: a zip appended to a picture is opened") {
  // A JPEG+ZIP polyglot: a viewer shows the picture, an unzipper the files.
  std::string picture =
      "\xFF\xD8\xFF\xE0 picture bytes " + std::string(3000, 'p');
  std::string zip = make_zip({{"hidden/s.txt", kSecret}});
  Scanned s;
  scan_one(picture + std::string(kSecret) + zip, s, Limits{});
  CHECK(s.diag.size() == 0);
  CHECK(find_hit(s.results, {s.top, "hidden/s.txt"}) != nullptr);
  // The picture's own bytes are still matched.
  const ObjectHit* blob = find_hit(s.results, {s.top});
  REQUIRE(blob != nullptr);
  CHECK(blob->container);
  REQUIRE(s.results.archives.size() == 1);

  SUBCASE("an end record alone is not an archive, and not a notice") {
    Scanned t;
    scan_one(picture + "PK\x05\x06" + std::string(18, '\0'), t, Limits{});
    CHECK(t.diag.size() == 0);
    CHECK(t.results.archives.empty());
  }
}

namespace {

// One examiner, as a worker has it, over bytes in memory.
struct Examined {
  Examined(const Limits& l, const std::string& rule_source = kSecretRule)
      : limits(l),
        rules(rule_source),
        matcher(rules.get(), limits.rule_timeout_seconds),
        examiner(matcher, reg, limits, diag, out) {}
  Limits limits;
  assets::Register reg;
  RuleFixture rules;
  rules::Scanner matcher;
  Diagnostics diag;
  WorkerOutput out;
  FileExaminer examiner;

  void examine(const std::string& bytes, const std::string& name) {
    examiner.examine_bytes(std::as_bytes(std::span(bytes)), name);
  }
  bool hit(const Location& location) const {
    return std::any_of(
        out.hits.begin(), out.hits.end(),
        [&](const ObjectHit& h) { return h.location == location; });
  }
};

std::string stored_zip(const std::vector<Entry>& entries) {
  return make_archive(spec("zip", "none", {"zip:compression=store"}), entries);
}

}  // namespace

TEST_CASE(
    "FileExaminer: a member being examined holds memory its own "
    "members cannot use") {
  Limits limits;
  limits.max_member_size = 10000;
  std::string big = std::string(6000, 'b');
  std::string small = std::string("small ") + kSecret;
  std::string later = std::string(9000, 'l') + kSecret;
  SUBCASE("at the top, the big member fits") {
    Examined e(limits);
    e.examine(stored_zip({{"big.bin", big}, {"small.txt", small}}), "top");
    CHECK(e.diag.size() == 0);
    CHECK(e.hit({"top", "small.txt"}));
  }
  SUBCASE("inside a 6 KB member, it does not; and the memory comes back") {
    std::string inner = stored_zip({{"big.bin", big}, {"small.txt", small}});
    Examined e(limits);
    e.examine(stored_zip({{"inner.zip", inner}, {"later.txt", later}}), "top");
    std::optional<Notice> n = find_notice(e.diag, "limit_member_size");
    REQUIRE(n);
    CHECK(n->location == Location{"top", "inner.zip", "big.bin"});
    CHECK(e.diag.size() == 1);
    CHECK(e.hit({"top", "inner.zip", "small.txt"}));
    // 9 KB after the inner zip: only true if its 6 KB were given back.
    CHECK(e.hit({"top", "later.txt"}));
    // And the next file starts with the whole budget again.
    e.examine(stored_zip({{"later.txt", later}}), "next");
    CHECK(e.hit({"next", "later.txt"}));
    CHECK(e.diag.size() == 1);
  }
}

TEST_CASE("FileExaminer: every container is recorded once, whatever its kind") {
  Limits limits;
  Examined e(limits);
  std::string inner = make_archive(spec("raw", "gzip"), {{"x", kSecret}});
  e.examine(stored_zip({{"a.txt.gz", inner}, {"b.txt", "b"}}), "top");
  REQUIRE(e.out.containers.size() == 2);
  const ContainerRecord& outer = e.out.containers[1];
  CHECK(outer.location == Location{"top"});
  CHECK(outer.members == 2);
  CHECK(outer.sha256.size() == 64);
  const ContainerRecord& gz = e.out.containers[0];
  CHECK(gz.location == Location{"top", "a.txt.gz"});
  CHECK(gz.members == 1);
  CHECK(gz.size == inner.size());
  CHECK(e.out.stats.archive_members == 3);
  CHECK(e.hit({"top", "a.txt.gz", "a.txt"}));
}

TEST_CASE(
    "FileExaminer: a container its source cannot open is matched as "
    "an ordinary object, and not recorded") {
  std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) +
                    std::string(600, '\0') + kSecret;
  Examined e(Limits{});
  e.examine(ole, "broken.doc");
  CHECK(e.out.containers.empty());
  CHECK(find_notice(e.diag, "corrupt_archive"));
  CHECK(e.hit({"broken.doc"}));
}

TEST_CASE(
    "FileExaminer: the expanded limit stops the file inside a "
    "document too") {
  Limits limits;
  limits.max_expanded = 1000;
  std::string pdf_page = std::string(3000, 'p');
  // A PDF (its FlateDecode stream inflates to 3000 bytes) inside a zip.
  std::string pdf = "%PDF-1.4\n1 0 obj << /Filter /FlateDecode /Length ";
  {
    std::string deflated(compressBound(3000), '\0');
    uLongf size = static_cast<uLongf>(deflated.size());
    REQUIRE(compress2(reinterpret_cast<Bytef*>(deflated.data()), &size,
                      reinterpret_cast<const Bytef*>(pdf_page.data()), 3000,
                      9) == Z_OK);
    deflated.resize(size);
    pdf += std::to_string(size) + " >> stream\n" + deflated +
           "\nendstream\nendobj\n%%EOF\n";
  }
  Examined e(limits);
  e.examine(stored_zip({{"a.pdf", pdf}, {"b.txt", kSecret}}), "top");
  std::optional<Notice> n = find_notice(e.diag, "limit_expanded");
  REQUIRE(n);
  CHECK(n->location == Location{"top", "a.pdf", "1 0 obj"});
  CHECK(e.diag.size() == 1);
  // Nothing after the limit is examined, in the PDF's container either.
  CHECK_FALSE(e.hit({"top", "b.txt"}));
  REQUIRE(e.out.containers.size() == 2);
}
