// ArchiveReader, the one libarchive wrapper: what each format set opens,
// one filter list for every reader, single files, file opening and errors.
#include "unpack/archive_reader.h"

#include "content/content_fixtures.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mamori;
using namespace mamori::unpack;
using mamori::content::testing::Entry;
using mamori::content::testing::make_archive;
using mamori::content::testing::spec;
using mamori::content::testing::TempDir;
using mamori::content::testing::write_file;

namespace {

std::span<const std::byte> bytes(const std::string& s) {
  return std::as_bytes(std::span(s));
}

// Every member as name and content, stopping at the first problem.
struct Listing {
  std::vector<Entry> members;
  ArchiveReader::Next last = ArchiveReader::Next::kEnd;
  std::string error;
};

Listing list(ArchiveReader& reader) {
  Listing out;
  while ((out.last = reader.next(out.error)) == ArchiveReader::Next::kEntry) {
    Entry entry{reader.name(), {}};
    std::span<const std::byte> block;
    ArchiveReader::Read read;
    while ((read = reader.read_block(block, out.error)) ==
           ArchiveReader::Read::kData) {
      entry.data.append(reinterpret_cast<const char*>(block.data()),
                        block.size());
    }
    REQUIRE(read == ArchiveReader::Read::kEnd);
    out.members.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

TEST_CASE(
    "ArchiveReader: a compressed tar in memory is read member by member") {
  std::string tgz = make_archive(spec("gnutar", "gzip"),
                                 {{"a.txt", "alpha"}, {"dir/b.txt", "beta"}});
  ArchiveReader reader(bytes(tgz), {Formats::kEvidence, false});
  std::string error;
  REQUIRE(reader.next(error) == ArchiveReader::Next::kEntry);
  CHECK(reader.name() == "a.txt");
  CHECK(reader.declared_size() == 5u);
  CHECK(reader.is_regular());
  CHECK_FALSE(reader.is_encrypted());
  CHECK(reader.is_archive());
  CHECK_FALSE(reader.is_single_file());
  CHECK_FALSE(reader.is_plain());
  Listing rest = list(reader);
  CHECK(rest.last == ArchiveReader::Next::kEnd);
  REQUIRE(rest.members.size() == 1);
  CHECK(rest.members[0].name == "dir/b.txt");
  CHECK(rest.members[0].data == "beta");
}

TEST_CASE("ArchiveReader: the format set decides what is an archive") {
  std::string cpio = make_archive(spec("cpio"), {{"a.txt", "alpha"}});
  SUBCASE("evidence formats open cpio") {
    ArchiveReader reader(bytes(cpio), {Formats::kEvidence, false});
    Listing l = list(reader);
    CHECK(l.last == ArchiveReader::Next::kEnd);
    REQUIRE(l.members.size() == 1);
    CHECK(l.members[0].data == "alpha");
  }
  SUBCASE("log bundles do not: without single_file it is no archive") {
    ArchiveReader reader(bytes(cpio), {Formats::kLogBundles, false});
    Listing l = list(reader);
    CHECK(l.last == ArchiveReader::Next::kFatal);
    CHECK_FALSE(l.error.empty());
    CHECK(l.members.empty());
  }
  SUBCASE("log bundles with single_file read it as one raw member") {
    ArchiveReader reader(bytes(cpio), {Formats::kLogBundles, true});
    Listing l = list(reader);
    REQUIRE(l.members.size() == 1);
    CHECK(l.members[0].data == cpio);
    CHECK(reader.is_single_file());
  }
}

TEST_CASE("ArchiveReader: every in-process filter serves every reader") {
  // One filter list for content and logs: lzip and compress included.
  for (const char* filter :
       {"gzip", "bzip2", "xz", "lzma", "zstd", "lz4", "lzip", "compress"}) {
    std::string label = filter;
    CAPTURE(label);
    std::string packed =
        make_archive(spec("raw", filter), {{"log.txt", "line one\n"}});
    for (Formats formats : {Formats::kEvidence, Formats::kLogBundles}) {
      ArchiveReader reader(bytes(packed), {formats, true});
      Listing l = list(reader);
      CHECK(l.last == ArchiveReader::Next::kEnd);
      REQUIRE(l.members.size() == 1);
      CHECK(l.members[0].data == "line one\n");
      CHECK(reader.is_single_file());
      CHECK_FALSE(reader.is_plain());
    }
  }
}

TEST_CASE("ArchiveReader: a member cut short is a read error with a reason") {
  std::string zip = make_archive(spec("zip", "none", {"zip:compression=store"}),
                                 {{"a.txt", std::string(4000, 'a')}});
  std::string cut = zip.substr(0, 2000);
  ArchiveReader reader(bytes(cut), {Formats::kEvidence, false});
  std::string error;
  REQUIRE(reader.next(error) == ArchiveReader::Next::kEntry);
  std::span<const std::byte> block;
  ArchiveReader::Read read;
  uint64_t total = 0;
  while ((read = reader.read_block(block, error)) ==
         ArchiveReader::Read::kData) {
    total += block.size();
  }
  CHECK(read == ArchiveReader::Read::kError);
  CHECK(total < 4000);
  CHECK_FALSE(error.empty());
}

TEST_CASE("ArchiveReader: garbage in memory is kFatal from the first next()") {
  std::string junk(100, 'x');
  ArchiveReader reader(bytes(junk), {Formats::kEvidence, false});
  std::string error;
  CHECK(reader.next(error) == ArchiveReader::Next::kFatal);
  CHECK_FALSE(error.empty());
}

TEST_CASE("ArchiveReader: files are opened by path, with the system's reason") {
  TempDir dir;
  const ReaderOptions logs{Formats::kLogBundles, true};
  SUBCASE("a missing file") {
    std::string error;
    CHECK_FALSE(ArchiveReader::open_file((dir / "none.log").string(), logs,
                                         1 << 16, error));
    CHECK(error == "No such file or directory");
  }
  SUBCASE("a plain file is one plain member") {
    write_file(dir / "a.log", "plain text\n");
    std::string error;
    auto reader =
        ArchiveReader::open_file((dir / "a.log").string(), logs, 4, error);
    REQUIRE(reader);
    Listing l = list(*reader);
    REQUIRE(l.members.size() == 1);
    CHECK(l.members[0].data == "plain text\n");
    CHECK(reader->is_plain());
    CHECK_FALSE(reader->is_archive());
  }
  SUBCASE("a file smaller than the block is read whole, in a block its size") {
    for (const size_t size : {size_t{1}, size_t{4095}, size_t{4096},
                              size_t{4097}, size_t{70'000}}) {
      CAPTURE(size);
      std::string text;
      for (int i = 0; text.size() < size; ++i)
        text += "line " + std::to_string(i) + "\n";
      text.resize(size);
      write_file(dir / "small.log", text);
      std::string error;
      auto reader = ArchiveReader::open_file((dir / "small.log").string(), logs,
                                             1 << 16, error);
      REQUIRE(reader);
      Listing l = list(*reader);
      REQUIRE(l.members.size() == 1);
      CHECK(l.members[0].data == text);
    }
  }
  SUBCASE("a zip of logs is an archive") {
    write_file(dir / "b.zip", make_archive(spec("zip"), {{"x.log", "x\n"}}));
    std::string error;
    auto reader = ArchiveReader::open_file((dir / "b.zip").string(), logs,
                                           1 << 16, error);
    REQUIRE(reader);
    Listing l = list(*reader);
    REQUIRE(l.members.size() == 1);
    CHECK(l.members[0].name == "x.log");
    CHECK(reader->is_archive());
    CHECK_FALSE(reader->is_plain());
  }
}

TEST_CASE("ArchiveReader: the library version is reported") {
  CHECK(library_version().find("libarchive") != std::string::npos);
}
