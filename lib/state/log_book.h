// The reader's ResumeBook (logs/log_resume.h) over the positions a state
// keeps (log_positions.h): where each log file starts, decided against the
// records loaded when the run began, and where each stopped, kept until
// the run saves them. Called from the log workers at once: it locks.
#pragma once

#include "state/log_positions.h"

#include "logs/log_resume.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::state {

// What the run did with its logs, for the summary.
struct LogBookCounts {
  uint64_t resumed = 0;    // read from where the last run stopped
  uint64_t unchanged = 0;  // nothing new: not read at all
  uint64_t fresh = 0;      // read from the start (new, replaced, truncated)
};

class LogBook : public logs::ResumeBook {
 public:
  explicit LogBook(std::vector<LogPosition> known);

  logs::ResumePoint start(const logs::LogIdentity& file, std::string_view head,
                          bool head_complete) override;
  bool unchanged(const logs::LogIdentity& file) override;
  void stopped(logs::LogStop stop) override;

  // The positions to save: where each log read stopped, and the records of
  // unchanged logs under the name they have now.
  std::vector<LogPosition> take_positions();
  LogBookCounts counts();

 private:
  const LogPosition* record(const std::string& path) const;

  const std::vector<LogPosition> known_;
  std::mutex mutex_;
  std::vector<LogPosition> positions_;
  LogBookCounts counts_;
};

}  // namespace mamori::state
