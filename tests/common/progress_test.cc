// Tests of lib/common/progress.h: the counters, the throttle and the line.
#include "common/progress.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace mamori;
using namespace std::chrono_literals;

TEST_CASE("Progress: counts files and bytes, then logs and events") {
  std::vector<Progress::Counts> shown;
  Progress progress([&](const Progress::Counts& c) { shown.push_back(c); },
                    0ms);
  progress.start_content(3, 300);
  progress.file_done(100);
  progress.file_done(50);
  progress.tick();
  REQUIRE(shown.size() == 2);
  CHECK(shown.back().phase == Progress::Phase::kContent);
  CHECK(shown.back().files_done == 2);
  CHECK(shown.back().bytes_done == 150);
  CHECK(progress_line(shown.back()).starts_with("files 2/3, 150 B of 300 B"));

  progress.start_logs(2);
  for (int i = 0; i < 2048; ++i)
    progress.event();  // ticks every 1024 events
  progress.log_done();
  progress.tick();
  CHECK(shown.back().phase == Progress::Phase::kLogs);
  CHECK(shown.back().events == 2048);
  CHECK(shown.back().logs_done == 1);
  CHECK(progress_line(shown.back()).starts_with("logs 1/2, 2048 events"));

  progress.finish();
  CHECK(shown.back().phase == Progress::Phase::kDone);
  CHECK(progress_line(shown.back()).empty());  // the line is cleared
}

TEST_CASE("Progress: displays at most once per interval") {
  int displays = 0;
  Progress progress([&](const Progress::Counts&) { ++displays; }, 1h);
  progress.start_content(10, 10);
  for (int i = 0; i < 100; ++i)
    progress.tick();
  CHECK(displays == 1);
  progress.finish();  // always shown
  CHECK(displays == 2);
}

TEST_CASE("progress_line: rate and time left from bytes, after a second") {
  Progress::Counts c;
  c.phase = Progress::Phase::kContent;
  c.files_done = 10;
  c.files_total = 40;
  c.bytes_done = 100 << 20;
  c.bytes_total = 400 << 20;
  c.phase_elapsed = 10s;  // 10 MiB/s, 300 MiB to go: 30 s
  const std::string line = progress_line(c);
  CHECK(line.find("/s") != std::string::npos);
  CHECK(line.ends_with("about 30 s left"));
  c.phase_elapsed = 500ms;  // too early to tell
  CHECK(progress_line(c).find("left") == std::string::npos);
}
