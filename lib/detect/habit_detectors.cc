// cumulative_access and off_hours_access: collection that hides in time,
// spread over days or done when nobody is around.
#include "detect/log_detectors.h"
#include "detect/log_util.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

namespace mamori::detect {
namespace {

bool is_core(const std::vector<const assets::Asset*>& assets) {
  return std::any_of(assets.begin(), assets.end(), [](const assets::Asset* a) {
    return a->sensitivity == assets::Sensitivity::kCore;
  });
}

}  // namespace

std::vector<Finding> detect_cumulative_access(const LogInputs& in) {
  const Settings& s = in.settings;
  const auto window = date::days(s.cumulative_days);
  std::vector<Finding> findings;
  AssetIndex index(in.events, in.assets);
  for (const auto& [user_id, list] : by_user(in.events, is_collection)) {
    // First-seen time of each distinct file: later re-reads add nothing.
    std::vector<const FileAccess*> firsts;
    std::set<uint32_t> seen;
    for (const FileAccess* a : list) {
      if (seen.insert(a->path).second)
        firsts.push_back(a);
    }
    size_t left = 0;
    size_t core = 0;
    std::optional<std::pair<size_t, size_t>> best;  // widest hot window
    for (size_t right = 0; right < firsts.size(); ++right) {
      if (is_core(index.of(firsts[right]->path)))
        ++core;
      while (firsts[right]->time - firsts[left]->time > window) {
        if (is_core(index.of(firsts[left]->path)))
          --core;
        ++left;
      }
      const size_t files = right - left + 1;
      const auto days = std::chrono::floor<date::days>(firsts[right]->time) -
                        std::chrono::floor<date::days>(firsts[left]->time);
      // Spread over at least two days: a single day is bulk_access's.
      const bool hot =
          (files >= s.cumulative_floor || core >= s.cumulative_core_floor) &&
          days.count() >= 1;
      if (hot && (!best || files > best->second - best->first + 1)) {
        best = {left, right};
      }
    }
    if (!best)
      continue;
    const std::string& user = in.events.str(user_id);
    Finding f;
    f.detector = "cumulative_access";
    f.user = user;
    std::map<std::string, const assets::Asset*> involved;
    std::set<int64_t> active_days;
    size_t core_files = 0;
    for (size_t i = best->first; i <= best->second; ++i) {
      const FileAccess& a = *firsts[i];
      if (f.log_evidence.size() < kMaxEvidence) {
        f.log_evidence.push_back(evidence_of(in.events, a));
      }
      const auto& assets_here = index.of(a.path);
      if (is_core(assets_here))
        ++core_files;
      for (const assets::Asset* asset : assets_here)
        involved[asset->id] = asset;
      active_days.insert(
          std::chrono::floor<date::days>(a.time).time_since_epoch().count());
    }
    const size_t files = best->second - best->first + 1;
    f.start = firsts[best->first]->time;
    f.end = firsts[best->second]->time;
    f.files = files;
    f.evidence_total = files;
    std::vector<const assets::Asset*> assets_list;
    for (const auto& [id, asset] : involved) {
      f.assets.push_back(id);
      assets_list.push_back(asset);
    }
    f.reasons.push_back(fmt::format(
        "{} distinct files over {} active day{} within {} days (floor {}; {} "
        "for core assets)",
        files, active_days.size(), active_days.size() == 1 ? "" : "s",
        s.cumulative_days, s.cumulative_floor, s.cumulative_core_floor));
    if (core_files > 0) {
      f.reasons.push_back(fmt::format("{} of them under core assets {}",
                                      core_files, fmt::join(f.assets, ", ")));
    }
    int points = core_files >= s.cumulative_core_floor ? 55 : 40;
    points += asset_points(assets_list);
    points += add_context(f, in.roster.find(user), *f.end, s);
    f.set_score(points);
    f.title = fmt::format(
        "{} collected {} files{} over {} days", user, files,
        f.assets.empty() ? ""
                         : fmt::format(" of {}", fmt::join(f.assets, ", ")),
        active_days.size());
    f.id = make_id(f.detector, {user, format_rfc3339(*f.start)});
    findings.push_back(std::move(f));
  }
  return findings;
}

namespace {

// When a person works: for each local hour of the week, the days on which
// they were active then. Learned from all their events of the run.
struct Habits {
  std::map<int, std::set<int64_t>> days_by_hour;  // weekday*24+hour -> days
  std::set<int64_t> active_days;
};

int hour_of_week(LocalTime local) {
  const auto day = std::chrono::floor<date::days>(local);
  const unsigned wd = date::weekday{day}.c_encoding();  // Sunday = 0
  const auto hour = std::chrono::duration_cast<std::chrono::hours>(local - day);
  return static_cast<int>(wd) * 24 + static_cast<int>(hour.count());
}

int64_t day_number(LocalTime local) {
  return std::chrono::floor<date::days>(local).time_since_epoch().count();
}

// True when the person was active within an hour of this time of the week
// (weekdays count as one another) on some other day.
bool usual(const Habits& h, LocalTime local) {
  const int how = hour_of_week(local);
  const bool weekend = how < 24 || how >= 6 * 24;
  const int64_t today = day_number(local);
  for (const auto& [slot, days] : h.days_by_hour) {
    const bool slot_weekend = slot < 24 || slot >= 6 * 24;
    const int dh = std::abs(slot % 24 - how % 24);
    if (slot_weekend != weekend || std::min(dh, 24 - dh) > 1)
      continue;
    if (days.size() > 1 || !days.contains(today))
      return true;
  }
  return false;
}

}  // namespace

std::vector<Finding> detect_off_hours_access(const LogInputs& in) {
  const Settings& s = in.settings;
  std::vector<Finding> findings;
  AssetIndex index(in.events, in.assets);
  auto any = [](logs::Action a) { return a != logs::Action::kOther; };
  for (const auto& [user_id, list] : by_user(in.events, any)) {
    const std::string& user = in.events.str(user_id);
    const people::Person* person = in.roster.find(user);
    // Service accounts (backup, indexers) work at night by design.
    if (person != nullptr &&
        person->employment == people::Employment::kService) {
      continue;
    }
    Habits habits;
    for (const FileAccess* a : list) {
      const LocalTime local = s.zone.to_local(a->time);
      habits.days_by_hour[hour_of_week(local)].insert(day_number(local));
      habits.active_days.insert(day_number(local));
    }
    // Without enough history there are no usual hours to be outside of.
    if (habits.active_days.size() < static_cast<size_t>(s.off_hours_min_days)) {
      continue;
    }
    // One finding per person and local day.
    std::map<int64_t, std::vector<const FileAccess*>> per_day;
    for (const FileAccess* a : list) {
      const LocalTime local = s.zone.to_local(a->time);
      if (index.of(a->path).empty() || usual(habits, local))
        continue;
      per_day[day_number(local)].push_back(a);
    }
    for (const auto& [day, accesses] : per_day) {
      Finding f;
      f.detector = "off_hours_access";
      f.user = user;
      std::set<uint32_t> files;
      std::map<std::string, const assets::Asset*> involved;
      for (const FileAccess* a : accesses) {
        if (files.insert(a->path).second &&
            f.log_evidence.size() < kMaxEvidence) {
          f.log_evidence.push_back(evidence_of(in.events, *a));
        }
        for (const assets::Asset* asset : index.of(a->path))
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
      f.evidence_total = accesses.size();
      f.reasons.push_back(fmt::format(
          "asset files touched at {} ({}), an hour in which {} was not active "
          "on any other of {} active days",
          date::format("%a %F %H:%M", s.zone.to_local(*f.start)), s.zone.name(),
          user, habits.active_days.size() - 1));
      int points = 25 + asset_points(assets_list);
      points += add_context(f, person, *f.end, s);
      f.set_score(points);
      f.title =
          fmt::format("{} touched {} file{} of {} outside their usual hours",
                      user, files.size(), files.size() == 1 ? "" : "s",
                      fmt::join(f.assets, ", "));
      f.id = make_id(f.detector, {user, std::to_string(day)});
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace mamori::detect
