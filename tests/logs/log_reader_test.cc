// read_log: specs, decompression, detection, bounded lines and the merging
// of read counts.
#include "logs/log_reader.h"

#include "log_test_util.h"

#include "common/handle.h"

#include <archive.h>
#include <archive_entry.h>
#include <doctest/doctest.h>

#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

namespace {

using WriteArchive = CHandle<archive, archive_write_free>;

// Writes `content` through one libarchive filter (raw format), or as the
// single member `member` of a zip when `filter` is "zip".
std::string write_packed(const ScratchDir& dir, const std::string& name,
                         const std::string& filter, const std::string& content,
                         const std::string& member = "log.txt") {
  const std::string path = dir.path(name);
  WriteArchive a(archive_write_new());
  REQUIRE(a);
  if (filter == "zip") {
    REQUIRE(archive_write_set_format_zip(a.get()) == ARCHIVE_OK);
  } else {
    REQUIRE(archive_write_set_format_raw(a.get()) == ARCHIVE_OK);
    REQUIRE(archive_write_add_filter_by_name(a.get(), filter.c_str()) ==
            ARCHIVE_OK);
  }
  REQUIRE(archive_write_open_filename(a.get(), path.c_str()) == ARCHIVE_OK);
  CHandle<archive_entry, archive_entry_free> entry(archive_entry_new());
  archive_entry_set_pathname(entry.get(), member.c_str());
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0644);
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(content.size()));
  REQUIRE(archive_write_header(a.get(), entry.get()) == ARCHIVE_OK);
  REQUIRE(archive_write_data(a.get(), content.data(), content.size()) ==
          static_cast<la_ssize_t>(content.size()));
  REQUIRE(archive_write_close(a.get()) == ARCHIVE_OK);
  return path;
}

}  // namespace

TEST_CASE(
    "read_log: compressed logs are read transparently, by magic bytes not "
    "names") {
  ScratchDir dir;
  for (const std::string filter : {"gzip", "bzip2", "xz", "zstd"}) {
    CAPTURE(filter);
    // A misleading name: the content decides.
    const std::string path =
        write_packed(dir, "syslog.1." + filter + ".txt", filter, kSambaLog);
    auto r = read_spec(path);
    CHECK(r.ok);
    REQUIRE(r.events.size() == 3);
    CHECK(r.events[0].path == "/srv/rd/a.dwg");
    CHECK(time_of(r.events[2]) == "2026-10-05T01:15:34Z");
    CHECK(r.events[2].source() == path + ":3");
  }
}

TEST_CASE("read_log: a zip of logs is read member by member") {
  ScratchDir dir;
  const std::string path =
      write_packed(dir, "logs.zip", "zip", kSambaLog, "inner/audit.log");
  auto r = read_spec(path);
  CHECK(r.ok);
  REQUIRE(r.events.size() == 3);
  CHECK(r.events[1].source() == path + "/inner/audit.log:2");
}

