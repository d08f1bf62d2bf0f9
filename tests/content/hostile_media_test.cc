// Hostile media (issue 11, items 3 to 5): members hidden behind their mode
// bits, names in every encoding under the C locale, a gzip near the member
// limit, bombs held to the budget of the file on disk, and deep trees. The
// archives are written by the tools an insider would use (python's
// zipfile and tarfile, 7z, bsdtar) into a temporary directory.
#include "content_fixtures.h"
#include "unpack/archive_reader.h"

#include "content/tree_walker.h"

#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {

const std::string kJapanese =
    "SPM-900/\xE5\x9B\xB3\xE9\x9D\xA2\xE4\xB8\x80"
    "\xE8\xA6\xA7.txt";  // SPM-900/図面一覧.txt

// Runs the python script `script` with `dir` as its argument.
void run_python(const TempDir& dir, const std::string& script) {
  write_file(dir / "gen.py", script);
  const std::string command = "python3 '" + (dir / "gen.py").string() + "' '" +
                              dir.path().string() + "' >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
}

// Every archive format this machine can write, each holding kJapanese
// (with the secret) under its own file name.
const char* kNamesScript = R"PY(
import io, os, subprocess, sys, tarfile, zipfile
out = sys.argv[1]
name = "SPM-900/図面一覧.txt"
data = b"PRJ-SECRET-0042 drawing list\n"
src = os.path.join(out, "src")
os.makedirs(os.path.join(src, "SPM-900"))
open(os.path.join(src, name), "wb").write(data)
os.makedirs(os.path.join(out, "a"))
def path(n): return os.path.join(out, "a", n)
with zipfile.ZipFile(path("utf8.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(name, data)
# As Windows Explorer writes it: CP932 bytes without the UTF-8 flag.
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("SPM-900/AAAAAAAA.txt", data)
open(path("explorer.zip"), "wb").write(
    buf.getvalue().replace(b"AAAAAAAA", "図面一覧".encode("cp932")))
for fmt, label in ((tarfile.PAX_FORMAT, "pax.tar"), (tarfile.GNU_FORMAT, "gnu.tar")):
    with tarfile.open(path(label), "w", format=fmt, encoding="utf-8") as t:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
env = dict(os.environ, LC_ALL="C.UTF-8")
def run(*cmd):
    subprocess.run(cmd, cwd=src, env=env, check=True, stdout=subprocess.DEVNULL)
run("7z", "a", "-bd", path("names.7z"), "SPM-900")
for fmt in ("ustar", "cpio", "newc", "iso9660", "zip", "xar"):
    run("bsdtar", "-cf", path("bsdtar-" + fmt), "--format", fmt, "SPM-900")
run("zip", "-qr", path("infozip.zip"), "SPM-900")
)PY";

struct Scan {
  Results results;
  Diagnostics diag;
};

void scan(const fs::path& root, Scan& out, const Limits& limits = {}) {
  RuleFixture rules(kSecretRule);
  out.results = scan_paths({root}, rules.get(), {}, limits, 1, out.diag);
}

bool has_notice(const Diagnostics& diag, const std::string& code) {
  return diag.count_by_code().count(code) > 0;
}

}  // namespace

TEST_CASE("HostileMedia: Japanese names survive every format, C locale") {
  std::setlocale(LC_ALL, "C");  // what a cron job or a container runs with
  TempDir dir;
  run_python(dir, kNamesScript);
  int formats = 0;
  for (const auto& entry : fs::directory_iterator(dir / "a")) {
    const std::string file = entry.path().string();
    CAPTURE(file);
    ++formats;
    Scan s;
    scan(entry.path(), s);
    const ObjectHit* hit = find_hit(s.results, {file, kJapanese});
    CHECK(hit != nullptr);
    for (const ObjectHit& h : s.results.hits) {
      for (const std::string& part : h.location)
        CHECK_FALSE(part.empty());
    }
  }
  CHECK(formats == 12);
}

