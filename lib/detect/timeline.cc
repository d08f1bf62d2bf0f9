// Time lines of people for the report (timeline.h).
#include "detect/timeline.h"

#include "detect/behaviour.h"

#include <map>

namespace mamori::detect {

std::vector<PersonTimeline> person_timelines(
    const BehaviourModel& model, const std::vector<std::string>& users) {
  std::map<std::string, const Actor*> people;
  for (const Actor& actor : model.actors()) {
    if (!actor.machine)
      people.emplace(model.events().str(actor.user), &actor);
  }
  std::vector<PersonTimeline> out;
  for (const std::string& user : users) {
    const auto it = people.find(user);
    if (it == people.end())
      continue;
    PersonTimeline line;
    line.user = user;
    std::vector<double> active;
    for (int32_t d = model.first_day(); d <= model.last_day(); ++d) {
      TimelineDay day;
      day.day = Days{date::days{d}};
      if (const DayStats* stats = model.day(*it->second, d)) {
        day.collected = stats->collected;
        day.asset_files = stats->asset_files;
        day.removable = stats->removable;
        day.uploads_out = stats->uploads_out;
        active.push_back(stats->collected);
      }
      line.days.push_back(day);
    }
    if (active.size() >= 2)
      line.usual_collected = robust_summary(active)->median;
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace mamori::detect
