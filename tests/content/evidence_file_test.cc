// EvidenceFile: small files are read into the reused buffer, large ones
// mapped; links are opened only when the user named them; a file that
// stopped being a regular one is an error with a reason.
#include "content/evidence_file.h"

#include "content_fixtures.h"

#include <sys/stat.h>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {
std::string text(const EvidenceFile& f) {
  return {reinterpret_cast<const char*>(f.bytes().data()), f.bytes().size()};
}
}  // namespace

TEST_CASE("EvidenceFile: small files are read, large ones mapped") {
  TempDir dir;
  write_file(dir / "small", "tiny");
  write_file(dir / "large", std::string(10000, 'L'));
  ReadBuffer buffer;
  std::string error;
  {
    EvidenceFile small;
    REQUIRE(small.open(dir / "small", false, 100, buffer, error));
    CHECK(text(small) == "tiny");
    CHECK(small.bytes().data() == buffer.data());
  }
  EvidenceFile large;
  REQUIRE(large.open(dir / "large", false, 100, buffer, error));
  CHECK(large.bytes().size() == 10000);
  CHECK(large.bytes().data() != buffer.data());  // mapped, not copied
  CHECK(text(large) == std::string(10000, 'L'));
}

TEST_CASE("EvidenceFile: a symbolic link is opened only when followed") {
  TempDir dir;
  write_file(dir / "target", "data");
  fs::create_symlink(dir / "target", dir / "link");
  ReadBuffer buffer;
  std::string error;
  EvidenceFile refused;
  CHECK_FALSE(refused.open(dir / "link", false, 100, buffer, error));
  CHECK(error == "became a symbolic link after the walk");
  EvidenceFile followed;
  REQUIRE(followed.open(dir / "link", true, 100, buffer, error));
  CHECK(text(followed) == "data");
}

TEST_CASE("EvidenceFile: what is not a readable regular file is an error") {
  TempDir dir;
  ReadBuffer buffer;
  std::string error;
  EvidenceFile missing;
  CHECK_FALSE(missing.open(dir / "none", false, 100, buffer, error));
  CHECK(error == "No such file or directory");
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  EvidenceFile fifo;  // must not block waiting for a writer
  CHECK_FALSE(fifo.open(dir / "fifo", false, 100, buffer, error));
  CHECK(error == "no longer a regular file");
}
