// The libdeflate fast path for gzip, and the fallback to libarchive's
// streaming reader for every stream it declines.
#include "content/gzip_inflate.h"

#include "content_fixtures.h"

#include "common/sha256.h"
#include "content/content_scanner.h"

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {

std::string gzip_of(const std::string& text) {
  return make_archive(spec("raw", "gzip"), {{"data", text}});
}

std::span<const std::byte> bytes_of(const std::string& s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

std::string text_of(const std::vector<std::byte>& v) {
  return std::string(reinterpret_cast<const char*>(v.data()), v.size());
}

// Overwrites the ISIZE trailer (the size mod 2^32) with `size`.
std::string with_declared_size(std::string gz, uint32_t size) {
  for (size_t i = 0; i < 4; ++i)
    gz[gz.size() - 4 + i] = static_cast<char>((size >> (8 * i)) & 0xFF);
  return gz;
}

std::string secret_lines(int n) {
  std::string text;
  for (int i = 0; i < n; ++i)
    text += "line " + std::to_string(i) + " of the recipe sheet\n";
  return text + kSecret + "\n";
}

}  // namespace

TEST_CASE("inflate_gzip: one honest member is inflated whole") {
  const std::string text = secret_lines(2000);
  const std::string gz = gzip_of(text);
  auto out = inflate_gzip(bytes_of(gz), 1 << 20);
  REQUIRE(out);
  CHECK(text_of(*out) == text);
}

TEST_CASE("inflate_gzip: anything doubtful is left to the streaming reader") {
  const std::string text = secret_lines(2000);
  const std::string gz = gzip_of(text);
  // Over the memory allowed.
  CHECK_FALSE(inflate_gzip(bytes_of(gz), text.size() - 1));
  // A size that lies, either way (a bomb declares little).
  CHECK_FALSE(inflate_gzip(
      bytes_of(with_declared_size(gz, static_cast<uint32_t>(text.size() - 9))),
      1 << 20));
  CHECK_FALSE(inflate_gzip(
      bytes_of(with_declared_size(gz, static_cast<uint32_t>(text.size() + 9))),
      1 << 20));
  // Two members, or bytes after the member.
  CHECK_FALSE(inflate_gzip(bytes_of(gz + gz), 1 << 20));
  CHECK_FALSE(inflate_gzip(bytes_of(gz + "trailing junk!"), 1 << 20));
  // A damaged CRC-32, a damaged body, not gzip at all.
  std::string bad_crc = gz;
  bad_crc[bad_crc.size() - 8] =
      static_cast<char>(bad_crc[bad_crc.size() - 8] ^ 1);
  CHECK_FALSE(inflate_gzip(bytes_of(bad_crc), 1 << 20));
  std::string bad_body = gz;
  bad_body[bad_body.size() / 2] =
      static_cast<char>(~bad_body[bad_body.size() / 2]);
  CHECK_FALSE(inflate_gzip(bytes_of(bad_body), 1 << 20));
  CHECK_FALSE(inflate_gzip(bytes_of(text), 1 << 20));
}

TEST_CASE("Scanner: a gzip the fast path declines is still read through") {
  const std::string text = secret_lines(3000);
  const std::string tgz =
      make_archive(spec("gnutar", "gzip"),
                   {{"stack/K012.txt", text}, {"notes.txt", "nothing here\n"}});
  for (const auto& [label, bytes] :
       std::vector<std::pair<std::string, std::string>>{
           {"honest tar.gz", tgz},
           {"tar.gz with a lying size", with_declared_size(tgz, 1000)},
           {"two gzip members", gzip_of(secret_lines(10)) + gzip_of(text)}}) {
    CAPTURE(label);
    TempDir tree;
    const std::string top = (tree / "evidence.dat").string();
    write_file(top, bytes);
    RuleFixture rules(kSecretRule);
    Diagnostics diag;
    const Results results =
        scan_paths({tree.path()}, rules.get(), {}, {}, 1, diag);
    REQUIRE(results.archives.size() == 1);
    if (label == "two gzip members") {
      const ObjectHit* hit = find_hit(results, {top, "data"});
      REQUIRE(hit != nullptr);
      CHECK(hit->sha256 == sha256_hex(secret_lines(10) + text));
    } else {
      const ObjectHit* hit = find_hit(results, {top, "stack/K012.txt"});
      REQUIRE(hit != nullptr);
      CHECK(hit->sha256 == sha256_hex(text));
      CHECK(results.archives[0].members == 2);
    }
    CHECK(codes(diag).empty());
  }
}
