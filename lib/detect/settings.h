// Detector thresholds and windows. Defaults follow
// reference/detections.md §6; every value can be set in the config file.
#pragma once

#include "common/time.h"
#include "detect/finding.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mamori::detect {

struct Settings {
  Zone zone = Zone::utc();  // for working hours (--tz)
  // Evidence records kept per finding (--evidence; SIZE_MAX: all).
  size_t max_evidence = kMaxEvidence;
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
  // Baselines (behaviour.h): days of a person's own history before it
  // decides (peers alone until then), and the fewest peers that make a
  // peer baseline (reference/detections.md §3: a 7-day warm-up).
  int own_baseline_days = 7;
  int peer_min = 3;
  // Processes whose file accesses are machine work, judged like service
  // accounts: backup agents, indexers, antivirus scanners, sync clients
  // (the executable's file name; `*` and `?` allowed; case-insensitive).
  std::vector<std::string> machine_processes = {
      // backup
      "bacula-fd", "bareos-fd", "restic", "borg", "duplicity", "amandad",
      "rsnapshot", "veeamagent*", "veeam.*", "cbengine.exe", "beremote.exe",
      "wbengine.exe",
      // indexing
      "searchprotocolhost.exe", "searchindexer.exe", "searchfilterhost.exe",
      "tracker-miner-fs*", "baloo_file*", "mds", "mdworker*", "updatedb",
      "mlocate", "plocate*",
      // antivirus
      "msmpeng.exe", "mpdefendercoreservice.exe", "clamd", "clamscan",
      "freshclam", "savscand", "sophos*", "ccsvchst.exe", "avp.exe", "ekrn.exe",
      "ds_agent*",
      // sync clients of the company's own cloud
      "onedrive.exe", "filecoauth.exe", "onedrive sync client"};
  // Upload destinations that stay in the company's control (host names,
  // "*.example.co.jp" for subdomains), besides the hosts of the register's
  // paths and the sites the run shows people reading from.
  std::vector<std::string> company_destinations;
  // Destinations known to be personal rather than merely external.
  std::vector<std::string> personal_destinations = {
      "dropbox.com",      "dropboxusercontent.com",
      "drive.google.com", "mail.google.com",
      "gmail.com",        "onedrive.live.com",
      "1drv.ms",          "icloud.com",
      "box.com",          "mega.nz",
      "mega.io",          "wetransfer.com",
      "outlook.live.com", "mail.yahoo.co.jp",
      "firestorage.jp",   "gigafile.nu",
      "pcloud.com",       "mediafire.com"};
};

}  // namespace mamori::detect
