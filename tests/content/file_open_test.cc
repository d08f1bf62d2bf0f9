// file_open: descriptors owned once, and paths longer than PATH_MAX opened
// one component at a time.
#include "content/file_open.h"

#include "content_fixtures.h"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <unistd.h>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {
bool is_open(int fd) {
  return ::fcntl(fd, F_GETFD) != -1;
}
std::string read_fd(int fd) {
  char buf[64];
  ssize_t n = ::read(fd, buf, sizeof buf);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
}
}  // namespace

TEST_CASE("UniqueFd: the descriptor is closed once, by its last owner") {
  TempDir dir;
  write_file(dir / "f", "x");
  int raw = ::open((dir / "f").c_str(), O_RDONLY);
  REQUIRE(raw >= 0);
  {
    UniqueFd first(raw);
    UniqueFd second(std::move(first));
    CHECK(first.get() == -1);
    CHECK(second.get() == raw);
    CHECK(is_open(raw));
  }
  CHECK_FALSE(is_open(raw));
}

TEST_CASE("open_long: a path over PATH_MAX is opened component by component") {
  TempDir dir;
  write_file(dir / "deep.txt", "deep");
  std::string path = dir.path().string();
  while (path.size() <= PATH_MAX)
    path += "/.";
  path += "/deep.txt";
  errno = 0;
  int plain = ::open(path.c_str(), O_RDONLY);
  REQUIRE(plain == -1);
  REQUIRE(errno == ENAMETOOLONG);
  UniqueFd fd(open_long(path, O_RDONLY | O_CLOEXEC));
  REQUIRE(fd.get() >= 0);
  CHECK(read_fd(fd.get()) == "deep");
  UniqueFd evidence(open_evidence(path, 0));
  REQUIRE(evidence.get() >= 0);
  CHECK(read_fd(evidence.get()) == "deep");
}

TEST_CASE("open_long: failures come back as -1 and errno, like open(2)") {
  TempDir dir;
  std::string path = dir.path().string();
  while (path.size() <= PATH_MAX)
    path += "/.";
  errno = 0;
  CHECK(open_long(path + "/missing", O_RDONLY) == -1);
  CHECK(errno == ENOENT);
  errno = 0;
  CHECK(open_evidence((dir / "missing").string(), 0) == -1);
  CHECK(errno == ENOENT);
}
