// Opening evidence without touching access times, and saying so when that
// cannot be done.
#include "content/file_open.h"

#include "test_util.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mamori;
using namespace mamori::content;

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
