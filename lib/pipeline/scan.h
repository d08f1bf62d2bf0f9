// The `scan` job as a list of passes: load the register, rules, roster and
// devices (any failure ends the run, exit 2), read the logs, walk the
// content, run the detectors and assemble the report.
#pragma once

#include "common/exit_code.h"
#include "common/severity.h"
#include "common/time.h"
#include "content/content_scanner.h"
#include "detect/settings.h"
#include "detect/suppression.h"
#include "logs/log_reader.h"
#include "report/report.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mamori {
class Progress;
}
namespace mamori::state {
class StateStore;
}

namespace mamori::pipeline {

struct ScanRequest {
  std::filesystem::path assets;   // empty: no register
  std::filesystem::path roster;   // empty: no roster
  std::filesystem::path devices;  // empty: no device counts as approved
  std::vector<std::filesystem::path> rules;
  bool default_rules = true;
  std::filesystem::path rules_cache;  // empty: no compiled-rule cache
  std::vector<std::string> logs;      // "FILE", "FORMAT:FILE" or "-"
  std::vector<std::filesystem::path> paths;
  Zone zone = Zone::utc();
  std::optional<Timestamp> since;
  std::optional<Timestamp> until;
  content::Limits limits;
  unsigned threads = 1;
  Severity fail_on = Severity::kMedium;
  detect::Settings settings;
  std::string samba_prefix;
  logs::ColumnMapping columns;  // csv and jsonl logs
  // Config `suppress`: ids and matchers, applied on the run's day in `zone`.
  std::vector<detect::Suppression> suppress;
  // Counts files, logs and events as they are done (a progress line);
  // called on the scan's thread only. Null: none.
  Progress* progress = nullptr;
  // Fills Report::run.inputs with each input file's size and SHA-256 (a
  // case file's record; it reads every log once more) and Report::run's
  // command line.
  bool describe_inputs = false;
  std::vector<std::string> command;
  // Fills Report::timelines (each person's days, for the HTML report).
  bool timelines = true;
  // The settings file the run's settings came from, if any: with --state,
  // its digest is part of what makes a detection reusable.
  std::filesystem::path config_file;
  // --state: logs are read from where the last run stopped, and findings
  // are marked new or known (and, with only_new, the known ones left out).
  // The run writes into the store's transaction; the caller commits once
  // the report is out. Null: no memory between runs.
  state::StateStore* state = nullptr;
  bool only_new = false;
  // Person-days older than this before the latest day seen are dropped
  // (and findings and log positions not seen for as long).
  int state_keep_days = 180;
};

// Runs the whole scan. Throws Error (exit 2) for configuration problems
// before anything is read; input problems become notices in the report.
// Logs are read side by side on `threads` workers, content with a pool of
// its own; the findings do not depend on the number of threads.
report::Report run_scan(const ScanRequest& request);

// spec/cli.md: 1 when a finding is at or above `fail_on`, else 3 when an
// input could not be examined (an error notice, or a log_mostly_rejected
// warning: a log hardly read), else 0.
ExitCode exit_code_for(const report::Report& report, Severity fail_on);
// Whether `n` says an input could not be examined (what makes exit 3).
bool leaves_unexamined(const Notice& n);

}  // namespace mamori::pipeline
