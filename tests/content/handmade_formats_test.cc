// RAR, RAR5 and CAB cannot be written with libarchive or any tool in
// Debian main, so these tests build the simplest valid archives of each
// (members stored, not compressed) byte by byte from the published format
// descriptions: RARLAB's "RAR 5.0 archive format" and the RAR 2.9 technote,
// and Microsoft's [MS-CAB]. libarchive must open them by content.
#include "content_fixtures.h"

#include "common/sha256.h"
#include "content/content_scanner.h"

#include <zlib.h>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {

void put(std::string& s, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i)
    s += static_cast<char>((v >> (8 * i)) & 0xFF);
}

uint32_t crc_of(const std::string& s) {
  return static_cast<uint32_t>(crc32(0,
                                     reinterpret_cast<const Bytef*>(s.data()),
                                     static_cast<uInt>(s.size())));
}

// RAR5 variable-length integer: 7 bits a byte, low groups first.
std::string vint(uint64_t v) {
  std::string out;
  do {
    auto byte = static_cast<unsigned char>(v & 0x7F);
    v >>= 7;
    if (v != 0)
      byte |= 0x80;
    out += static_cast<char>(byte);
  } while (v != 0);
  return out;
}

// A RAR5 block: CRC32, header size, then `body` (type, flags, fields).
std::string rar5_block(const std::string& body) {
  std::string sized = vint(body.size()) + body;
  std::string out;
  put(out, crc_of(sized), 4);
  return out + sized;
}

std::string make_rar5(const std::vector<Entry>& entries) {
  std::string rar("Rar!\x1A\x07\x01\x00", 8);
  rar += rar5_block(vint(1) + vint(0) + vint(0));  // main header
  for (const Entry& e : entries) {
    std::string body = vint(2) + vint(0x0002);  // file header, has data
    body += vint(e.data.size());                // data size
    body += vint(0x0004);                       // file flags: CRC32 present
    body += vint(e.data.size());                // unpacked size
    // Attributes: a bare 0644 with no file type bits, as a careless or
    // hostile writer may store; the member must still be examined.
    body += vint(0x1A4);
    put(body, crc_of(e.data), 4);
    body += vint(0);  // compression: version 0, method 0 (store)
    body += vint(1);  // host OS: Unix
    body += vint(e.name.size()) + e.name;
    rar += rar5_block(body) + e.data;
  }
  rar += rar5_block(vint(5) + vint(0) + vint(0));  // end of archive
  return rar;
}

// A RAR 2.9/4.x block: CRC16 (low half of CRC32 over the rest), type,
// flags, size, then the fields.
std::string rar4_block(int type, unsigned flags, const std::string& fields) {
  std::string rest;
  put(rest, static_cast<uint64_t>(type), 1);
  put(rest, flags, 2);
  put(rest, 7 + fields.size(), 2);
  rest += fields;
  std::string out;
  put(out, crc_of(rest) & 0xFFFF, 2);
  return out + rest;
}

std::string make_rar4(const std::vector<Entry>& entries) {
  std::string rar("Rar!\x1A\x07\x00", 7);
  rar += rar4_block(0x73, 0, std::string(6, '\0'));  // archive header
  for (const Entry& e : entries) {
    std::string f;
    put(f, e.data.size(), 4);  // packed size
    put(f, e.data.size(), 4);  // unpacked size
    put(f, 3, 1);              // host OS: Unix
    put(f, crc_of(e.data), 4);
    put(f, 0x21000000, 4);  // DOS time: 1996-08-00
    put(f, 20, 1);          // version needed: 2.0
    put(f, 0x30, 1);        // method: store
    put(f, e.name.size(), 2);
    put(f, 0x81A4, 4);  // attributes: regular file 0644
    f += e.name;
    rar += rar4_block(0x74, 0x8000, f) + e.data;  // 0x8000: data follows
  }
  rar += rar4_block(0x7B, 0x4000, "");  // end of archive
  return rar;
}

// One folder, no compression, checksums left at 0 ("not computed").
std::string make_cab(const std::vector<Entry>& entries) {
  std::string files;
  uint64_t offset = 0;
  for (const Entry& e : entries) {
    put(files, e.data.size(), 4);
    put(files, offset, 4);
    put(files, 0, 2);       // folder 0
    put(files, 0x5821, 2);  // date
    put(files, 0, 2);       // time
    put(files, 0x20, 2);    // archive attribute
    files += e.name + '\0';
    offset += e.data.size();
  }
  const size_t header = 36, folder = 8;
  size_t data_at = header + folder + files.size();
  // The folder's data is one stream cut into CFDATA blocks of 32 KiB (the
  // last one shorter).
  std::string stream;
  for (const Entry& e : entries)
    stream += e.data;
  std::string blocks;
  size_t block_count = 0;
  for (size_t at = 0; at < stream.size(); at += 32768, ++block_count) {
    std::string part = stream.substr(at, 32768);
    put(blocks, 0, 4);
    put(blocks, part.size(), 2);
    put(blocks, part.size(), 2);
    blocks += part;
  }
  std::string cab = "MSCF";
  put(cab, 0, 4);
  put(cab, data_at + blocks.size(), 4);  // cabinet size
  put(cab, 0, 4);
  put(cab, header + folder, 4);  // first CFFILE
  put(cab, 0, 4);
  put(cab, 3, 1);  // version 1.3
  put(cab, 1, 1);
  put(cab, 1, 2);  // folders
  put(cab, entries.size(), 2);
  put(cab, 0, 2);  // flags
  put(cab, 0x1234, 2);
  put(cab, 0, 2);
  put(cab, data_at, 4);  // CFFOLDER: first CFDATA
  put(cab, block_count, 2);
  put(cab, 0, 2);  // no compression
  return cab + files + blocks;
}

}  // namespace

TEST_CASE("HandmadeFormats: RAR, RAR5 and CAB members are matched") {
  struct Case {
    const char* label;
    std::string (*make)(const std::vector<Entry>&);
    std::string name;
  };
  // CAB names use backslashes; libarchive turns them into slashes.
  const std::vector<Case> cases{{"rar5", make_rar5, "dir/secret.txt"},
                                {"rar4", make_rar4, "dir/secret.txt"},
                                {"cab", make_cab, "dir\\secret.txt"}};
  for (const Case& c : cases) {
    std::string label = c.label;
    CAPTURE(label);
    std::string text = std::string("recipe ") + kSecret + "\n";
    std::string bytes = c.make({{"readme.txt", "hello"}, {c.name, text}});
    TempDir tree;
    std::string top = (tree / "upload.bin").string();
    write_file(top, bytes);
    RuleFixture rules(kSecretRule);
    Diagnostics diag;
    Results r = scan_paths({tree.path()}, rules.get(), {}, {}, 1, diag);
    for (const Notice& n : diag.sorted())
      MESSAGE(n.code, ": ", n.message);
    CHECK(diag.size() == 0);
    const ObjectHit* hit = find_hit(r, {top, "dir/secret.txt"});
    REQUIRE(hit != nullptr);
    CHECK(hit->sha256 == sha256_hex(text));
    const ContainerRecord* info = find_archive(r, {top});
    REQUIRE(info != nullptr);
    CHECK(info->members == 2);
  }
}
