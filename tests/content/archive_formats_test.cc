// Every archive format and compression filter issue 4 names, each written
// with libarchive's write API and stored under a name that does not hint at
// its format: containers are recognised by content.
#include "content_fixtures.h"

#include "common/sha256.h"
#include "content/content_scanner.h"

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {

struct Scanned {
  Results results;
  Diagnostics diag;
  std::string top;
};

void scan_bytes_as_file(const std::string& bytes, Scanned& out,
                        const Limits& limits = {}) {
  TempDir tree;
  out.top = (tree / "evidence.dat").string();
  write_file(out.top, bytes);
  RuleFixture rules(kSecretRule);
  out.results = scan_paths({tree.path()}, rules.get(), {}, limits, 1, out.diag);
}

std::string secret_text() {
  return "header line\n" + std::string(3000, 'x') + "\n" + kSecret + "\n";
}

}  // namespace

TEST_CASE("ArchiveFormats: every writable format is opened by content") {
  struct Case {
    const char* label;
    ArchiveSpec spec;
  };
  const std::vector<Case> cases{
      {"zip (deflate)", spec("zip")},
      {"zip (stored)", spec("zip", "none", {"zip:compression=store"})},
      {"zip64", spec("zip", "none", {"zip:zip64"})},
      {"7z", spec("7zip")},
      {"7z (lzma2)", spec("7zip", "none", {"7zip:compression=lzma2"})},
      {"tar", spec("ustar")},
      {"pax tar", spec("pax")},
      {"tar.gz", spec("gnutar", "gzip")},
      {"tar.bz2", spec("gnutar", "bzip2")},
      {"tar.xz", spec("gnutar", "xz")},
      {"tar.zst", spec("gnutar", "zstd")},
      {"tar.lz4", spec("gnutar", "lz4")},
      {"tar.lzma", spec("gnutar", "lzma")},
      {"tar.lz", spec("gnutar", "lzip")},
      {"tar.Z", spec("gnutar", "compress")},
      {"cpio newc", spec("newc")},
      {"cpio odc", spec("cpio")},
      {"cpio.gz", spec("cpio", "gzip")},
      {"ar", spec("ar")},
      {"ar (gnu)", spec("argnu")},
      {"iso9660", spec("iso9660")},
      {"xar", spec("xar")},
  };
  for (const Case& c : cases) {
    std::string label = c.label;
    CAPTURE(label);
    // ar keeps only a base name of 15 characters at most.
    bool flat = c.spec.format.rfind("ar", 0) == 0;
    std::string name = flat ? "secret.txt" : "dir/secret.txt";
    std::string text = secret_text();
    std::string bytes = make_archive(
        c.spec,
        {{flat ? "readme.txt" : "dir/readme.txt", "hello"}, {name, text}});
    Scanned s;
    scan_bytes_as_file(bytes, s);
    const ObjectHit* hit = find_hit(s.results, {s.top, name});
    REQUIRE(hit != nullptr);
    CHECK(hit->sha256 == sha256_hex(text));
    CHECK(hit->size == text.size());
    const ContainerRecord* info = find_archive(s.results, {s.top});
    REQUIRE(info != nullptr);
    CHECK(info->members == 2);
    CHECK_FALSE(info->encrypted);
    CHECK_FALSE(info->document);
    CHECK(info->sha256 == sha256_hex(bytes));
    CHECK(s.diag.size() == 0);
  }
}

TEST_CASE("ArchiveFormats: a single compressed file is read as one member") {
  for (const char* filter : {"gzip", "bzip2", "xz", "zstd", "lz4", "lzip"}) {
    std::string label = filter;
    CAPTURE(label);
    std::string text = secret_text();
    std::string bytes = make_archive(spec("raw", filter), {{"data", text}});
    Scanned s;
    scan_bytes_as_file(bytes, s);
    // Some compressors store short literals as they are, so the container
    // may match too; it is then flagged as a container.
    const ObjectHit* hit = find_hit(s.results, {s.top, "data"});
    REQUIRE(hit != nullptr);
    CHECK(hit->sha256 == sha256_hex(text));
    for (const ObjectHit& other : s.results.hits) {
      if (&other != hit)
        CHECK(other.container);
    }
    REQUIRE(s.results.archives.size() == 1);
    CHECK(s.results.archives[0].members == 1);
    CHECK(s.diag.size() == 0);
  }
}

