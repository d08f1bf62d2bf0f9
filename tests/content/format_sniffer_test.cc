// sniff_container: containers are recognised by their bytes, never by
// name, and a weak magic is marked uncertain.
#include "content/format_sniffer.h"

#include "document_fixtures.h"

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {
Sniffed sniff(const std::string& s) {
  return sniff_container(std::as_bytes(std::span(s)));
}
}  // namespace

TEST_CASE("FormatSniffer: each kind of container by its leading bytes") {
  Sniffed zip = sniff(make_zip({{"a", "a"}}));
  CHECK(zip.kind == ContainerKind::kArchive);
  CHECK(zip.certain);
  Sniffed tar = sniff(make_archive(spec("ustar"), {{"a", "a"}}));
  CHECK(tar.kind == ContainerKind::kArchive);
  Sniffed gz = sniff(make_archive(spec("raw", "gzip"), {{"a", "a"}}));
  CHECK(gz.kind == ContainerKind::kCompressed);
  CHECK(gz.certain);
  CHECK(sniff(make_pdf("page")).kind == ContainerKind::kPdf);
  Sniffed ole = sniff(make_compound_file(std::string(5000, 'w'), "s"));
  CHECK(ole.kind == ContainerKind::kOle);
  CHECK(sniff("just some text\n").kind == ContainerKind::kNone);
  CHECK(sniff("").kind == ContainerKind::kNone);
}

TEST_CASE(
    "FormatSniffer: short magics that binaries may start with are "
    "uncertain") {
  Sniffed z = sniff(make_archive(spec("raw", "compress"), {{"a", "aaaa"}}));
  CHECK(z.kind == ContainerKind::kCompressed);
  CHECK_FALSE(z.certain);
  Sniffed cpio = sniff(std::string("\xC7\x71", 2) + std::string(100, 'x'));
  CHECK(cpio.kind == ContainerKind::kArchive);
  CHECK_FALSE(cpio.certain);
}

TEST_CASE(
    "FormatSniffer: a zip appended to other bytes is found by its end "
    "record") {
  std::string polyglot = "\xFF\xD8\xFF\xE0 picture " + std::string(2000, 'p') +
                         make_zip({{"hidden.txt", "h"}});
  Sniffed s = sniff(polyglot);
  CHECK(s.kind == ContainerKind::kArchive);
  CHECK_FALSE(s.certain);
  // An end record beyond the last 64 KiB + 22 bytes is only data.
  std::string far = "PK\x05\x06" + std::string(70000, '\0');
  CHECK(sniff("x" + far).kind == ContainerKind::kNone);
}

TEST_CASE("FormatSniffer: has_bytes_at never reads past the data") {
  std::string data = "abcdef";
  auto bytes = std::as_bytes(std::span(data));
  CHECK(has_bytes_at(bytes, 0, "abc"));
  CHECK(has_bytes_at(bytes, 3, "def"));
  CHECK_FALSE(has_bytes_at(bytes, 4, "def"));
  CHECK_FALSE(has_bytes_at(bytes, 7, ""));
  CHECK(has_bytes_at(bytes, 6, ""));
  CHECK_FALSE(has_bytes_at({}, 0, "a"));
}
