// Suppression with accountability: the settings file's `suppress` entries
// (finding ids, and matchers on user, detector, asset, path and id, each
// with a reason and an expiry date) applied to a run's findings. Nothing is
// dropped silently: the caller gets a count per entry for the summary, and
// a notice for every matcher that has expired or matched nothing. Pure: no
// I/O, "today" is given.
#pragma once

#include "common/diagnostics.h"
#include "common/glob.h"
#include "common/time.h"
#include "detect/finding.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::detect {

// One entry of `suppress`. A plain id entry (`suppress = ["8ddb..."]`) sets
// `id` alone, with `plain_id`, no reason and no expiry: it works as before
// matchers existed and never yields a notice. A matcher sets at least one
// of user, detector, asset, path and id (an empty field, or no path, is not
// tested), and always a reason and an expiry.
struct Suppression {
  bool plain_id = false;
  std::string user;      // canonical roster user, compared case-insensitively
  std::string detector;  // a detector name (registry.h)
  std::string asset;     // matches when the finding lists this asset
  std::optional<PathGlob> path;  // matches when every path the finding
                                 // lists matches (finding_paths)
  std::string id;                // a finding id, compared case-insensitively
  std::string reason;
  std::optional<Days> expires;  // the last day it applies (the run's --tz)
  std::string source;           // "config-file:line", for notices

  // The key of this entry in the summary's `suppressed`: the id itself for
  // a plain id entry, else the fields it sets in a fixed order,
  // "user=svc-backup,detector=bulk_access,asset=...,path=...,id=...". It
  // does not move when the file is edited, so nightly reports compare.
  std::string label() const;
  // Every field it sets matches `f` (expiry is not looked at).
  bool matches(const Finding& f) const;
};

// The paths a finding lists, which a matcher's `path` glob must all match:
// the outermost `location` of a content finding, the path of every log
// evidence record and the outermost location of every content evidence
// record (empty ones left out). At most kMaxEvidence records are kept, so a
// long finding is judged by the records it shows.
std::vector<std::string_view> finding_paths(const Finding& f);

struct SuppressionOutcome {
  std::vector<Finding> kept;         // in the order given
  std::vector<uint64_t> suppressed;  // per entry, in the entries' order
  std::vector<Notice> notices;       // suppress_expired, suppress_unused
};

// Applies `entries` to `findings` on the day `today`. A finding that
// several entries match is counted once, for the first of them in the
// file. An expired matcher (today after `expires`) suppresses nothing and
// yields a `suppress_expired` warning; a matcher in force that matched no
// finding yields a `suppress_unused` warning. Both name the reason and the
// expiry. Warnings do not change the exit code.
SuppressionOutcome apply_suppressions(std::vector<Finding> findings,
                                      const std::vector<Suppression>& entries,
                                      Days today);

}  // namespace mamori::detect
