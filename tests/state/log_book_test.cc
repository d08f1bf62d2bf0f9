// Resuming logs between runs (state/log_book.h with the reader's
// ResumeBook hook, logs/log_resume.h): a log that grew is read from where
// the last run stopped, an unchanged one not at all, a rotated one under its
// new name (plain or gzipped), a CSV log with its header's meaning, and a
// last line still being written is left for the next run.
#include "state/log_book.h"

#include "../content/content_fixtures.h"
#include "../test_util.h"

#include "common/diagnostics.h"
#include "common/encoding.h"
#include "logs/log_reader.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace mamori;
using namespace mamori::state;
namespace fs = std::filesystem;

namespace {

std::string samba_line(int n, const std::string& user = "tanaka") {
  return "Mar 26 16:10:" + std::to_string(10 + n) +
         " fs1 smbd_audit[1]: " + user + "|10.0.0.1|openat|ok|r|/srv/rd/file" +
         std::to_string(n) + ".dwg\n";
}

void append(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::app) << text;
}

// One nightly run over `specs`, on the positions the last run left.
struct Night {
  std::vector<logs::Event> events;
  LogBookCounts counts;
  std::vector<LogPosition> positions;
};

Night run(const std::vector<std::string>& specs,
          const std::vector<LogPosition>& known,
          logs::ReadOptions options = {}) {
  LogBook book(known);
  options.zone = *Zone::find("Asia/Tokyo");
  options.resume = &book;
  Diagnostics diag;
  logs::ReadStats stats;
  Night night;
  for (const auto& series : logs::rotation_series(specs)) {
    logs::read_log_series(series, options, diag, stats, [&](logs::Event&& e) {
      night.events.push_back(std::move(e));
    });
  }
  night.counts = book.counts();
  night.positions = book.take_positions();
  return night;
}

std::vector<std::string> paths_of(const Night& night) {
  std::vector<std::string> out;
  for (const logs::Event& e : night.events)
    out.push_back(e.path);
  return out;
}

}  // namespace

TEST_CASE(
    "LogBook: a log that grew is read from where it stopped, with its line "
    "numbers; an unchanged log is not read") {
  test::TempDir dir;
  const fs::path log =
      dir.write("smbd.log", samba_line(1) + samba_line(2) + samba_line(3));
  const Night first = run({log.string()}, {});
  CHECK(first.events.size() == 3);
  CHECK(first.counts.fresh == 1);
  REQUIRE(first.positions.size() == 1);
  CHECK(first.positions[0].offset == fs::file_size(log));
  CHECK(first.positions[0].line == 3);
  CHECK(first.positions[0].format == "samba");

  append(log, samba_line(4) + samba_line(5));
  const Night second = run({log.string()}, first.positions);
  CHECK(paths_of(second) ==
        std::vector<std::string>{"/srv/rd/file4.dwg", "/srv/rd/file5.dwg"});
  REQUIRE(second.events.size() == 2);
  CHECK(second.events[0].line == 4);
  CHECK(second.counts.resumed == 1);

  const Night third = run({log.string()}, second.positions);
  CHECK(third.events.empty());
  CHECK(third.counts.unchanged == 1);
  // The unchanged log keeps its record for the night after.
  REQUIRE(third.positions.size() == 1);
  CHECK(third.positions[0].offset == fs::file_size(log));
}

TEST_CASE(
    "LogBook: a log rewritten to the same size is read again from its "
    "start; one untouched is not opened") {
  test::TempDir dir;
  const fs::path log =
      dir.write("smbd.log", samba_line(1, "tanaka") + samba_line(2, "tanaka"));
  const Night first = run({log.string()}, {});
  CHECK(first.events.size() == 2);

  // Untouched (same device, inode, size and time): not even opened, so
  // an unreadable file is no error and keeps its position.
  fs::permissions(log, fs::perms::none);
  const Night untouched = run({log.string()}, first.positions);
  fs::permissions(log, fs::perms::owner_read | fs::perms::owner_write);
  CHECK(untouched.events.empty());
  CHECK(untouched.counts.unchanged == 1);
  CHECK(untouched.positions == first.positions);

  // Same size, other lines, a later time: a new log.
  const auto time = fs::last_write_time(log);
  std::ofstream(log, std::ios::binary | std::ios::trunc)
      << samba_line(1, "suzuki") + samba_line(2, "suzuki");
  fs::last_write_time(log, time + std::chrono::seconds(1));
  REQUIRE(fs::file_size(log) == first.positions[0].offset);
  const Night second = run({log.string()}, first.positions);
  REQUIRE(second.events.size() == 2);
  CHECK(second.events[0].user == "suzuki");
  CHECK(second.counts.fresh == 1);
}

TEST_CASE("LogBook: a last line with no newline yet is read once, whole") {
  test::TempDir dir;
  const std::string third = samba_line(3);
  const fs::path log = dir.write(
      "smbd.log", samba_line(1) + samba_line(2) + third.substr(0, 40));
  const Night first = run({log.string()}, {});
  CHECK(first.events.size() == 2);
  REQUIRE(first.positions.size() == 1);
  CHECK(first.positions[0].line == 2);

  append(log, third.substr(40));
  const Night second = run({log.string()}, first.positions);
  CHECK(paths_of(second) == std::vector<std::string>{"/srv/rd/file3.dwg"});
}

