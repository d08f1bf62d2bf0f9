// off_hours_access: asset files touched at an hour the actor does not
// otherwise work. Usual hours are learned per actor from every event of the
// run (local hours in Settings::zone), so a night shift's nights are usual
// and a service's schedule is its own.
#include "common/i18n.h"
#include "detect/log_detectors.h"
#include "detect/log_util.h"
#include "detect/scoring.h"
#include "detect/service.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace mamori::detect {
namespace {

// "Wed 2026-03-04 23:30", the weekday in the language of tr().
std::string local_time_words(LocalTime t) {
  static constexpr const char* kDays[] = {N_("Sun"), N_("Mon"), N_("Tue"),
                                          N_("Wed"), N_("Thu"), N_("Fri"),
                                          N_("Sat")};
  const date::weekday day{std::chrono::floor<date::days>(t)};
  return fmt::format("{} {}", tr(kDays[day.c_encoding()]),
                     date::format("%F %H:%M", t));
}

}  // namespace

namespace {

constexpr int kBase = 15;  // a file or two at an odd hour is a note
constexpr size_t kManyFiles = 10;
constexpr int kManyFilesPoints = 10;
constexpr int kDepartingCap = 10;  // off hours alone say little of intent
constexpr int kSlackHours = 1;     // an hour either side is still usual

int local_hour(const Zone& zone, Timestamp t) {
  const LocalTime local = zone.to_local(t);
  const auto day = std::chrono::floor<date::days>(local);
  return static_cast<int>(
      std::chrono::duration_cast<std::chrono::hours>(local - day).count());
}

}  // namespace

std::vector<Finding> off_hours_access(const BehaviourModel& model,
                                      const people::DeviceList&) {
  const Settings& s = model.settings();
  const EventStore& events = model.events();
  std::vector<Finding> findings;
  for (const Actor& actor : model.actors()) {
    // Without enough history there are no usual hours to be outside of.
    if (model.active_days(actor) < static_cast<size_t>(s.off_hours_min_days))
      continue;
    std::map<int32_t, std::vector<const FileAccess*>> per_day;
    for (const FileAccess* a : actor.accesses) {
      if (a->action == logs::Action::kOther ||
          model.assets().of(a->path).empty())
        continue;
      const int hour = local_hour(model.events().zone(), a->time);
      if (model.hour_days(actor, hour, a->day, kSlackHours) > 0)
        continue;
      per_day[a->day].push_back(a);
    }
    const std::string& user = events.str(actor.user);
    for (const auto& [day, accesses] : per_day) {
      Finding f;
      f.detector = "off_hours_access";
      f.user = user;
      std::set<uint32_t> files;
      std::map<std::string, const assets::Asset*> involved;
      for (const FileAccess* a : accesses) {
        if (files.insert(a->path).second &&
            f.log_evidence.size() < model.settings().max_evidence) {
          f.log_evidence.push_back(evidence_of(events, *a));
        }
        for (const assets::Asset* asset : model.assets().of(a->path))
          involved[asset->id] = asset;
      }
      std::vector<const assets::Asset*> assets_list;
      for (const auto& [id, asset] : involved) {
        f.assets.push_back(id);
        assets_list.push_back(asset);
      }
      f.start = accesses.front()->time;
      f.end = accesses.back()->time;
      f.files = files.size();
      f.evidence_total = files.size();
      f.reasons.push_back(trnf(
          "asset files touched at {time} ({zone}), an hour at which {user} "
          "was not active on any other of {days} active day",
          "asset files touched at {time} ({zone}), an hour at which {user} "
          "was not active on any other of {days} active days",
          model.active_days(actor) - 1,
          fmt::arg("time",
                   local_time_words(model.events().zone().to_local(*f.start))),
          fmt::arg("zone", model.events().zone().name()),
          fmt::arg("user", user),
          fmt::arg("days", model.active_days(actor) - 1)));
      if (actor.service)
        f.reasons.push_back(
            trf("{actor}, off its schedule",
                fmt::arg("actor", describe_actor(model, actor))));
      int points = kBase + score::sensitivity(assets_list);
      if (files.size() >= kManyFiles)
        points += kManyFilesPoints;
      points +=
          std::min(kDepartingCap, score::departure(f, actor, *f.end, true, s));
      if (f.context && f.context->days_to_end && *f.context->days_to_end < 0)
        points += score::kAfterLastDay - kDepartingCap;
      f.set_score(points);
      f.title = trnf(
          "{user} touched {count} file of {assets} outside their usual hours",
          "{user} touched {count} files of {assets} outside their usual hours",
          files.size(), fmt::arg("user", user), fmt::arg("count", files.size()),
          fmt::arg("assets", fmt::join(f.assets, ", ")));
      f.id = make_id(f.detector, {user, std::to_string(day)});
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace mamori::detect
