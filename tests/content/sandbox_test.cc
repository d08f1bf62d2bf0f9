// The sandboxed workers (sandbox.h): a worker that crashes or runs past
// --file-timeout costs a notice naming its file and nothing else; a worker
// cannot write, create sockets or start processes; and for ordinary input
// the results are those of the in-process examination.
#include "content/sandbox.h"

#include "content_fixtures.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {

#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer turns a SIGSEGV into its report and exit status 1.
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

std::string errno_name(int result, int error) {
  if (result >= 0)
    return "allowed";
  const char* name = ::strerrorname_np(error);
  return name != nullptr ? name : std::to_string(error);
}

// A tree of ordinary content: a plain hit, nested archives, a corrupt one.
void ordinary_tree(const TempDir& tree) {
  const std::string secret = std::string("recipe ") + kSecret;
  write_file(tree / "a/notes.txt", secret);
  write_file(tree / "a/other.txt", "nothing");
  write_file(
      tree / "b/outer.zip",
      make_zip({{"x/readme.txt", "hello"},
                {"x/inner.tar.gz", make_archive(spec("gnutar", "gzip"),
                                                {{"s/secret.txt", secret}})}}));
  std::string broken = make_zip({{"m.txt", secret + std::string(4000, 'z')}});
  broken.resize(broken.size() / 2);
  write_file(tree / "c/broken.zip", broken);
}

Limits sandboxed_limits() {
  Limits limits;
  limits.sandbox = true;
  return limits;
}

}  // namespace

TEST_CASE(
    "Sandbox: a crashing worker is one notice; every other file is "
    "reported") {
  TempDir tree;
  ordinary_tree(tree);
  write_file(tree / "crash.bin", std::string("boom ") + kSecret);
  const std::string crash = (tree / "crash.bin").string();
  RuleFixture rules(kSecretRule);
  Limits limits;
  limits.sandbox = true;
  limits.test_hook = [crash](const fs::path& path, Diagnostics& diag) {
    if (path.string() != crash)
      return;
    // Said before the crash: must not reach the report (no half results).
    diag.warn_in("half_said", {crash}, "before the crash");
    std::raise(SIGSEGV);
  };
  Diagnostics diag;
  const Results results =
      scan_paths({tree.path()}, rules.get(), {}, limits, 2, diag);

  const std::optional<Notice> notice = find_notice(diag, "worker_crash");
  REQUIRE(notice);
  CHECK(notice->level == Level::kError);
  CHECK(notice->location == Location{crash});
  if (!kSanitized)
    CHECK(notice->message.find("crashed (signal 11, SIGSEGV)") !=
          std::string::npos);
  CHECK_FALSE(find_notice(diag, "half_said"));
  CHECK(find_notice(diag, "corrupt_archive"));
  CHECK(find_hit(results, {crash}) == nullptr);
  CHECK(find_hit(results, {(tree / "a/notes.txt").string()}) != nullptr);
  CHECK(find_hit(results, {(tree / "b/outer.zip").string(), "x/inner.tar.gz",
                           "s/secret.txt"}) != nullptr);
  CHECK(results.stats.files_scanned == 4);
}

TEST_CASE(
    "Sandbox: every file crashing still ends the run with a notice "
    "each") {
  TempDir tree;
  for (int i = 0; i < 5; ++i)
    write_file(tree / fmt::format("f{}.txt", i), "x");
  RuleFixture rules(kSecretRule);
  Limits limits;
  limits.sandbox = true;
  limits.test_hook = [](const fs::path&, Diagnostics&) { ::_exit(9); };
  Diagnostics diag;
  const Results results =
      scan_paths({tree.path()}, rules.get(), {}, limits, 2, diag);
  CHECK(codes(diag) == std::vector<std::string>(5, "worker_crash"));
  CHECK(diag.sorted().front().message.find("exited (status 9)") !=
        std::string::npos);
  CHECK(results.stats.files_scanned == 0);
}

TEST_CASE(
    "Sandbox: a file past --file-timeout is stopped and noted; the run "
    "goes on") {
  TempDir tree;
  write_file(tree / "a.txt", kSecret);
  write_file(tree / "slow.bin", "slow");
  write_file(tree / "z.txt", kSecret);
  const std::string slow = (tree / "slow.bin").string();
  RuleFixture rules(kSecretRule);
  Limits limits;
  limits.sandbox = true;
  limits.file_timeout_seconds = 1;
  limits.test_hook = [slow](const fs::path& path, Diagnostics&) {
    if (path.string() == slow)
      std::this_thread::sleep_for(std::chrono::seconds(60));
  };
  Diagnostics diag;
  const auto started = std::chrono::steady_clock::now();
  const Results results =
      scan_paths({tree.path()}, rules.get(), {}, limits, 1, diag);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));

  const std::optional<Notice> notice = find_notice(diag, "timeout");
  REQUIRE(notice);
  CHECK(notice->level == Level::kError);
  CHECK(notice->location == Location{slow});
  CHECK(notice->message.find("longer than 1 s") != std::string::npos);
  CHECK(diag.size() == 1);
  CHECK(results.hits.size() == 2);
  CHECK(results.stats.files_scanned == 2);
}