TEST_CASE("LogBook: a UTF-16 log grows, and its last line waits for its end") {
  auto utf16 = [](const std::string& text) {
    return *convert_encoding(text, "UTF-8", "UTF-16LE");
  };
  test::TempDir dir;
  // Japanese names make the UTF-8 longer than the file: offsets are the
  // decoded content's, never compared with the size on disk.
  auto line = [&](int n) { return samba_line(n, "田中花子ほか"); };
  const std::string third = utf16(line(3));
  const fs::path log = dir.write(
      "smbd.log", "\xFF\xFE" + utf16(line(1) + line(2)) + third.substr(0, 40));
  const Night first = run({log.string()}, {});
  CHECK(first.events.size() == 2);
  REQUIRE(first.positions.size() == 1);
  CHECK(first.positions[0].line == 2);

  append(log, third.substr(40) + utf16(line(4)));
  const Night second = run({log.string()}, first.positions);
  CHECK(paths_of(second) ==
        std::vector<std::string>{"/srv/rd/file3.dwg", "/srv/rd/file4.dwg"});
  CHECK(second.counts.resumed == 1);
  const Night third_night = run({log.string()}, second.positions);
  CHECK(third_night.events.empty());
  CHECK(third_night.counts.unchanged == 1);
}

TEST_CASE(
    "LogBook: a rotated log continues under its new name, plain and then "
    "gzipped, and the new live log is read from its start") {
  test::TempDir dir;
  const fs::path live = dir.path() / "smbd.log";
  append(live, samba_line(1) + samba_line(2));
  const Night first = run({live.string()}, {});
  CHECK(first.events.size() == 2);

  // The writer adds a line, then the log is rotated and a new one begun.
  append(live, samba_line(3));
  const fs::path rotated = dir.path() / "smbd.log.1";
  fs::rename(live, rotated);
  append(live, samba_line(4) + samba_line(5));
  const Night second = run({live.string(), rotated.string()}, first.positions);
  CHECK(paths_of(second) == std::vector<std::string>{"/srv/rd/file3.dwg",
                                                     "/srv/rd/file4.dwg",
                                                     "/srv/rd/file5.dwg"});

  // The next rotation compresses it: nothing in it is new.
  std::string content;
  {
    std::ifstream in(rotated, std::ios::binary);
    content.assign(std::istreambuf_iterator<char>(in), {});
  }
  fs::remove(rotated);
  const fs::path gz = dir.write(
      "smbd.log.2.gz",
      content::testing::make_archive(content::testing::spec("raw", "gzip"),
                                     {{"smbd.log.1", content}}));
  append(live, samba_line(6));
  const Night third = run({gz.string(), live.string()}, second.positions);
  CHECK(paths_of(third) == std::vector<std::string>{"/srv/rd/file6.dwg"});
  CHECK(third.counts.resumed == 2);

  // And the night after, the gzipped log is not even inflated.
  const Night fourth = run({gz.string(), live.string()}, third.positions);
  CHECK(fourth.events.empty());
  CHECK(fourth.counts.unchanged == 2);
}

TEST_CASE(
    "LogBook: a CSV log resumed after its header still reads its columns") {
  test::TempDir dir;
  logs::ReadOptions options;
  options.columns.time = "When";
  options.columns.user = "Who";
  options.columns.path = "File";
  const fs::path log = dir.write("export.csv",
                                 "When,Who,File\n"
                                 "2026-03-02 09:00:00,sato,/srv/rd/a.txt\n");
  const Night first = run({"csv:" + log.string()}, {}, options);
  CHECK(first.events.size() == 1);
  REQUIRE(first.positions.size() == 1);
  CHECK(first.positions[0].context_lines == 1);

  append(log, "2026-03-03 09:00:00,kim,/srv/rd/b.txt\n");
  const Night second = run({"csv:" + log.string()}, first.positions, options);
  REQUIRE(second.events.size() == 1);
  CHECK(second.events[0].user == "kim");
  CHECK(second.events[0].path == "/srv/rd/b.txt");
  CHECK(second.events[0].line == 3);
}

TEST_CASE(
    "LogBook: a log replaced by another, or truncated, is read from its "
    "start") {
  test::TempDir dir;
  const fs::path log =
      dir.write("smbd.log", samba_line(1) + samba_line(2) + samba_line(3));
  const Night first = run({log.string()}, {});

  // Replaced: other content under the same name.
  fs::remove(log);
  append(log, samba_line(7, "kim"));
  const Night replaced = run({log.string()}, first.positions);
  CHECK(paths_of(replaced) == std::vector<std::string>{"/srv/rd/file7.dwg"});
  CHECK(replaced.counts.fresh == 1);

  // Truncated: the same first line, shorter than where it stopped.
  const Night grown = run({log.string()}, replaced.positions);
  CHECK(grown.events.empty());
  std::filesystem::resize_file(log, 0);
  append(log, samba_line(7, "kim").substr(0, 20));
  append(log, "\n");
  const Night truncated = run({log.string()}, replaced.positions);
  CHECK(truncated.counts.fresh == 1);
}
