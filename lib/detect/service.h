// Service accounts and machine processes (backup agents, indexers,
// antivirus, sync clients) sweep whole trees by design. Their collection is
// judged against their own schedule and scope: a sweep at their usual hours,
// over their usual folders, at their usual volume is routine; a very
// different time, scope or volume is not. Their writes to removable media
// and external destinations are never routine (removable_copy,
// exfil_sequence do not ask this).
#pragma once

#include "detect/behaviour.h"
#include "detect/scoring.h"

#include <set>
#include <string>
#include <vector>

namespace mamori::detect {

struct ServiceVerdict {
  bool routine = false;
  std::vector<std::string> reasons;  // why it is not routine, or what it is
};

// `volume` compares the collected files with the actor's own baseline;
// `paths` are the files collected on `day` from `start`.
ServiceVerdict judge_service(const BehaviourModel& model, const Actor& actor,
                             const score::Comparison& volume,
                             const std::set<uint32_t>& paths, int32_t day,
                             Timestamp start);

// "a service account", "machine processes (clamd, bacula-fd)".
std::string describe_actor(const BehaviourModel& model, const Actor& actor);

}  // namespace mamori::detect