TEST_CASE(
    "Sandbox: a worker cannot write, remove, connect or start a "
    "process") {
  TempDir tree;
  write_file(tree / "evidence.txt", "x");
  write_file(tree / "keep.txt", "keep");
  const fs::path created = tree / "created";
  const fs::path keep = tree / "keep.txt";
  RuleFixture rules(kSecretRule);
  Limits limits;
  limits.sandbox = true;
  limits.test_hook = [&](const fs::path& path, Diagnostics& diag) {
    if (path.filename() != "evidence.txt")
      return;
    const int fd = ::open(created.c_str(), O_WRONLY | O_CREAT, 0600);
    const std::string open_result = errno_name(fd, errno);
    const int rw = ::open(keep.c_str(), O_RDWR);
    const std::string rw_result = errno_name(rw, errno);
    const int unlinked = ::unlink(keep.c_str());
    const std::string unlink_result = errno_name(unlinked, errno);
    const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
    const std::string socket_result = errno_name(sock, errno);
    const pid_t pid = ::fork();
    if (pid == 0)
      ::_exit(0);
    if (pid > 0)
      ::waitpid(pid, nullptr, 0);
    const std::string fork_result = errno_name(pid, errno);
    const int reader = ::open(keep.c_str(), O_RDONLY | O_CLOEXEC);
    const std::string read_result = errno_name(reader, errno);
    if (reader >= 0)
      ::close(reader);
    diag.warn_in("probe", {path.string()},
                 "create={} rdwr={} unlink={} socket={} fork={} read={}",
                 open_result, rw_result, unlink_result, socket_result,
                 fork_result, read_result);
  };
  Diagnostics diag;
  scan_paths({tree.path()}, rules.get(), {}, limits, 1, diag);
  const std::optional<Notice> probe = find_notice(diag, "probe");
  REQUIRE(probe);
  CHECK(probe->message ==
        "create=EPERM rdwr=EPERM unlink=EPERM socket=EPERM fork=EPERM "
        "read=allowed");
  CHECK_FALSE(fs::exists(created));
  CHECK(fs::exists(keep));
}

TEST_CASE("Sandbox: the results are those of the in-process examination") {
  TempDir tree;
  ordinary_tree(tree);
  RuleFixture rules(kSecretRule);
  Limits in_process;
  in_process.sandbox = false;
  Diagnostics diag_threads;
  const Results threads =
      scan_paths({tree.path()}, rules.get(), {}, in_process, 2, diag_threads);
  Diagnostics diag_sandbox;
  const Results sandboxed = scan_paths({tree.path()}, rules.get(), {},
                                       sandboxed_limits(), 2, diag_sandbox);

  REQUIRE(sandboxed.hits.size() == threads.hits.size());
  CHECK(threads.hits.size() == 2);
  for (size_t i = 0; i < threads.hits.size(); ++i) {
    const ObjectHit& a = threads.hits[i];
    const ObjectHit& b = sandboxed.hits[i];
    CHECK(a.location == b.location);
    CHECK(a.sha256 == b.sha256);
    CHECK(a.size == b.size);
    CHECK(a.container == b.container);
    CHECK(a.hash_assets == b.hash_assets);
    REQUIRE(a.rules.size() == b.rules.size());
    for (size_t r = 0; r < a.rules.size(); ++r) {
      CHECK(a.rules[r].rule == b.rules[r].rule);
      CHECK(a.rules[r].severity == b.rules[r].severity);
      CHECK(a.rules[r].description == b.rules[r].description);
    }
  }
  REQUIRE(sandboxed.archives.size() == threads.archives.size());
  for (size_t i = 0; i < threads.archives.size(); ++i) {
    CHECK(threads.archives[i].location == sandboxed.archives[i].location);
    CHECK(threads.archives[i].members == sandboxed.archives[i].members);
    CHECK(threads.archives[i].sha256 == sandboxed.archives[i].sha256);
  }
  CHECK(threads.stats.files_scanned == sandboxed.stats.files_scanned);
  CHECK(threads.stats.bytes_scanned == sandboxed.stats.bytes_scanned);
  CHECK(threads.stats.archive_members == sandboxed.stats.archive_members);
  const std::vector<Notice> a = diag_threads.sorted();
  const std::vector<Notice> b = diag_sandbox.sorted();
  REQUIRE(a.size() == b.size());
  CHECK_FALSE(a.empty());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].code == b[i].code);
    CHECK(a[i].level == b[i].level);
    CHECK(a[i].location == b[i].location);
    CHECK(a[i].message == b[i].message);
  }
}
