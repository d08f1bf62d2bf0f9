#include "detect/log_detectors.h"

#include "common/text.h"
#include "detect/log_util.h"
#include "detect/person_context.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace mamori::detect {
namespace {

using logs::Action;

// Median distinct files per UTC day over the person's other active days
// (not the day of `except`), with the number of such days; nullopt with
// fewer than three of them, which is no baseline.
std::optional<std::pair<uint64_t, size_t>> daily_median(
    const std::vector<const FileAccess*>& list, Timestamp except) {
  const auto skip = std::chrono::floor<date::days>(except);
  std::map<date::sys_days, std::set<uint32_t>> per_day;
  for (const FileAccess* a : list) {
    const auto day = std::chrono::floor<date::days>(a->time);
    if (day != skip)
      per_day[day].insert(a->path);
  }
  if (per_day.size() < 3)
    return std::nullopt;
  std::vector<uint64_t> counts;
  for (const auto& [day, files] : per_day)
    counts.push_back(files.size());
  std::nth_element(counts.begin(), counts.begin() + counts.size() / 2,
                   counts.end());
  return std::make_pair(counts[counts.size() / 2], per_day.size());
}

struct Burst {
  size_t first = 0;  // index into the person's accesses
  size_t last = 0;
};

// The sliding-window scan behind bulk_access: a window of `window` length
// ending at each access; a window at or above a floor is hot, and hot
// windows that overlap merge into one burst.
std::vector<Burst> find_bursts(const std::vector<const FileAccess*>& list,
                               const std::vector<bool>& core,
                               const Settings& s) {
  std::vector<Burst> bursts;
  std::unordered_map<uint32_t, size_t> in_window;  // path -> accesses
  std::unordered_map<uint32_t, size_t> core_in_window;
  size_t left = 0;
  for (size_t right = 0; right < list.size(); ++right) {
    ++in_window[list[right]->path];
    if (core[right])
      ++core_in_window[list[right]->path];
    while (list[right]->time - list[left]->time > s.bulk_window) {
      auto drop = [&](std::unordered_map<uint32_t, size_t>& m) {
        auto it = m.find(list[left]->path);
        if (--it->second == 0)
          m.erase(it);
      };
      drop(in_window);
      if (core[left])
        drop(core_in_window);
      ++left;
    }
    const bool hot = in_window.size() >= s.bulk_floor ||
                     core_in_window.size() >= s.bulk_core_floor;
    if (!hot)
      continue;
    if (!bursts.empty() && left <= bursts.back().last) {
      bursts.back().last = right;
    } else {
      bursts.push_back({left, right});
    }
  }
  return bursts;
}

}  // namespace

