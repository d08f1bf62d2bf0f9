// Content: walks files, directories and archives (nested, via libarchive),
// hashes every object and matches it against the rules. Produces plain
// records that lib/detect turns into findings. libarchive stays private here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "assets/register.h"
#include "common/diagnostics.h"
#include "common/severity.h"
#include "rules/rule_set.h"

namespace mamori::content {

// The file on disk, then each archive member down to the object.
using Location = std::vector<std::string>;

struct RuleHit {
  std::string rule;
  std::vector<std::string> assets;
  std::optional<Severity> severity;
  std::string description;
};

// An object (file or archive member) that matched a rule or a declared hash.
struct ObjectHit {
  Location location;
  std::string sha256;
  uint64_t size = 0;
  std::vector<RuleHit> rules;            // sorted by rule name
  std::vector<std::string> hash_assets;  // assets declaring this SHA-256
  // An archive or document that was opened: its members are examined (and
  // reported) too, so a rule that matches both is one finding, not two.
  bool container = false;
};

// Every archive or container that was opened.
struct ArchiveInfo {
  Location location;
  std::string sha256;
  uint64_t size = 0;
  bool document = false;   // Office/ODF/PDF: reported as document + part
  uint64_t members = 0;    // members examined
  bool encrypted = false;  // some members could not be read
  std::vector<std::string> encrypted_members;  // names the format shows
};

struct Limits {
  int max_depth = 8;
  uint64_t max_member_size = 512ull << 20;
  uint64_t max_expanded = 8ull << 30;  // per top-level file
  double max_ratio = 1000.0;
  int rule_timeout_seconds = 60;
};

struct Stats {
  uint64_t files_scanned = 0;
  uint64_t bytes_scanned = 0;
  uint64_t archive_members = 0;
};

struct Results {
  std::vector<ObjectHit> hits;        // sorted by location
  std::vector<ArchiveInfo> archives;  // sorted by location
  Stats stats;
};

// Scans every root (a file or a directory, walked recursively, links not
// followed) with `threads` workers. Problems with an input become notices
// in `diag` (unreadable, corrupt_archive, limit_*, rule_timeout...); nothing
// under a root is ever written.
Results scan_paths(const std::vector<std::filesystem::path>& roots,
                   const rules::RuleSet& rules, const assets::Register& reg,
                   const Limits& limits, unsigned threads, Diagnostics& diag);

}  // namespace mamori::content