TEST_CASE("ArchiveFormats: encrypted zip members are named, not read") {
  for (const char* method : {"zipcrypt", "aes128", "aes256"}) {
    std::string label = method;
    CAPTURE(label);
    std::string bytes = make_archive(
        spec("zip", "none", {std::string("zip:encryption=") + method},
             "hunter2"),
        {{"dir/a.txt", secret_text()}, {"dir/b.txt", secret_text()}});
    Scanned s;
    scan_bytes_as_file(bytes, s);
    const ContainerRecord* info = find_archive(s.results, {s.top});
    REQUIRE(info != nullptr);
    CHECK(info->encrypted);
    CHECK(info->members == 2);
    CHECK(info->encrypted_members ==
          std::vector<std::string>{"dir/a.txt", "dir/b.txt"});
    CHECK(s.results.hits.empty());
    std::vector<Notice> notices = s.diag.sorted();
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].code == "encrypted");
    CHECK(notices[0].level == Level::kWarning);
    CHECK(notices[0].location == Location{s.top});
  }
}

TEST_CASE("ArchiveFormats: 7z with encrypted data or encrypted headers") {
  // Made with p7zip: 7z a -pmamori -mhe=off|on (see tests/data/content).
  fs::path data = fs::path(MAMORI_TEST_DATA) / "content";
  RuleFixture rules(kSecretRule);
  SUBCASE("names visible") {
    Diagnostics diag;
    fs::path file = data / "enc-data.7z";
    Results r = scan_paths({file}, rules.get(), {}, {}, 1, diag);
    REQUIRE(r.archives.size() == 1);
    CHECK(r.archives[0].encrypted);
    CHECK(r.archives[0].encrypted_members ==
          std::vector<std::string>{"drawings/K12_layers.txt", "notes.txt"});
    CHECK(r.hits.empty());
    CHECK(codes(diag) == std::vector<std::string>{"encrypted"});
  }
  SUBCASE("names hidden") {
    Diagnostics diag;
    fs::path file = data / "enc-headers.7z";
    Results r = scan_paths({file}, rules.get(), {}, {}, 1, diag);
    REQUIRE(r.archives.size() == 1);
    CHECK(r.archives[0].encrypted);
    CHECK(r.archives[0].encrypted_members.empty());
    CHECK(r.archives[0].members == 0);
    CHECK(codes(diag) == std::vector<std::string>{"encrypted"});
    CHECK_FALSE(diag.has_errors());
  }
}

TEST_CASE("ArchiveFormats: OOXML and ODF documents are reported as documents") {
  std::string xml = std::string("<w:t>") + kSecret + "</w:t>";
  SUBCASE("docx") {
    std::string bytes = make_zip(
        {{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", xml}});
    Scanned s;
    scan_bytes_as_file(bytes, s);
    CHECK(find_hit(s.results, {s.top, "word/document.xml"}) != nullptr);
    REQUIRE(s.results.archives.size() == 1);
    CHECK(s.results.archives[0].document);
  }
  SUBCASE("odt") {
    std::string bytes =
        make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                  {"content.xml", xml}});
    Scanned s;
    scan_bytes_as_file(bytes, s);
    CHECK(find_hit(s.results, {s.top, "content.xml"}) != nullptr);
    REQUIRE(s.results.archives.size() == 1);
    CHECK(s.results.archives[0].document);
  }
  SUBCASE("a plain zip is not a document") {
    Scanned s;
    scan_bytes_as_file(make_zip({{"mimetype", "text/plain"}, {"a", xml}}), s);
    REQUIRE(s.results.archives.size() == 1);
    CHECK_FALSE(s.results.archives[0].document);
  }
}
