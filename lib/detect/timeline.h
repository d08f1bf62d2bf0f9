// Each person's days, as the HTML report's time line draws them: what the
// behaviour model counted per local day (--tz) over the whole run, and
// their usual day. Machine processes running under a person's name are
// not their activity and are left out.
#pragma once

#include "common/time.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mamori::detect {

class BehaviourModel;

struct TimelineDay {
  Days day{};
  uint32_t collected = 0;    // distinct files read, downloaded or copied
  uint32_t asset_files = 0;  // of them, under some asset
  uint32_t removable = 0;    // files written to removable media
  uint32_t uploads_out = 0;  // files uploaded to external destinations
  bool operator==(const TimelineDay&) const = default;
};

struct PersonTimeline {
  std::string user;
  std::vector<TimelineDay> days;  // every day of the run, idle ones too
  // The median of files collected on the person's active days: the line
  // the days are drawn against. None without two active days.
  std::optional<double> usual_collected;
};

// The time lines of `users` (others are skipped), in the order of `users`.
std::vector<PersonTimeline> person_timelines(
    const BehaviourModel& model, const std::vector<std::string>& users);

}  // namespace mamori::detect
