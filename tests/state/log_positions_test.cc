// Tests of lib/state/log_positions.cc: a log resumes where it stopped under
// its own name and after rotation; truncation, replacement and a new log
// are read from the start; records survive a round trip through the state.
#include "state/log_positions.h"

#include "state/state_store.h"
#include "test_util.h"

#include "common/sha256.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mamori;
using namespace mamori::state;

namespace {

// A file's content as find_resume sees it.
HeadHash head_of(const std::string& content) {
  return [content](uint64_t n) -> std::optional<std::string> {
    if (n > content.size())
      return std::nullopt;
    return sha256_hex(std::string_view(content).substr(0, n));
  };
}

LogPosition stopped_at(const std::string& path, const std::string& content,
                       uint64_t line, uint64_t inode = 7) {
  LogPosition p;
  p.path = path;
  p.device = 1;
  p.inode = inode;
  p.head_size = std::min<uint64_t>(kFingerprintBytes, content.size());
  p.head_sha256 = sha256_hex(std::string_view(content).substr(0, p.head_size));
  p.offset = content.size();
  p.line = line;
  return p;
}

LogFile file(const std::string& path, const std::string& content,
             uint64_t inode = 7) {
  return LogFile{path, 1, inode, content.size()};
}

}  // namespace

TEST_CASE("find_resume: the same log that grew resumes at its offset") {
  const std::string night1 = "a 1\na 2\n";
  const std::string night2 = night1 + "a 3\n";
  const Resume r =
      find_resume(file("audit.log", night2),
                  {stopped_at("audit.log", night1, 2)}, head_of(night2));
  CHECK(r.kind == ResumeKind::kSame);
  CHECK(r.offset == night1.size());
  CHECK(r.line == 2);
}

TEST_CASE("find_resume: a long log is recognised by its first 4 KiB") {
  const std::string night1(10000, 'x');
  const std::string night2 = night1 + "more\n";
  const LogPosition p = stopped_at("audit.log", night1, 1);
  CHECK(p.head_size == kFingerprintBytes);
  const Resume r = find_resume(file("audit.log", night2), {p}, head_of(night2));
  CHECK(r.kind == ResumeKind::kSame);
  CHECK(r.offset == 10000);
}

TEST_CASE("find_resume: a rotated log continues, the new one starts afresh") {
  const std::string old_log = "b 1\nb 2\n";
  const std::string rotated = old_log + "b 3\n";  // written before rotation
  const std::string fresh = "c 1\n";
  const std::vector<LogPosition> known = {stopped_at("audit.log", old_log, 2)};
  const Resume r1 =
      find_resume(file("audit.log.1", rotated, 7), known, head_of(rotated));
  CHECK(r1.kind == ResumeKind::kRotated);
  CHECK(r1.continues == "audit.log");
  CHECK(r1.offset == old_log.size());
  CHECK(r1.line == 2);
  const Resume r0 =
      find_resume(file("audit.log", fresh, 8), known, head_of(fresh));
  CHECK(r0.kind == ResumeKind::kReplaced);
  CHECK(r0.offset == 0);
  CHECK(r0.line == 0);
}

TEST_CASE("find_resume: a compressed rotation of unknown size continues") {
  const std::string content = "d 1\nd 2\n";
  LogFile gz{"audit.log.2.gz", 1, 9, std::nullopt};
  const Resume r = find_resume(gz, {stopped_at("audit.log.1", content, 2)},
                               head_of(content));
  CHECK(r.kind == ResumeKind::kRotated);
  CHECK(r.offset == content.size());
}

TEST_CASE("find_resume: a truncated log is read from the start") {
  const std::string night1 = "e 1\ne 2\ne 3\n";
  const std::string night2 = "e 1\n";  // same first bytes, shorter
  LogPosition p = stopped_at("audit.log", night1, 3);
  p.head_size = 4;
  p.head_sha256 = sha256_hex("e 1\n");
  const Resume r = find_resume(file("audit.log", night2), {p}, head_of(night2));
  CHECK(r.kind == ResumeKind::kTruncated);
  CHECK(r.offset == 0);
}

TEST_CASE("find_resume: a replaced log and an unknown one start at zero") {
  const std::string night1 = "f 1\nf 2\n";
  const std::string other = "g 1\ng 2\ng 3\n";
  const std::vector<LogPosition> known = {stopped_at("audit.log", night1, 2)};
  CHECK(find_resume(file("audit.log", other), known, head_of(other)).kind ==
        ResumeKind::kReplaced);
  CHECK(find_resume(file("syslog", other), known, head_of(other)).kind ==
        ResumeKind::kNew);
}

TEST_CASE("log positions: saved in the run, read back by the next") {
  test::TempDir dir;
  const std::string path = (dir.path() / "state.db").string();
  const std::string content = "h 1\n";
  LogPosition p = stopped_at("/var/log/audit/audit.log", content, 1);
  p.device = 0xfd00;
  p.inode = uint64_t{1} << 63;  // stored by bit pattern
  {
    StateStore store(path, {});
    save_log_position(store.database(), p, "2026-03-01T02:00:00Z");
    store.commit();
  }
  StateStore store(path, {});
  const std::vector<LogPosition> back = load_log_positions(store.database());
  REQUIRE(back.size() == 1);
  CHECK(back[0].path == p.path);
  CHECK(back[0].device == p.device);
  CHECK(back[0].inode == p.inode);
  CHECK(back[0].head_sha256 == p.head_sha256);
  CHECK(back[0].offset == p.offset);
  CHECK(back[0].line == 1);
}

TEST_CASE("read_head: hashes the first bytes, or the whole shorter file") {
  test::TempDir dir;
  const auto path = dir.write("log", "short\n").string();
  const auto head = read_head(path, kFingerprintBytes);
  REQUIRE(head);
  CHECK(head->size == 6);
  CHECK(head->sha256 == sha256_hex("short\n"));
  CHECK_FALSE(read_head((dir.path() / "missing").string(), 10));
}
