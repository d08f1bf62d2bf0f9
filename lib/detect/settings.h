// Detector thresholds and windows. Defaults follow
// reference/detections.md §6; every value can be set in the config file.
#pragma once

#include "common/time.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace mamori::detect {

struct Settings {
  Zone zone = Zone::utc();  // for working hours (--tz)
  // bulk_access: distinct files per person in a sliding window.
  std::chrono::minutes bulk_window{15};
  uint64_t bulk_floor = 50;         // distinct files: medium
  uint64_t bulk_core_floor = 10;    // distinct files of core assets: high
  uint64_t bulk_mass_floor = 5000;  // distinct files: critical
  // Departure context: a person counts as departing from this many days
  // before their end_date, and as departed after it.
  int departing_days = 90;
  int departed_days = 30;
  // removable_copy: writes under these roots count as copies to removable
  // media even without a device event (spec/inputs.md); mount points and
  // drive letters that device events tie to USB storage are added per run.
  std::vector<std::string> removable_roots = {"/media/**", "/run/media/**"};
  uint64_t removable_floor = 50;  // files per person per day
  uint64_t removable_bytes_floor = 1ull << 30;
  // exfil_sequence: collection followed by archiving or carrying out.
  std::chrono::hours sequence_window{24};
  // cumulative_access: slow collection over days that stays under the
  // short-window floor.
  int cumulative_days = 7;
  uint64_t cumulative_floor = 100;      // distinct files
  uint64_t cumulative_core_floor = 30;  // distinct files of core assets
  // off_hours_access: a person's usual hours are learned from the run's own
  // events (local hours in the --tz zone); it needs this many active days.
  int off_hours_min_days = 5;
};

}  // namespace mamori::detect