TEST_CASE("HostileMedia: a name that no charset decodes keeps its bytes") {
  TempDir dir;
  run_python(dir, R"PY(
import io, sys, zipfile
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("cafX.txt", b"x")
open(sys.argv[1] + "/latin1.zip", "wb").write(buf.getvalue().replace(b"cafX", b"caf\xe9"))
)PY");
  const std::string bytes = read_file(dir / "latin1.zip");
  unpack::ArchiveReader reader(std::as_bytes(std::span(bytes)), {});
  std::string error;
  REQUIRE(reader.next(error) == unpack::ArchiveReader::Next::kEntry);
  CHECK(reader.name() == "caf\xe9.txt");  // escaped by every output
  // With no legacy charset, CP932 names are kept as stored too.
  unpack::ReaderOptions no_legacy;
  no_legacy.legacy_charset.clear();
  unpack::ArchiveReader plain(std::as_bytes(std::span(bytes)), no_legacy);
  REQUIRE(plain.next(error) == unpack::ArchiveReader::Next::kEntry);
  CHECK(plain.name() == "caf\xe9.txt");
}

TEST_CASE("HostileMedia: members with data are examined whatever their mode") {
  TempDir dir;
  run_python(dir, R"PY(
import os, stat, subprocess, sys, zipfile
out = sys.argv[1]
os.makedirs(out + "/t")
data = b"PRJ-SECRET-0042\n" + b"filler " * 100
with zipfile.ZipFile(out + "/t/modes.zip", "w") as z:
    for label, kind in (("chr", stat.S_IFCHR), ("blk", stat.S_IFBLK),
                        ("dir", stat.S_IFDIR), ("sock", stat.S_IFSOCK),
                        ("fifo", stat.S_IFIFO), ("link", stat.S_IFLNK)):
        info = zipfile.ZipInfo(label + ".bin")
        info.create_system = 3
        info.external_attr = (kind | 0o644) << 16
        info.compress_type = zipfile.ZIP_STORED if kind == stat.S_IFLNK else zipfile.ZIP_DEFLATED
        z.writestr(info, data)
subprocess.run("7z a -bd -si'piped.txt' " + out + "/t/stdin.7z", shell=True,
               input=data, check=True, stdout=subprocess.DEVNULL)
)PY");
  Scan s;
  scan(dir / "t", s);
  const std::string zip = (dir / "t" / "modes.zip").string();
  // Examined, or (where libarchive will not hand the data out) noted.
  std::set<std::string> noted;
  for (const Notice& n : s.diag.sorted()) {
    if (n.code == "special_member")
      noted.insert(n.location.back());
  }
  for (const char* label : {"chr", "blk", "dir", "sock", "fifo", "link"}) {
    const std::string name = std::string(label) + ".bin";
    CAPTURE(name);
    const bool examined = find_hit(s.results, {zip, name}) != nullptr;
    CHECK(examined != (noted.count(name) + noted.count(name + "/") > 0));
  }
  CHECK(find_hit(s.results, {zip, "fifo.bin"}) != nullptr);
  CHECK(find_hit(s.results, {zip, "link.bin"}) != nullptr);
  CHECK(find_hit(s.results, {(dir / "t" / "stdin.7z").string(), "piped.txt"}) !=
        nullptr);
}

TEST_CASE("HostileMedia: a gzip over half the member limit is examined") {
  TempDir dir;
  // 5 MiB inflated, under a member limit of 8 MiB: the fast path's buffer
  // was counted twice (5 + 5 > 8) and the member skipped.
  std::string text;
  uint32_t x = 12345;
  while (text.size() < (5u << 20)) {  // words, compressing about 3x
    x = x * 1103515245u + 12345u;
    text += std::to_string(x >> 16) + (x % 7 == 0 ? "\n" : " ");
  }
  text.replace(1000, 15, "PRJ-SECRET-0042");
  write_file(dir / "t" / "big.txt", text);
  REQUIRE(std::system(
              ("gzip -q '" + (dir / "t" / "big.txt").string() + "'").c_str()) ==
          0);
  Limits limits;
  limits.max_member_size = 8u << 20;
  Scan s;
  scan(dir / "t", s, limits);
  CHECK_FALSE(has_notice(s.diag, "limit_member_size"));
  CHECK(find_hit(s.results, {(dir / "t" / "big.txt.gz").string(), "big.txt"}) !=
        nullptr);
}

