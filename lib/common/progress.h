// How far a long run has come, for a progress line on a terminal (spec
// issue 13: files and logs done, bytes, events, rate, time left). Whoever
// does the work bumps the counters; tick() is called on the scan's own
// thread between pieces of work and hands a snapshot to the display at
// most every `interval`. There is no thread of its own: the sandboxed
// content workers are forked, and fork() wants a process of one thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace mamori {

class Progress {
 public:
  enum class Phase { kContent, kLogs, kDone };
  struct Counts {
    Phase phase = Phase::kContent;
    uint64_t files_done = 0, files_total = 0;
    uint64_t bytes_done = 0, bytes_total = 0;
    uint64_t logs_done = 0, logs_total = 0;
    uint64_t events = 0;
    std::chrono::steady_clock::duration phase_elapsed{};
  };
  using Display = std::function<void(const Counts&)>;

  explicit Progress(Display display, std::chrono::milliseconds interval =
                                         std::chrono::milliseconds(250));

  void start_content(uint64_t files, uint64_t bytes);
  // Any thread.
  void file_done(uint64_t bytes) {
    files_done_.fetch_add(1, std::memory_order_relaxed);
    bytes_done_.fetch_add(bytes, std::memory_order_relaxed);
  }
  void start_logs(uint64_t logs);
  void log_done() { ++logs_done_; }
  // One event handed over (the scan's thread); ticks now and then.
  void event() {
    if ((++events_ & 0x3FF) == 0)
      tick();
  }
  // The last display: phase kDone, whatever the interval.
  void finish();
  void tick();

 private:
  void start_phase(Phase phase);
  Counts snapshot() const;

  Display display_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point last_{}, phase_start_{};
  bool shown_ = false;  // since the phase started
  Phase phase_ = Phase::kContent;
  uint64_t files_total_ = 0, bytes_total_ = 0, logs_total_ = 0;
  std::atomic<uint64_t> files_done_{0}, bytes_done_{0};
  uint64_t logs_done_ = 0, events_ = 0;
};

// One line for a terminal: "files 120/3400, 1.2 GB of 5.6 GB, 45 MB/s,
// about 2 min left" while files are matched, "logs 2/5, 1234567 events,
// 250000 events/s" while logs are read; empty when done. Time left is
// given only where it can be known: from bytes, after a second.
std::string progress_line(const Progress::Counts& counts);

}  // namespace mamori