TEST_CASE("read_log: a zip with logs of two formats reads each in its own") {
  ScratchDir dir;
  const std::string path = dir.path("two.zip");
  {
    WriteArchive a(archive_write_new());
    REQUIRE(archive_write_set_format_zip(a.get()) == ARCHIVE_OK);
    REQUIRE(archive_write_open_filename(a.get(), path.c_str()) == ARCHIVE_OK);
    const std::pair<std::string, std::string> members[] = {
        {"smb/audit.log", kSambaLog},
        {"notes.txt", "just some notes\n"},
        {"audit/audit.log",
         "type=SYSCALL msg=audit(1691747463.379:5): arch=c000003e syscall=263 "
         "success=yes exit=0 a0=ffffff9c a1=1 a2=0 items=2 auid=1000 uid=0 "
         "exe=\"/usr/bin/rm\"\n"
         "type=PATH msg=audit(1691747463.379:5): item=1 name=\"/srv/rd/x.dwg\" "
         "nametype=DELETE\n"}};
    for (const auto& [name, content] : members) {
      CHandle<archive_entry, archive_entry_free> entry(archive_entry_new());
      archive_entry_set_pathname(entry.get(), name.c_str());
      archive_entry_set_filetype(entry.get(), AE_IFREG);
      archive_entry_set_perm(entry.get(), 0644);
      archive_entry_set_size(entry.get(),
                             static_cast<la_int64_t>(content.size()));
      REQUIRE(archive_write_header(a.get(), entry.get()) == ARCHIVE_OK);
      REQUIRE(archive_write_data(a.get(), content.data(), content.size()) ==
              static_cast<la_ssize_t>(content.size()));
    }
    REQUIRE(archive_write_close(a.get()) == ARCHIVE_OK);
  }
  auto r = read_spec(path);
  CHECK_FALSE(r.ok);  // notes.txt is in no known format
  REQUIRE(r.events.size() == 4);
  CHECK(r.stats.events_by_format.at("samba") == 3);
  CHECK(r.stats.events_by_format.at("auditd") == 1);
  CHECK(r.events[3].source() == path + "/audit/audit.log:1");
  REQUIRE(r.notices.size() == 1);
  CHECK(r.notices[0].code == "unknown_format");
  CHECK(r.notices[0].source == path + "/notes.txt");
}

TEST_CASE(
    "read_log: a big compressed log is read whole through the prefetch "
    "thread") {
  ScratchDir dir;
  std::string log;
  for (int i = 0; i < 60000; ++i) {
    log +=
        "2026-10-05T10:15:32+09:00 fs smbd_audit[1]: u|ip|unlinkat|ok|/srv/f" +
        std::to_string(i) + "\n";
  }
  log +=
      std::string(3 << 20, 'z') + "\n";  // a line over the limit, across blocks
  log += kSambaLog;
  const std::string path = write_packed(dir, "big.zst", "zstd", log);
  auto r = read_spec(path);
  CHECK(r.ok);
  CHECK(r.events.size() == 60003);
  CHECK(r.stats.lines_rejected == 1);
  REQUIRE(r.notices.size() == 1);
  CHECK(r.notices[0].source == path + ":60001");
}

TEST_CASE("read_log: a file in no known format is an unknown_format error") {
  auto r = read_text("hello world\nthis is just text\n");
  CHECK_FALSE(r.ok);
  CHECK(r.events.empty());
  REQUIRE(r.notices.size() == 1);
  CHECK(r.notices[0].code == "unknown_format");
  CHECK(r.notices[0].level == Level::kError);
}

TEST_CASE(
    "read_log: a missing file is an unreadable error and C:/x stays a path") {
  auto r = read_spec("C:/no/such/file.log");
  CHECK_FALSE(r.ok);
  REQUIRE(r.notices.size() == 1);
  CHECK(r.notices[0].code == "unreadable");
  CHECK(r.notices[0].source == "C:/no/such/file.log");

  r = read_spec("samba:/no/such/file.log");
  REQUIRE(r.notices.size() == 1);
  CHECK(r.notices[0].source == "/no/such/file.log");
}

TEST_CASE("read_log: an empty log is read and has no events") {
  auto r = read_text("");
  CHECK(r.ok);
  CHECK(r.events.empty());
  CHECK(r.notices.empty());
}

TEST_CASE("read_log: FORMAT: forces the parser") {
  // Detection would find nothing in the first line; the forced format
  // still reads the rest.
  auto r = read_text("junk\n" + kSambaLog, {}, "samba");
  CHECK(r.ok);
  CHECK(r.events.size() == 3);
  CHECK(r.stats.lines_rejected == 1);
}

TEST_CASE(
    "read_log: a line over the limit is rejected and the next lines are read") {
  const std::string big(size_t{1} << 20 | 12345, 'x');
  std::string log = kSambaLog.substr(0, kSambaLog.find('\n') + 1);
  log += big + "\n";
  log += kSambaLog.substr(kSambaLog.find('\n') + 1);
  log += big;  // and one at the very end, without a newline
  ScratchDir dir;
  const std::string path = dir.write("big.log", log);
  auto r = read_spec(path);
  CHECK(r.ok);
  REQUIRE(r.events.size() == 3);
  CHECK(r.events[1].line == 3);
  CHECK(r.stats.lines_rejected == 2);
  REQUIRE(r.notices.size() == 2);
  CHECK(r.notices[0].source == path + ":2");
  CHECK(r.notices[1].source == path + ":5");
}