TEST_CASE("HostileMedia: a nested bomb stops at the budget of the outer file") {
  TempDir dir;
  run_python(dir, R"PY(
import io, sys, zipfile
def zipped(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()
inner = zipped([("zeros.bin", bytes(1 << 20))])
outer = zipped([("in%03d.zip" % i, inner) for i in range(200)])
open(sys.argv[1] + "/bomb.zip", "wb").write(outer)
)PY");
  const uint64_t size = fs::file_size(dir / "bomb.zip");
  Scan s;
  scan(dir / "bomb.zip", s);
  // 200 MiB inside; each inner zip alone is within the ratio (1 MiB), and
  // so is the outer zip's own data (200 KiB), but not the file on disk.
  CHECK(has_notice(s.diag, "limit_expanded"));
  CHECK_FALSE(has_notice(s.diag, "limit_ratio"));
  CHECK(s.results.stats.archive_members < 100);
  CHECK(size < (64u << 10));
}

TEST_CASE(
    "HostileMedia: a nested bomb whose leaves each just pass the ratio is "
    "abandoned after three") {
  TempDir dir;
  run_python(dir, R"PY(
import io, sys, zipfile
def zipped(members, method):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()
leaf = zipped([("zeros.bin", bytes(16 << 20))], zipfile.ZIP_DEFLATED)
# Stored layers: the file as a whole expands about as much as each leaf
# (about 1000x), so neither the file's budget nor the leaves' ratio alone
# stops it before it has all been inflated.
mid = zipped([("m%d.zip" % i, leaf) for i in range(10)], zipfile.ZIP_STORED)
outer = zipped([("n%d.zip" % i, mid) for i in range(10)], zipfile.ZIP_STORED)
open(sys.argv[1] + "/nested.zip", "wb").write(outer)
# Two such leaves beside a secret are not a bomb: the secret is found.
two = zipped([("a.zip", leaf), ("b.zip", leaf),
              ("plan.txt", b"PRJ-SECRET-0042 plan")], zipfile.ZIP_STORED)
open(sys.argv[1] + "/two.zip", "wb").write(two)
)PY");
  Scan bomb;
  scan(dir / "nested.zip", bomb);
  const auto notices = bomb.diag.sorted();
  const auto taken =
      std::count_if(notices.begin(), notices.end(), [](const Notice& n) {
        return n.message.find("taken for a decompression bomb") !=
               std::string::npos;
      });
  CHECK(taken == 1);
  // Three leaves opened of a hundred, not all of them.
  CHECK(bomb.results.stats.archive_members < 10);

  Scan two;
  scan(dir / "two.zip", two);
  CHECK(has_notice(two.diag, "limit_ratio"));
  CHECK(find_hit(two.results, {(dir / "two.zip").string(), "plan.txt"}) !=
        nullptr);
}

TEST_CASE("HostileMedia: a tree thousands of levels deep is walked") {
  TempDir dir;
  int fd = ::open(dir.path().c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  constexpr int kLevels = 3000;  // paths far beyond PATH_MAX
  for (int i = 0; i < kLevels; ++i) {
    REQUIRE(::mkdirat(fd, "dd", 0755) == 0);
    if (i % 100 == 0) {
      const int file = ::openat(fd, "f.txt", O_WRONLY | O_CREAT, 0644);
      REQUIRE(file >= 0);
      ::close(file);
    }
    const int next = ::openat(fd, "dd", O_RDONLY | O_DIRECTORY);
    REQUIRE(next >= 0);
    ::close(fd);
    fd = next;
  }
  const int bottom = ::openat(fd, "bottom.txt", O_WRONLY | O_CREAT, 0644);
  REQUIRE(bottom >= 0);
  ::close(bottom);
  ::close(fd);
  Diagnostics diag;
  const std::vector<WalkedFile> files = walk_roots({dir.path()}, diag);
  CHECK(files.size() == kLevels / 100 + 1);
  CHECK(diag.size() == 0);
  // TempDir cannot remove what is deeper than PATH_MAX: rm can.
  REQUIRE(std::system(("rm -rf '" + (dir / "dd").string() + "'").c_str()) == 0);
}
