// cumulative_access: slow collection. The distinct files a person collects
// over Settings::cumulative_days, set against the same person's other
// windows and against the peers' same window: a person who re-reads the
// same working set every day stays flat, one who gathers a little more
// every day climbs.
#include "common/i18n.h"
#include "detect/log_detectors.h"
#include "detect/log_util.h"
#include "detect/scoring.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace mamori::detect {
namespace {

constexpr int kBase = 35;

bool is_core(const std::vector<const assets::Asset*>& assets) {
  return std::any_of(assets.begin(), assets.end(), [](const assets::Asset* a) {
    return a->sensitivity == assets::Sensitivity::kCore;
  });
}

struct Window {
  int32_t from = 0;
  int32_t to = 0;
  size_t files = 0;
  size_t core = 0;
};

}  // namespace

std::vector<Finding> cumulative_access(const BehaviourModel& model,
                                       const people::DeviceList&) {
  const Settings& s = model.settings();
  const EventStore& events = model.events();
  AssetIndex& index = model.assets();
  const int32_t length = s.cumulative_days - 1;
  std::vector<Finding> findings;
  for (const Actor& actor : model.actors()) {
    // Service sweeps cover everything by design; bulk_access judges their
    // volume, time and scope day by day.
    if (actor.service)
      continue;
    // Distinct files per window ending on each active day.
    std::map<int32_t, std::set<uint32_t>> per_day;
    for (const FileAccess* a : actor.accesses) {
      if (is_collection(a->action))
        per_day[a->day].insert(a->path);
    }
    std::optional<Window> best;
    std::vector<Window> hot_windows;  // by their last day
    for (const auto& [day, unused] : per_day) {
      Window w{day - length, day, 0, 0};
      std::set<uint32_t> files;
      for (auto it = per_day.lower_bound(w.from);
           it != per_day.end() && it->first <= w.to; ++it) {
        files.insert(it->second.begin(), it->second.end());
      }
      const auto first = per_day.lower_bound(w.from)->first;
      if (first == day)
        continue;  // one day alone is bulk_access's
      w.files = files.size();
      for (uint32_t p : files) {
        if (is_core(index.of(p)))
          ++w.core;
      }
      const bool hot =
          w.files >= s.cumulative_floor || w.core >= s.cumulative_core_floor;
      if (hot)
        hot_windows.push_back(w);
      if (hot && (!best || w.files > best->files))
        best = w;
    }
    if (!best)
      continue;
    // The episode: the hot windows chained by overlap around the best one.
    // It is named by the day it first ran hot, which later days do not
    // change (whether a window is hot depends on its own days only), so a
    // collection that goes on keeps its id night after night (--state)
    // and grows rather than repeating.
    auto episode =
        std::find_if(hot_windows.begin(), hot_windows.end(),
                     [&](const Window& w) { return w.to == best->to; });
    while (episode != hot_windows.begin() &&
           std::prev(episode)->to >= episode->from)
      --episode;
    const int32_t first_hot = episode->to;
    const std::string& user = events.str(actor.user);
    Finding f;
    f.detector = "cumulative_access";
    f.user = user;
    std::map<std::string, const assets::Asset*> involved;
    std::set<int32_t> active;
    std::set<uint32_t> seen;
    std::vector<const FileAccess*> firsts;
    for (const FileAccess* a : actor.accesses) {
      if (!is_collection(a->action) || a->day < best->from || a->day > best->to)
        continue;
      if (!seen.insert(a->path).second)
        continue;
      firsts.push_back(a);
      active.insert(a->day);
      for (const assets::Asset* asset : index.of(a->path))
        involved[asset->id] = asset;
      if (f.log_evidence.size() < model.settings().max_evidence)
        f.log_evidence.push_back(evidence_of(events, *a));
    }
    f.start = firsts.front()->time;
    f.end = firsts.back()->time;
    f.files = best->files;
    f.evidence_total = best->files;
    std::vector<const assets::Asset*> assets_list;
    for (const auto& [id, asset] : involved) {
      f.assets.push_back(id);
      assets_list.push_back(asset);
    }
    f.reasons.push_back(trnf(
        "{count} distinct files over {active} active day within {days} days "
        "(floor {floor}; {core_floor} for core assets)",
        "{count} distinct files over {active} active days within {days} days "
        "(floor {floor}; {core_floor} for core assets)",
        active.size(), fmt::arg("count", best->files),
        fmt::arg("active", active.size()), fmt::arg("days", s.cumulative_days),
        fmt::arg("floor", s.cumulative_floor),
        fmt::arg("core_floor", s.cumulative_core_floor)));
    if (best->core > 0) {
      f.reasons.push_back(trf("{count} of them under core assets",
                              fmt::arg("count", best->core)));
    }
    const auto own = model.own_window(actor, best->from, best->to);
    const auto peers = model.peer_window(actor, best->from, best->to);
    const score::Comparison cmp = score::compare(
        static_cast<double>(best->files), own, peers,
        trf("{days}-day distinct files", fmt::arg("days", s.cumulative_days)));
    for (const std::string& r : cmp.reasons)
      f.reasons.push_back(r);
    int points = kBase + cmp.points;
    points += score::sensitivity(assets_list);
    points += score::need_to_know(model, actor, assets_list, best->from,
                                  best->to, *f.end, f.reasons);
    points += score::departure(f, actor, *f.end,
                               cmp.level != score::Level::kWithin, s);
    f.set_score(points);
    f.title =
        f.assets.empty()
            ? trf("{user} collected {count} files over {days} days",
                  fmt::arg("user", user), fmt::arg("count", best->files),
                  fmt::arg("days", active.size()))
            : trf("{user} collected {count} files of {assets} over {days} days",
                  fmt::arg("user", user), fmt::arg("count", best->files),
                  fmt::arg("assets", fmt::join(f.assets, ", ")),
                  fmt::arg("days", active.size()));
    f.id =
        make_id(f.detector, {user, format_date(Days(date::days(first_hot)))});
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace mamori::detect
