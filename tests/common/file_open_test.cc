// file_open: descriptors owned once, paths longer than PATH_MAX opened one
// component at a time, and evidence opened without touching access times
// (or saying so when that cannot be done).
#include "common/file_open.h"

#include "test_util.h"

#include "content/content_fixtures.h"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mamori;
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

namespace {

// Whether reading `path` can update its access time at all.
bool atime_can_change(const char* path) {
  struct statvfs fs {};
  return ::statvfs(path, &fs) == 0 &&
         (fs.f_flag & (ST_RDONLY | ST_NOATIME)) == 0;
}

// Opens `path` as another user than its owner (as nobody when run as root,
// in a child) and returns what take_atime_changed() says afterwards,
// twice: "first|second".
std::string open_as_stranger(const char* path) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
      ::_exit(2);
    take_atime_changed();
    UniqueFd fd(open_evidence(path, 0));
    if (fd.get() < 0)
      ::_exit(3);
    const std::string first = take_atime_changed();
    const std::string out = first + "|" + take_atime_changed();
    const ssize_t n = ::write(pipe_fds[1], out.data(), out.size());
    ::_exit(n == static_cast<ssize_t>(out.size()) ? 0 : 4);
  }
  ::close(pipe_fds[1]);
  std::string out;
  char buffer[256];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;)
    out.append(buffer, static_cast<size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return out;
}

}  // namespace

TEST_CASE("open_evidence: own files keep their access time, nothing to say") {
  test::TempDir dir;
  const auto file = dir.write("a.txt", "x");
  take_atime_changed();
  UniqueFd fd(open_evidence(file.string(), 0));
  REQUIRE(fd.get() >= 0);
  CHECK(take_atime_changed() == "");
}

TEST_CASE(
    "open_evidence: a file of another owner is read, and named once when "
    "its access time may change") {
  // /etc/passwd is root's and readable by all; nobody cannot O_NOATIME it.
  const char* path = "/etc/passwd";
  if (::geteuid() != 0 && ::access(path, R_OK) != 0)
    return;
  const std::string seen = open_as_stranger(path);
  if (atime_can_change(path)) {
    CHECK(seen == "/etc/passwd|");
  } else {
    CHECK(seen == "|");  // mounted ro or noatime: nothing changes
  }
}
