// Tests of lib/content/tree_walker.cc: links noted or followed on request,
// special files skipped with a notice, file and missing roots.
#include "content/tree_walker.h"

#include "content_fixtures.h"

#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {

std::vector<std::string> names(const std::vector<WalkedFile>& files,
                               const fs::path& base) {
  std::vector<std::string> out;
  for (const WalkedFile& f : files) {
    out.push_back(f.path.lexically_relative(base).string());
  }
  return out;
}

}  // namespace

TEST_CASE("TreeWalker: links are noted and never followed, even in a loop") {
  TempDir outside;
  write_file(outside / "secret.txt", kSecret);
  TempDir tree;
  write_file(tree / "a/file.txt", "a");
  fs::create_directory_symlink("..", tree / "a/loop");
  fs::create_symlink(outside / "secret.txt", tree / "a/leaves.txt");
  fs::create_directory_symlink(outside.path(), tree / "outside_dir");
  Diagnostics diag;
  std::vector<WalkedFile> files = walk_roots({tree.path()}, diag);

  CHECK(names(files, tree.path()) == std::vector<std::string>{"a/file.txt"});
  CHECK(files[0].size == 1);
  std::vector<Notice> notices = diag.sorted();
  REQUIRE(notices.size() == 3);
  for (const Notice& n : notices) {
    CHECK(n.code == "symlink");
    CHECK(n.level == Level::kWarning);
  }
  CHECK(notices[0].location == Location{(tree / "a/leaves.txt").string()});
  CHECK(notices[0].message.find("secret.txt") != std::string::npos);
}

TEST_CASE("TreeWalker: fifos, sockets and devices are skipped with a notice") {
  TempDir tree;
  write_file(tree / "plain", "x");
  REQUIRE(::mkfifo((tree / "pipe").c_str(), 0600) == 0);
  int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(sock >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::string sock_path = (tree / "sock").string();
  REQUIRE(sock_path.size() < sizeof addr.sun_path);
  std::memcpy(addr.sun_path, sock_path.c_str(), sock_path.size() + 1);
  REQUIRE(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  bool have_device =
      ::mknod((tree / "null").c_str(), S_IFCHR | 0600, makedev(1, 3)) == 0;
  if (!have_device)
    MESSAGE("mknod not permitted here: no device in the tree");

  Diagnostics diag;
  std::vector<WalkedFile> files = walk_roots({tree.path()}, diag);
  ::close(sock);

  CHECK(names(files, tree.path()) == std::vector<std::string>{"plain"});
  std::vector<Notice> notices = diag.sorted();
  REQUIRE(notices.size() == (have_device ? 3u : 2u));
  for (const Notice& n : notices)
    CHECK(n.code == "special_file");
  CHECK(notices.back().location == Location{sock_path});
  CHECK(notices.back().message.find("socket") != std::string::npos);
}

TEST_CASE("TreeWalker: a file root, a missing root and repeated roots") {
  TempDir tree;
  write_file(tree / "d/one.txt", "1");
  write_file(tree / "d/two.txt", "22");
  Diagnostics diag;
  std::vector<WalkedFile> files =
      walk_roots({tree / "d/two.txt", tree / "d", tree / "missing"}, diag);
  CHECK(names(files, tree.path()) ==
        std::vector<std::string>{"d/one.txt", "d/two.txt"});
  REQUIRE(diag.size() == 1);
  CHECK(diag.sorted()[0].code == "unreadable");
  CHECK(diag.has_errors());
}

TEST_CASE("TreeWalker: links are followed only when asked, loops still end") {
  TempDir outside;
  write_file(outside / "secret.txt", kSecret);
  TempDir tree;
  write_file(tree / "a/file.txt", "a");
  fs::create_directory_symlink("..", tree / "a/loop");
  fs::create_symlink(outside / "secret.txt", tree / "a/leaves.txt");
  fs::create_symlink(tree / "missing", tree / "dangling");
  Diagnostics diag;
  std::vector<WalkedFile> files = walk_roots({tree.path()}, diag, true);
  CHECK(names(files, tree.path()) ==
        std::vector<std::string>{"a/file.txt", "a/leaves.txt"});
  CHECK(files[1].follow_link);
  std::vector<Notice> notices = diag.sorted();
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].code == "loop");  // a/loop is the tree again
  CHECK(notices[1].code == "symlink");
  CHECK(notices[1].location == Location{(tree / "dangling").string()});
}
