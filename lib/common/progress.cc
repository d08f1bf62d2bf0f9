// Progress counters and their throttled display (progress.h).
#include "common/progress.h"

#include "common/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace mamori {

Progress::Progress(Display display, std::chrono::milliseconds interval)
    : display_(std::move(display)), interval_(interval) {}

void Progress::start_phase(Phase phase) {
  phase_ = phase;
  phase_start_ = std::chrono::steady_clock::now();
  shown_ = false;
}

void Progress::start_content(uint64_t files, uint64_t bytes) {
  files_total_ = files;
  bytes_total_ = bytes;
  start_phase(Phase::kContent);
  tick();
}

void Progress::start_logs(uint64_t logs) {
  logs_total_ = logs;
  start_phase(Phase::kLogs);
  tick();
}

Progress::Counts Progress::snapshot() const {
  Counts c;
  c.phase = phase_;
  c.files_done = files_done_.load(std::memory_order_relaxed);
  c.files_total = files_total_;
  c.bytes_done = bytes_done_.load(std::memory_order_relaxed);
  c.bytes_total = bytes_total_;
  c.logs_done = logs_done_;
  c.logs_total = logs_total_;
  c.events = events_;
  c.phase_elapsed = std::chrono::steady_clock::now() - phase_start_;
  return c;
}

void Progress::tick() {
  if (!display_)
    return;
  const auto now = std::chrono::steady_clock::now();
  // (The clock starts at boot: a phase's first tick is shown even within
  // the first interval after it.)
  if (shown_ && now - last_ < interval_)
    return;
  shown_ = true;
  last_ = now;
  display_(snapshot());
}

void Progress::finish() {
  phase_ = Phase::kDone;
  if (display_)
    display_(snapshot());
}

std::string progress_line(const Progress::Counts& c) {
  const double seconds = std::chrono::duration<double>(c.phase_elapsed).count();
  switch (c.phase) {
    case Progress::Phase::kContent: {
      std::string line =
          fmt::format("files {}/{}, {} of {}", c.files_done, c.files_total,
                      human_bytes(c.bytes_done), human_bytes(c.bytes_total));
      if (seconds >= 1.0 && c.bytes_done > 0) {
        const double rate = static_cast<double>(c.bytes_done) / seconds;
        line += fmt::format(", {}/s", human_bytes(static_cast<uint64_t>(rate)));
        const double left =
            static_cast<double>(c.bytes_total -
                                std::min(c.bytes_total, c.bytes_done)) /
            rate;
        if (left >= 90)
          line += fmt::format(", about {:.0f} min left", left / 60);
        else
          line += fmt::format(", about {:.0f} s left", left);
      }
      return line;
    }
    case Progress::Phase::kLogs: {
      std::string line = fmt::format("logs {}/{}, {} events", c.logs_done,
                                     c.logs_total, c.events);
      if (seconds >= 1.0)
        line += fmt::format(", {:.0f} events/s",
                            static_cast<double>(c.events) / seconds);
      return line;
    }
    case Progress::Phase::kDone:
      break;
  }
  return {};
}

}  // namespace mamori
