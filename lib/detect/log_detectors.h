// Detectors over the events of a run. Each reads the behaviour model
// (behaviour.h), groups what an actor did, and turns what stands out
// against the actor's own and the peers' baselines into findings with their
// reasons (scoring.h) and evidence. Pure: no I/O, so the tests feed plain
// values. The detectors are listed, with their descriptions, in registry.h.
#pragma once

#include "assets/register.h"
#include "detect/behaviour.h"
#include "detect/event_store.h"
#include "detect/finding.h"
#include "detect/settings.h"
#include "detect/timeline.h"
#include "people/roster.h"

#include <vector>

namespace mamori::detect {

struct LogInputs {
  EventStore& events;  // finish()ed by the detectors
  const assets::Register& assets;
  const people::Roster& roster;
  const people::DeviceList& devices;
  const Settings& settings;
  // When set, the time lines of the people with findings (timeline.h).
  std::vector<PersonTimeline>* timelines = nullptr;
};

// The signature of a log detector in the registry.
using LogDetector = std::vector<Finding> (*)(const BehaviourModel& model,
                                             const people::DeviceList& devices);

// A person reads, downloads or copies at least Settings::bulk_floor distinct
// files (or bulk_core_floor files of core assets) within bulk_window, scored
// against their own daily volume and their peers'. One finding per burst.
std::vector<Finding> bulk_access(const BehaviourModel& model,
                                 const people::DeviceList& devices);

// Distinct files collected over Settings::cumulative_days, at least the
// cumulative floors and spread over two days or more, set against the
// person's other windows and the peers' same window.
std::vector<Finding> cumulative_access(const BehaviourModel& model,
                                       const people::DeviceList& devices);

// Files written to removable media, per person and device within
// Settings::sequence_window; asset files recognised by path or by the name
// of a file the person collected.
std::vector<Finding> removable_copy(const BehaviourModel& model,
                                    const people::DeviceList& devices);

// Removable storage whose serial is not in the approved list.
std::vector<Finding> unapproved_device(const BehaviourModel& model,
                                       const people::DeviceList& devices);

// Collection of asset files followed, within Settings::sequence_window, by a
// step that leaves the company's control (removable media, an upload to an
// external or personal destination), tied by file name, size or asset, with
// an archive in between when there is one.
std::vector<Finding> exfil_sequence(const BehaviourModel& model,
                                    const people::DeviceList& devices);

// A person touches an asset whose `authorized` list names neither them nor
// a roster group of theirs, or any asset after their last working day.
std::vector<Finding> unauthorized_access(const BehaviourModel& model,
                                         const people::DeviceList& devices);

// Asset files touched at an hour at which the actor is not active on other
// days (in Settings::zone); needs off_hours_min_days of history.
std::vector<Finding> off_hours_access(const BehaviourModel& model,
                                      const people::DeviceList& devices);

// One detector on its own, with a model built for it (tests).
std::vector<Finding> run_log_detector(LogDetector detector,
                                      const LogInputs& in);
inline std::vector<Finding> detect_bulk_access(const LogInputs& in) {
  return run_log_detector(bulk_access, in);
}
inline std::vector<Finding> detect_cumulative_access(const LogInputs& in) {
  return run_log_detector(cumulative_access, in);
}
inline std::vector<Finding> detect_removable_copy(const LogInputs& in) {
  return run_log_detector(removable_copy, in);
}
inline std::vector<Finding> detect_unapproved_device(const LogInputs& in) {
  return run_log_detector(unapproved_device, in);
}
inline std::vector<Finding> detect_exfil_sequence(const LogInputs& in) {
  return run_log_detector(exfil_sequence, in);
}
inline std::vector<Finding> detect_unauthorized_access(const LogInputs& in) {
  return run_log_detector(unauthorized_access, in);
}
inline std::vector<Finding> detect_off_hours_access(const LogInputs& in) {
  return run_log_detector(off_hours_access, in);
}

// Every log detector of the registry, in its order, over one model.
std::vector<Finding> detect_from_logs(const LogInputs& in);

}  // namespace mamori::detect
