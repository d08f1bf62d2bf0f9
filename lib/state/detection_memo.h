// The last run's log findings, kept in the nightly state so that a night
// with nothing new does not run the detectors again (issue 13: a second run
// over unchanged inputs in a small share of the first run's time).
//
// The log detectors see only the event store (the person-days kept in the
// state plus the run's new events), the register, the roster, the devices
// and the settings. When a run adds no event and those inputs are the same
// (`key` is their digest), the last run's detection stands: its findings
// are read back instead of restoring the history and detecting again. Every
// run that detects writes its findings here, and `mamori state prune`
// forgets them, so the memo always belongs to the history it was made
// from. A memo that does not decode (a damaged or foreign row) is as good
// as none.
#pragma once

#include "state/sqlite.h"

#include "detect/finding.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::state {

// A finding as one record of common/byte_codec.h's encoding, and back:
// nothing when `bytes` is not exactly such a record. The memo keeps one row
// per finding: each fits in a page of the state and is decoded in place,
// where one record for all of them would be copied off a chain of overflow
// pages first.
std::string encode_finding(const detect::Finding& finding);
std::optional<detect::Finding> decode_finding(std::string_view bytes);

// The findings kept under `key`, or nothing (no memo, another key, or a
// memo that does not decode or has not the number of findings it says).
std::optional<std::vector<detect::Finding>> load_detection_memo(
    Database& db, std::string_view key);
// Replaces the memo.
void save_detection_memo(Database& db, std::string_view key,
                         const std::vector<detect::Finding>& findings);
void forget_detection_memo(Database& db);

}  // namespace mamori::state
