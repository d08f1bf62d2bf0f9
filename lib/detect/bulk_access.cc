// bulk_access: many distinct files collected in a short window. The floors
// of Settings decide what is looked at; the score says how far the burst is
// outside the person's own daily volume and the peers', on whose assets,
// with which need-to-know and departure context.
#include "common/i18n.h"
#include "detect/log_detectors.h"
#include "detect/log_util.h"
#include "detect/scoring.h"
#include "detect/service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace mamori::detect {
namespace {

constexpr int kBase = 40;        // at the floor every product uses
constexpr int kMassPoints = 15;  // at or over Settings::bulk_mass_floor

struct Burst {
  size_t first = 0;  // index into the actor's collection accesses
  size_t last = 0;
};

// The sliding window: a window of `window` length ending at each access is
// hot at or above a floor; hot windows that overlap merge into one burst.
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

bool is_core(const std::vector<const assets::Asset*>& assets) {
  return std::any_of(assets.begin(), assets.end(), [](const assets::Asset* a) {
    return a->sensitivity == assets::Sensitivity::kCore;
  });
}

std::string departure_suffix(const Finding& f, int departure_points) {
  if (!f.context || !f.context->days_to_end)
    return {};
  const int days = *f.context->days_to_end;
  if (days < 0)
    return tr(", after the last working day");
  if (departure_points <= score::kDepartingOrdinary)
    return {};
  const bool contract = f.context->employment == "dispatched" ||
                        f.context->employment == "contractor";
  const auto n = static_cast<uint64_t>(days);
  return contract
             ? trnf(", {days} day before the contract ends",
                    ", {days} days before the contract ends", n,
                    fmt::arg("days", days))
             : trnf(", {days} day before leaving",
                    ", {days} days before leaving", n, fmt::arg("days", days));
}

Finding one_burst(const BehaviourModel& model, const Actor& actor,
                  const std::vector<const FileAccess*>& list,
                  const std::vector<bool>& core, const Burst& burst) {
  const EventStore& events = model.events();
  const Settings& s = model.settings();
  AssetIndex& index = model.assets();
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
      if (f.log_evidence.size() < model.settings().max_evidence)
        f.log_evidence.push_back(evidence_of(events, a));
      if (a.sized) {
        bytes += a.size;
        have_bytes = true;
      }
      for (const assets::Asset* asset : index.of(a.path)) {
        involved[asset->id] = asset;
        ++files_per_asset[asset->id];
      }
    }
    if (core[i])
      core_files.insert(a.path);
  }
  const Timestamp start = list[burst.first]->time;
  const Timestamp end = list[burst.last]->time;
  const int32_t day = list[burst.first]->day;
  const std::string& user = events.str(actor.user);
  std::vector<const assets::Asset*> assets_list;
  for (const auto& [id, asset] : involved) {
    assets_list.push_back(asset);
    f.assets.push_back(id);
  }

  f.detector = "bulk_access";
  f.user = user;
  f.start = start;
  f.end = end;
  f.files = files.size();
  if (have_bytes)
    f.bytes = bytes;
  f.evidence_total = files.size();
  f.reasons.push_back(trf(
      "{count} distinct files in {duration} (floor {floor} per {window} min, "
      "{core_floor} for core assets)",
      fmt::arg("count", files.size()),
      fmt::arg("duration", format_duration(end - start)),
      fmt::arg("floor", s.bulk_floor),
      fmt::arg("window", s.bulk_window.count()),
      fmt::arg("core_floor", s.bulk_core_floor)));

  int points = kBase;
  if (files.size() >= s.bulk_mass_floor) {
    points += kMassPoints;
    f.reasons.push_back(trf("mass collection: at least {count} files",
                            fmt::arg("count", s.bulk_mass_floor)));
  }
  const double value = static_cast<double>(files.size());
  const auto own = model.own_daily(actor, &DayStats::collected, day, day);
  const auto peers = actor.service
                         ? std::nullopt
                         : model.peer_daily(actor, &DayStats::collected, day);
  const score::Comparison cmp =
      score::compare(value, own, peers, tr("daily distinct files"));
  if (actor.service) {
    const ServiceVerdict verdict =
        judge_service(model, actor, cmp, files, day, start);
    if (verdict.routine)
      return {};  // the account's regular sweep: nothing to act on
    for (const std::string& r : verdict.reasons)
      f.reasons.push_back(r);
  }
  for (const std::string& r : cmp.reasons)
    f.reasons.push_back(r);
  points += cmp.points;
  for (const auto& [id, asset] : involved) {
    f.reasons.push_back(trf("{count} of them under asset {asset}",
                            fmt::arg("count", files_per_asset[id]),
                            fmt::arg("asset", asset_label(*asset))));
  }
  points += score::sensitivity(assets_list);
  points +=
      score::need_to_know(model, actor, assets_list, day, day, end, f.reasons);
  const bool unusual = cmp.level != score::Level::kWithin;
  const int departure = score::departure(f, actor, end, unusual, s);
  points += departure;
  f.set_score(points);

  const std::string duration = format_duration(end - start);
  f.title = f.assets.empty()
                ? trf("{user} read {count} files in {duration}",
                      fmt::arg("user", user), fmt::arg("count", files.size()),
                      fmt::arg("duration", duration))
                : trf("{user} read {count} files of {assets} in {duration}",
                      fmt::arg("user", user), fmt::arg("count", files.size()),
                      fmt::arg("assets", fmt::join(f.assets, ", ")),
                      fmt::arg("duration", duration));
  f.title += departure_suffix(f, departure);
  f.id = make_id(f.detector, {user, format_rfc3339(start)});
  return f;
}

}  // namespace

std::vector<Finding> bulk_access(const BehaviourModel& model,
                                 const people::DeviceList& /*devices*/) {
  std::vector<Finding> findings;
  AssetIndex& index = model.assets();
  for (const Actor& actor : model.actors()) {
    std::vector<const FileAccess*> list;
    for (const FileAccess* a : actor.accesses) {
      if (is_collection(a->action))
        list.push_back(a);
    }
    std::vector<bool> core(list.size());
    for (size_t i = 0; i < list.size(); ++i)
      core[i] = is_core(index.of(list[i]->path));
    for (const Burst& burst : find_bursts(list, core, model.settings())) {
      Finding f = one_burst(model, actor, list, core, burst);
      if (!f.detector.empty())
        findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace mamori::detect
