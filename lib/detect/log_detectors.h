// Detectors over the events of a run: each groups file accesses per person
// and turns what stands out into findings with their reasons and evidence.
// Pure: no I/O, so the tests feed plain values.
#pragma once

#include "assets/register.h"
#include "detect/event_store.h"
#include "detect/finding.h"
#include "detect/settings.h"
#include "people/roster.h"

#include <vector>

namespace mamori::detect {

struct LogInputs {
  const EventStore& events;
  const assets::Register& assets;
  const people::Roster& roster;
  const people::DeviceList& devices;
  const Settings& settings;
};

// A person reads, downloads or copies at least Settings::bulk_floor distinct
// files (or bulk_core_floor files of core assets) within bulk_window. One
// finding per burst: overlapping windows above the threshold merge.
std::vector<Finding> detect_bulk_access(const LogInputs& in);

// A person touches an asset whose `authorized` list names neither them nor
// a roster group of theirs. One finding per person and asset.
std::vector<Finding> detect_unauthorized_access(const LogInputs& in);

// Files written to removable media, per person and device within
// Settings::sequence_window; asset files recognised by path or by the name
// of a file the person collected.
std::vector<Finding> detect_removable_copy(const LogInputs& in);

// Removable storage whose serial is not in the approved list.
std::vector<Finding> detect_unapproved_device(const LogInputs& in);

// Collection of asset files followed by archiving and/or carrying out
// (removable media, upload) by the same person within sequence_window.
std::vector<Finding> detect_exfil_sequence(const LogInputs& in);

// Distinct files collected over Settings::cumulative_days, spread over at
// least two days: slow collection under the burst floor.
std::vector<Finding> detect_cumulative_access(const LogInputs& in);

// Asset files touched in an hour of the week (in Settings::zone) in which
// the person was not active on any other day; needs off_hours_min_days of
// history. One finding per person and day; service accounts are exempt.
std::vector<Finding> detect_off_hours_access(const LogInputs& in);

// Every log detector, in a fixed order.
std::vector<Finding> detect_from_logs(const LogInputs& in);

}  // namespace mamori::detect
