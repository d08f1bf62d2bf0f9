// Helpers for the log parser tests: a scratch directory, a log written into
// it, and read_log_file's events, stats and notices collected in one value.
#pragma once

#include "common/diagnostics.h"
#include "logs/event.h"
#include "logs/log_reader.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace mamori::logs::testing {

class ScratchDir {
 public:
  ScratchDir() {
    std::string templ =
        (std::filesystem::temp_directory_path() / "mamori-logs-XXXXXX")
            .string();
    if (::mkdtemp(templ.data()) == nullptr)
      throw std::runtime_error("mkdtemp");
    path_ = templ;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string write(const std::string& name, const std::string& content) const {
    const std::string file = (path_ / name).string();
    std::ofstream out(file, std::ios::binary);
    out << content;
    return file;
  }
  std::string path(const std::string& name) const {
    return (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

struct ReadResult {
  bool ok = false;
  std::vector<Event> events;
  ReadStats stats;
  std::vector<Notice> notices;
};

inline ReadResult read_spec(const std::string& spec,
                            const ReadOptions& options = {}) {
  ReadResult result;
  Diagnostics diag;
  result.ok = read_log_file(spec, options, diag, result.stats, [&](Event&& e) {
    result.events.push_back(std::move(e));
  });
  result.notices = diag.sorted();
  return result;
}

// Writes `content` to a fresh file and reads it as FORMAT:FILE (or FILE
// when `format` is empty).
inline ReadResult read_text(const std::string& content,
                            const ReadOptions& options = {},
                            const std::string& format = "",
                            const std::string& name = "test.log") {
  ScratchDir dir;
  const std::string file = dir.write(name, content);
  return read_spec(format.empty() ? file : format + ":" + file, options);
}

inline std::string to_json(const Event& e) {
  std::string out;
  append_event_json(out, e);
  return out;
}

inline std::string time_of(const Event& e) {
  return format_rfc3339(e.time);
}

inline bool file_exists(const std::string& path) {
  return std::filesystem::exists(path);
}

// Three Samba audit lines of one user: a read, a write and a delete.
inline const std::string kSambaLog =
    "2026-10-05T10:15:32+09:00 fs1 smbd_audit[1]: "
    "tanaka|10.0.0.5|openat|ok|r|/srv/rd/a.dwg\n"
    "2026-10-05T10:15:33+09:00 fs1 smbd_audit[1]: "
    "tanaka|10.0.0.5|openat|ok|w|/srv/rd/b.dwg\n"
    "2026-10-05T10:15:34+09:00 fs1 smbd_audit[1]: "
    "tanaka|10.0.0.5|unlinkat|ok|/srv/rd/c.dwg\n";

// A sample under tests/data/logs/.
inline std::string data_file(const std::string& name) {
  return std::string(MAMORI_TEST_DATA) + "/logs/" + name;
}

// An EVTX sample of the shared corpus (../shared/corpus/windows-evtx/); the
// tests that use one skip when it is absent.
inline std::string shared_evtx(const std::string& name) {
  return std::string(MAMORI_SHARED_DIR) + "/corpus/windows-evtx/" + name;
}

inline size_t count_action(const ReadResult& r, Action a) {
  size_t n = 0;
  for (const auto& e : r.events)
    n += e.action == a;
  return n;
}

}  // namespace mamori::logs::testing