TEST_CASE("read_log: a small line limit applies to lines split across blocks") {
  ReadOptions options;
  options.max_line_bytes = 100;
  std::string second = kSambaLog;
  for (size_t at = second.find("/rd/"); at != std::string::npos;
       at = second.find("/rd/", at + 1)) {
    second[at + 1] = 'R';  // other paths: not the same open span
  }
  auto r =
      read_text(kSambaLog + std::string(150, 'y') + "\n" + second, options);
  CHECK(r.events.size() == 6);
  CHECK(r.stats.lines_rejected == 1);
}

TEST_CASE(
    "read_log: only the first five rejections are reported, then a count") {
  std::string log = kSambaLog;
  for (int i = 0; i < 12; ++i)
    log += "garbage line\n";
  auto r = read_text(log, {}, "samba");
  CHECK(r.stats.lines_rejected == 12);
  CHECK(r.notices.size() == 6);
  bool summary = false;
  for (const auto& n : r.notices) {
    if (n.message.find("7 more lines") != std::string::npos)
      summary = true;
  }
  CHECK(summary);
}

TEST_CASE("read_log: - reads standard input") {
  ScratchDir dir;
  const std::string path = dir.write("in.log", kSambaLog);
  const int saved = ::dup(0);
  const int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  ::dup2(fd, 0);
  ::close(fd);
  auto r = read_spec("-");
  ::dup2(saved, 0);
  ::close(saved);
  CHECK(r.ok);
  REQUIRE(r.events.size() == 3);
  CHECK(r.events[0].source() == "<stdin>:1");
}

TEST_CASE("ReadStats: merge adds counts per format") {
  ReadStats a, b;
  a.events = 2;
  a.events_by_format["samba"] = 2;
  b.events = 3;
  b.lines_rejected = 1;
  b.events_by_format["samba"] = 1;
  b.events_by_format["auditd"] = 2;
  a.merge(b);
  CHECK(a.events == 5);
  CHECK(a.lines_rejected == 1);
  CHECK(a.events_by_format["samba"] == 3);
  CHECK(a.events_by_format["auditd"] == 2);
}
namespace {

// Sets `path`'s access time to 2020-01-01, long before its modification
// time, so that any plain read updates it (even under relatime).
void age_access_time(const std::string& path) {
  const timespec times[2] = {{1577836800, 0}, {0, UTIME_OMIT}};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

time_t access_time(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_atim.tv_sec;
}

}  // namespace

TEST_CASE("read_log: reading a log leaves its access time alone") {
  ScratchDir dir;
  struct statvfs fs {};
  REQUIRE(::statvfs(dir.path("").c_str(), &fs) == 0);
  if ((fs.f_flag & (ST_RDONLY | ST_NOATIME)) != 0)
    return;  // nothing could change it here
  std::ifstream in(MAMORI_TEST_DATA
                   "/logs/mdec_ID5145_user_file_credentials_browser_dump_"
                   "via_network_share.evtx",
                   std::ios::binary);
  const std::string evtx((std::istreambuf_iterator<char>(in)),
                         std::istreambuf_iterator<char>());
  const std::string logs[] = {
      dir.write("smbd.log", kSambaLog),
      write_packed(dir, "smbd.log.gz", "gzip", kSambaLog),
      dir.write("security.evtx", evtx)};
  for (const std::string& log : logs) {
    CAPTURE(log);
    age_access_time(log);
    // Owned by the reader here, so O_NOATIME is allowed.
    REQUIRE(access_time(log) == 1577836800);
    CHECK(read_spec(log).ok);
    CHECK(access_time(log) == 1577836800);
  }
}