std::vector<Finding> detect_bulk_access(const LogInputs& in) {
  std::vector<Finding> findings;
  AssetIndex asset_index(in.events, in.assets);
  for (const auto& [user_id, list] : by_user(in.events, is_collection)) {
    std::vector<bool> core(list.size());
    for (size_t i = 0; i < list.size(); ++i) {
      const auto& involved = asset_index.of(list[i]->path);
      core[i] = std::any_of(
          involved.begin(), involved.end(), [](const assets::Asset* a) {
            return a->sensitivity == assets::Sensitivity::kCore;
          });
    }
    const std::string& user = in.events.str(user_id);
    for (const Burst& burst : find_bursts(list, core, in.settings)) {
      std::set<uint32_t> files;
      std::set<uint32_t> core_files;
      std::map<std::string, size_t> files_per_asset;
      std::map<std::string, const assets::Asset*> involved;
      uint64_t bytes = 0;
      bool have_bytes = false;
      Finding f;
      for (size_t i = burst.first; i <= burst.last; ++i) {
        const FileAccess& a = *list[i];
        if (files.insert(a.path).second) {
          if (f.log_evidence.size() < kMaxEvidence) {
            f.log_evidence.push_back(evidence_of(in.events, a));
          }
          if (a.bytes) {
            bytes += *a.bytes;
            have_bytes = true;
          }
          for (const assets::Asset* asset : asset_index.of(a.path)) {
            involved[asset->id] = asset;
            ++files_per_asset[asset->id];
          }
        }
        if (core[i])
          core_files.insert(a.path);
      }
      const Timestamp start = list[burst.first]->time;
      const Timestamp end = list[burst.last]->time;
      const auto span = end - start;
      const Settings& s = in.settings;

      int points = 45;
      f.reasons.push_back(fmt::format(
          "{} distinct files in {} (floor {} per {} min)", files.size(),
          format_duration(span), s.bulk_floor, s.bulk_window.count()));
      if (files.size() >= s.bulk_mass_floor) {
        points = 85;
        f.reasons.push_back(fmt::format("mass collection: at least {} files",
                                        s.bulk_mass_floor));
      } else if (core_files.size() >= s.bulk_core_floor) {
        points = 60;
      } else if (files.size() >= 4 * s.bulk_floor) {
        points += 5;
      }
      if (auto median = daily_median(list, start)) {
        // The person's own baseline from the other days of the run.
        f.reasons.push_back(
            fmt::format("the person's daily median on {} other days is {}",
                        median->second, median->first));
        if (files.size() >= 10 * std::max<uint64_t>(median->first, 1)) {
          points += 5;
        } else if (files.size() <= 2 * median->first) {
          points -= 10;
        }
      }
      std::vector<const assets::Asset*> assets_involved;
      for (const auto& [id, asset] : involved) {
        assets_involved.push_back(asset);
        f.assets.push_back(id);
        f.reasons.push_back(fmt::format("{} of them under asset {}",
                                        files_per_asset[id],
                                        asset_label(*asset)));
      }
      points += asset_points(assets_involved);
      const int context_points =
          add_context(f, in.roster.find(user), end, in.settings);
      points += context_points;

      f.detector = "bulk_access";
      f.user = user;
      f.start = start;
      f.end = end;
      f.files = files.size();
      if (have_bytes)
        f.bytes = bytes;
      f.evidence_total = files.size();
      f.set_score(points);
      std::string what =
          f.assets.empty()
              ? "files"
              : fmt::format("files of {}", fmt::join(f.assets, ", "));
      f.title = fmt::format("{} read {} {} in {}", user, files.size(), what,
                            format_duration(span));
      if (f.context && f.context->days_to_end && *f.context->days_to_end >= 0 &&
          context_points > 0) {
        f.title += fmt::format(", {} day{} before {}", *f.context->days_to_end,
                               *f.context->days_to_end == 1 ? "" : "s",
                               f.context->employment == "dispatched" ||
                                       f.context->employment == "contractor"
                                   ? "the contract ends"
                                   : "leaving");
      } else if (f.context && f.context->days_to_end &&
                 *f.context->days_to_end < 0) {
        f.title += ", after the last working day";
      }
      f.id = make_id(f.detector, {user, format_rfc3339(start)});
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

std::vector<Finding> detect_unauthorized_access(const LogInputs& in) {
  std::vector<Finding> findings;
  AssetIndex asset_index(in.events, in.assets);
  auto any_access = [](Action a) {
    return a != Action::kConnect && a != Action::kOther;
  };
  for (const auto& [user_id, list] : by_user(in.events, any_access)) {
    const std::string& user = in.events.str(user_id);
    const people::Person* person = in.roster.find(user);
    std::map<std::string, std::vector<const FileAccess*>> per_asset;
    std::map<std::string, const assets::Asset*> assets_by_id;
    for (const FileAccess* a : list) {
      for (const assets::Asset* asset : asset_index.of(a->path)) {
        if (asset->authorized.empty())
          continue;  // no need-to-know list
        const bool allowed =
            std::any_of(asset->authorized.begin(), asset->authorized.end(),
                        [&](const std::string& entry) {
                          if (entry.rfind("group:", 0) == 0) {
                            return person != nullptr &&
                                   in.roster.in_group(*person, entry.substr(6));
                          }
                          return iequals(entry, user);
                        });
        if (allowed)
          continue;
        per_asset[asset->id].push_back(a);
        assets_by_id[asset->id] = asset;
      }
    }
    for (const auto& [asset_id, accesses] : per_asset) {
      const assets::Asset& asset = *assets_by_id[asset_id];
      Finding f;
      f.detector = "unauthorized_access";
      f.user = user;
      f.assets = {asset_id};
      std::set<uint32_t> files;
      for (const FileAccess* a : accesses) {
        if (files.insert(a->path).second &&
            f.log_evidence.size() < kMaxEvidence) {
          f.log_evidence.push_back(evidence_of(in.events, *a));
        }
      }
      f.start = accesses.front()->time;
      f.end = accesses.back()->time;
      f.files = files.size();
      f.evidence_total = accesses.size();
      int points = 45 + asset_points({&asset});
      f.reasons.push_back(
          fmt::format("{} is not in the authorized list of {} ({})", user,
                      asset_label(asset), fmt::join(asset.authorized, ", ")));
      f.reasons.push_back(
          fmt::format("{} file{} touched, {} access{}", files.size(),
                      files.size() == 1 ? "" : "s", accesses.size(),
                      accesses.size() == 1 ? "" : "es"));
      points += add_context(f, person, *f.end, in.settings);
      f.set_score(points);
      f.title =
          fmt::format("{} touched {} file{} of {} without need-to-know", user,
                      files.size(), files.size() == 1 ? "" : "s", asset_id);
      f.id = make_id(f.detector, {user, asset_id, format_rfc3339(*f.start)});
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

std::vector<Finding> detect_from_logs(const LogInputs& in) {
  std::vector<Finding> all = detect_bulk_access(in);
  for (auto detector : {detect_unauthorized_access, detect_removable_copy,
                        detect_unapproved_device, detect_exfil_sequence,
                        detect_cumulative_access, detect_off_hours_access}) {
    for (Finding& f : detector(in))
      all.push_back(std::move(f));
  }
  return all;
}

}  // namespace mamori::detect
