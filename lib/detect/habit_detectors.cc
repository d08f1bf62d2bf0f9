// cumulative_access and off_hours_access: collection that hides in time,
// spread over days or done when nobody is around.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "detect/log_detectors.h"
#include "detect/log_util.h"

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
      if (seen.insert(a->path).second) firsts.push_back(a);
    }
    size_t left = 0;
    size_t core = 0;
    std::optional<std::pair<size_t, size_t>> best;  // widest hot window
    for (size_t right = 0; right < firsts.size(); ++right) {
      if (is_core(index.of(firsts[right]->path))) ++core;
      while (firsts[right]->time - firsts[left]->time > window) {
        if (is_core(index.of(firsts[left]->path))) --core;
        ++left;
      }
      const size_t files = right - left + 1;
      const auto days = std::chrono::floor<date::days>(firsts[right]->time) -
                        std::chrono::floor<date::days>(firsts[left]->time);
      // Spread over at least two days: a single day is bulk_access's.
      const bool hot = (files >= s.cumulative_floor ||
                        core >= s.cumulative_core_floor) &&
                       days.count() >= 1;
      if (hot && (!best || files > best->second - best->first + 1)) {
        best = {left, right};
      }
    }
    if (!best) continue;
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
      if (is_core(assets_here)) ++core_files;
      for (const assets::Asset* asset : assets_here) involved[asset->id] = asset;
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
    f.title = fmt::format("{} collected {} files{} over {} days", user, files,
                          f.assets.empty()
                              ? ""
                              : fmt::format(" of {}", fmt::join(f.assets, ", ")),
                          active_days.size());
    f.id = make_id(f.detector, {user, format_rfc3339(*f.start)});
    findings.push_back(std::move(f));
  }
  return findings;
}

std::vector<Finding> detect_off_hours_access(const LogInputs& in) {
  const Settings& s = in.settings;
  std::vector<Finding> findings;
  AssetIndex index(in.events, in.assets);
  auto off_hours = [&](Timestamp t) {
    const LocalTime local = s.zone.to_local(t);
    const auto day = std::chrono::floor<date::days>(local);
    const date::weekday wd{day};
    const auto hour =
        std::chrono::duration_cast<std::chrono::hours>(local - day).count();
    return wd == date::Saturday || wd == date::Sunday ||
           hour < s.work_start_hour || hour >= s.work_end_hour;
  };
  auto any = [](logs::Action a) { return a != logs::Action::kOther; };
  for (const auto& [user_id, list] : by_user(in.events, any)) {
    const std::string& user = in.events.str(user_id);
    const people::Person* person = in.roster.find(user);
    // Service accounts (backup, indexers) work at night by design.
    if (person != nullptr && person->employment == people::Employment::kService) {
      continue;
    }
    // One finding per person and local night (or weekend day).
    std::map<int64_t, std::vector<const FileAccess*>> per_night;
    for (const FileAccess* a : list) {
      if (index.of(a->path).empty() || !off_hours(a->time)) continue;
      // Early-morning hours belong to the night before.
      const LocalTime shifted = s.zone.to_local(a->time) - std::chrono::hours(s.work_start_hour);
      per_night[std::chrono::floor<date::days>(shifted).time_since_epoch().count()]
          .push_back(a);
    }
    for (const auto& [night, accesses] : per_night) {
      Finding f;
      f.detector = "off_hours_access";
      f.user = user;
      std::set<uint32_t> files;
      std::map<std::string, const assets::Asset*> involved;
      for (const FileAccess* a : accesses) {
        if (files.insert(a->path).second && f.log_evidence.size() < kMaxEvidence) {
          f.log_evidence.push_back(evidence_of(in.events, *a));
        }
        for (const assets::Asset* asset : index.of(a->path)) involved[asset->id] = asset;
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
      const LocalTime local = s.zone.to_local(*f.start);
      f.reasons.push_back(fmt::format(
          "asset files touched at {} {} local time, outside working hours "
          "{:02}:00-{:02}:00 Monday to Friday",
          date::format("%a %F %H:%M", local), s.zone.name(), s.work_start_hour,
          s.work_end_hour));
      int points = 25 + asset_points(assets_list);
      points += add_context(f, person, *f.end, s);
      f.set_score(points);
      f.title = fmt::format("{} touched {} file{} of {} outside working hours",
                            user, files.size(), files.size() == 1 ? "" : "s",
                            fmt::join(f.assets, ", "));
      f.id = make_id(f.detector, {user, std::to_string(night)});
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace mamori::detect
