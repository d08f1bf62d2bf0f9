// Builds the behaviour model from the event store: per-person daily counts,
// robust (median/MAD) own and peer baselines, usual hours and scope. Read by
// every log detector; it never looks at raw events again.
#include "detect/behaviour.h"

#include "common/text.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace mamori::detect {

std::optional<Baseline> robust_summary(std::vector<double> values) {
  if (values.empty())
    return std::nullopt;
  auto median_of = [](std::vector<double>& v) {
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<ptrdiff_t>(mid),
                     v.end());
    double m = v[mid];
    if (v.size() % 2 == 0) {
      m = (m + *std::max_element(v.begin(),
                                 v.begin() + static_cast<ptrdiff_t>(mid))) /
          2;
    }
    return m;
  };
  Baseline b;
  b.values = values.size();
  b.median = median_of(values);
  for (double& v : values)
    v = std::fabs(v - b.median);
  b.mad = median_of(values);
  return b;
}

std::string_view scope_of(std::string_view path) {
  size_t pos = 0;
  int parts = 0;
  // "//host/share/a/b/c" and "/srv/shares/a/b/c" alike: skip leading "/".
  while (pos < path.size() && path[pos] == '/')
    ++pos;
  while (pos < path.size()) {
    const size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos)
      return path;  // the file itself is within four components
    if (++parts == 4)
      return path.substr(0, slash);
    pos = slash + 1;
  }
  return path;
}

bool is_system_account(std::string_view name) {
  // Computer accounts (PC01$), Windows' own principals, SharePoint's.
  if (name.ends_with('$'))
    return true;
  std::string lower = to_lower(name);
  for (std::string_view prefix : {"nt authority\\", "nt service\\",
                                  "font driver host\\", "window manager\\"}) {
    if (lower.starts_with(prefix))
      return true;
  }
  static constexpr std::string_view kNames[] = {
      "system",         "local service",      "network service", "localsystem",
      "app@sharepoint", "sharepoint\\system", "anonymous logon"};
  return std::find(std::begin(kNames), std::end(kNames), lower) !=
         std::end(kNames);
}

BehaviourModel::BehaviourModel(const EventStore& events,
                               const assets::Register& reg,
                               const people::Roster& roster,
                               const Settings& settings)
    : events_(events),
      reg_(reg),
      roster_(roster),
      settings_(settings),
      assets_(events, reg),
      removable_(events, settings),
      destinations_(events, reg, settings) {
  const auto& all = events.accesses();
  bool any = false;
  for (size_t i = 0; i < all.size();) {
    Actor actor;
    actor.user = all[i].user;
    actor.machine = all[i].machine;
    actor.person = roster.find(events.str(actor.user));
    actor.service =
        actor.machine ||
        (actor.person != nullptr &&
         actor.person->employment == people::Employment::kService) ||
        (actor.person == nullptr && is_system_account(events.str(actor.user)));
    ActorDays days;
    for (; i < all.size() && all[i].user == actor.user &&
           all[i].machine == actor.machine;
         ++i) {
      const FileAccess& a = all[i];
      actor.accesses.push_back(&a);
      if (!any || a.day < first_day_)
        first_day_ = a.day;
      if (!any || a.day > last_day_)
        last_day_ = a.day;
      any = true;
      DayStats& stats = days.days[a.day];
      const auto& involved = assets_.of(a.path);
      for (const assets::Asset* asset : involved)
        days.asset_days[asset].insert(a.day);
      if (is_collection(a.action)) {
        days.files[a.day].push_back(a.path);
        stats.bytes += a.size;
      }
      // One record per file, action and day already: counts are distinct.
      if (a.action == logs::Action::kDownload)
        ++stats.downloaded;
      if (is_write(a.action))
        ++stats.written;
      if (removable_.target_of(a))
        ++stats.removable;
      if (a.action == logs::Action::kUpload) {
        if (destinations_.of(events, a) == Destination::kCompany)
          ++stats.uploads_company;
        else
          ++stats.uploads_out;
      }
    }
    for (auto& [day, files] : days.files) {
      std::sort(files.begin(), files.end());
      files.erase(std::unique(files.begin(), files.end()), files.end());
      DayStats& stats = days.days[day];
      stats.collected = static_cast<uint32_t>(files.size());
      for (uint32_t path : files) {
        if (!assets_.of(path).empty())
          ++stats.asset_files;
      }
    }
    for (auto& [day, stats] : days.days) {
      if (const DayActivity* act =
              events.activity(actor.user, actor.machine, day)) {
        stats.hours = act->hours;
      }
    }
    actors_.push_back(std::move(actor));
    days_.push_back(std::move(days));
  }
  window_cache_.resize(actors_.size());
  peers_.resize(actors_.size());
}

const DayStats* BehaviourModel::day(const Actor& actor, int32_t day) const {
  const auto& days = days_[static_cast<size_t>(&actor - actors_.data())].days;
  auto it = days.find(day);
  return it == days.end() ? nullptr : &it->second;
}

size_t BehaviourModel::active_days(const Actor& actor) const {
  return days_[static_cast<size_t>(&actor - actors_.data())].days.size();
}

size_t BehaviourModel::distinct_collected(const Actor& actor, int32_t from,
                                          int32_t to) const {
  // Peers' windows are asked for once per person compared with them.
  const uint64_t key =
      (uint64_t{static_cast<uint32_t>(from)} << 32) | static_cast<uint32_t>(to);
  auto& cache = window_cache_[static_cast<size_t>(&actor - actors_.data())];
  if (auto it = cache.find(key); it != cache.end())
    return it->second;
  const size_t n = count_distinct(actor, from, to);
  cache.emplace(key, n);
  return n;
}

size_t BehaviourModel::count_distinct(const Actor& actor, int32_t from,
                                      int32_t to) const {
  const auto& files = days_[static_cast<size_t>(&actor - actors_.data())].files;
  std::vector<uint32_t> all;
  for (auto it = files.lower_bound(from); it != files.end() && it->first <= to;
       ++it) {
    all.insert(all.end(), it->second.begin(), it->second.end());
  }
  std::sort(all.begin(), all.end());
  return static_cast<size_t>(std::unique(all.begin(), all.end()) - all.begin());
}

std::optional<int32_t> BehaviourModel::baseline_end(const Actor& actor) const {
  // Once a departure is known, the person's behaviour is what is judged:
  // it must not become their baseline (reference/detections.md §3, step 5).
  if (actor.person != nullptr && actor.person->notice_date) {
    return static_cast<int32_t>(
        actor.person->notice_date->time_since_epoch().count());
  }
  return std::nullopt;
}

std::optional<Baseline> BehaviourModel::own_baseline(
    const Actor& actor, std::vector<double> values) const {
  const size_t need =
      actor.service ? 2 : static_cast<size_t>(settings_.own_baseline_days);
  if (values.size() < need)
    return std::nullopt;
  auto b = robust_summary(std::move(values));
  if (b)
    b->kind = Baseline::Kind::kOwn;
  return b;
}

std::optional<Baseline> BehaviourModel::own_daily(const Actor& actor,
                                                  Metric metric, int32_t from,
                                                  int32_t to) const {
  const auto end = baseline_end(actor);
  std::vector<double> values;
  for (const auto& [day, stats] :
       days_[static_cast<size_t>(&actor - actors_.data())].days) {
    if ((day >= from && day <= to) || (end && day >= *end))
      continue;
    values.push_back(stats.*metric);
  }
  return own_baseline(actor, std::move(values));
}

const std::vector<const Actor*>& BehaviourModel::peers_of(
    const Actor& actor) const {
  auto& cached = peers_[static_cast<size_t>(&actor - actors_.data())];
  if (!cached)
    cached = find_peers(actor);
  return *cached;
}

std::vector<const Actor*> BehaviourModel::find_peers(const Actor& actor) const {
  std::vector<const Actor*> out;
  auto human = [](const Actor& a) { return !a.service; };
  if (actor.person != nullptr) {
    for (const Actor& other : actors_) {
      if (&other == &actor || !human(other) || other.person == nullptr)
        continue;
      const people::Person& p = *other.person;
      bool peer = !actor.person->department.empty() &&
                  iequals(p.department, actor.person->department);
      for (const std::string& g : actor.person->groups) {
        if (peer)
          break;
        peer = roster_.in_group(p, g);
      }
      if (peer)
        out.push_back(&other);
    }
  }
  if (out.size() < static_cast<size_t>(settings_.peer_min)) {
    // Too few colleagues to compare with: everybody who is a person.
    out.clear();
    for (const Actor& other : actors_) {
      if (&other != &actor && human(other))
        out.push_back(&other);
    }
  }
  return out;
}

std::optional<Baseline> BehaviourModel::peer_daily(const Actor& actor,
                                                   Metric metric,
                                                   int32_t on) const {
  const auto& peers = peers_of(actor);
  if (peers.size() < static_cast<size_t>(settings_.peer_min))
    return std::nullopt;
  std::vector<double> same_day;
  std::vector<double> any_day;
  for (const Actor* p : peers) {
    for (const auto& [d, stats] :
         days_[static_cast<size_t>(p - actors_.data())].days) {
      any_day.push_back(stats.*metric);
      if (d == on)
        same_day.push_back(stats.*metric);
    }
  }
  const bool same = same_day.size() >= static_cast<size_t>(settings_.peer_min);
  auto b = robust_summary(same ? std::move(same_day) : std::move(any_day));
  if (b) {
    b->kind = Baseline::Kind::kPeers;
    b->people = peers.size();
    b->same_days = same;
  }
  return b;
}

std::optional<Baseline> BehaviourModel::own_window(const Actor& actor,
                                                   int32_t from,
                                                   int32_t to) const {
  const int32_t length = to - from;
  const auto end = baseline_end(actor);
  std::vector<double> values;
  const auto& days = days_[static_cast<size_t>(&actor - actors_.data())].days;
  for (const auto& [day, stats] : days) {
    // Windows ending on an active day, wholly inside the run, not touching
    // [from, to], before any notice.
    const int32_t start = day - length;
    if (start < first_day_ || (day >= from && start <= to) ||
        (end && day >= *end)) {
      continue;
    }
    values.push_back(
        static_cast<double>(distinct_collected(actor, start, day)));
  }
  return own_baseline(actor, std::move(values));
}

std::optional<Baseline> BehaviourModel::peer_window(const Actor& actor,
                                                    int32_t from,
                                                    int32_t to) const {
  const auto& peers = peers_of(actor);
  std::vector<double> values;
  for (const Actor* p : peers) {
    const size_t n = distinct_collected(*p, from, to);
    if (n > 0)
      values.push_back(static_cast<double>(n));
  }
  if (values.size() < static_cast<size_t>(settings_.peer_min))
    return std::nullopt;
  auto b = robust_summary(std::move(values));
  if (b) {
    b->kind = Baseline::Kind::kPeers;
    b->people = b->values;
    b->same_days = true;
  }
  return b;
}

size_t BehaviourModel::asset_days(const Actor& actor,
                                  const assets::Asset& asset, int32_t from,
                                  int32_t to) const {
  const auto& by_asset =
      days_[static_cast<size_t>(&actor - actors_.data())].asset_days;
  auto it = by_asset.find(&asset);
  if (it == by_asset.end())
    return 0;
  return static_cast<size_t>(
      std::count_if(it->second.begin(), it->second.end(),
                    [&](int32_t d) { return d < from || d > to; }));
}

size_t BehaviourModel::hour_days(const Actor& actor, int hour, int32_t on,
                                 int slack) const {
  uint32_t mask = 0;
  for (int h = hour - slack; h <= hour + slack; ++h)
    mask |= 1u << ((h + 24) % 24);
  // Weekdays count for one another, and weekend days for one another.
  auto weekend = [](int32_t d) {
    const date::weekday wd{date::sys_days{date::days{d}}};
    return wd == date::Saturday || wd == date::Sunday;
  };
  const bool on_weekend = weekend(on);
  size_t n = 0;
  for (const auto& [d, stats] :
       days_[static_cast<size_t>(&actor - actors_.data())].days) {
    if (d != on && (stats.hours & mask) != 0 &&
        (actor.service || weekend(d) == on_weekend))
      ++n;
  }
  return n;
}

double BehaviourModel::usual_scope_share(const Actor& actor,
                                         const std::set<uint32_t>& paths,
                                         int32_t from, int32_t to) const {
  if (paths.empty())
    return 1.0;
  std::set<std::string_view> usual;
  for (const FileAccess* a : actor.accesses) {
    if (a->day < from || a->day > to)
      usual.insert(scope_of(events_.str(a->path)));
  }
  std::set<std::string_view> folders;
  for (uint32_t p : paths)
    folders.insert(scope_of(events_.str(p)));
  const auto known =
      std::count_if(folders.begin(), folders.end(),
                    [&](std::string_view f) { return usual.contains(f); });
  return static_cast<double>(known) / static_cast<double>(folders.size());
}

bool BehaviourModel::authorized(const Actor& actor, const assets::Asset& asset,
                                Timestamp at) const {
  if (actor.person != nullptr && actor.person->end_date &&
      days_between(at, *actor.person->end_date) < 0) {
    return false;  // need-to-know ends with the last working day
  }
  if (asset.authorized.empty())
    return true;
  const std::string& user = events_.str(actor.user);
  return std::any_of(asset.authorized.begin(), asset.authorized.end(),
                     [&](const std::string& entry) {
                       if (entry.rfind("group:", 0) == 0) {
                         return actor.person != nullptr &&
                                roster_.in_group(*actor.person,
                                                 entry.substr(6));
                       }
                       return iequals(entry, user);
                     });
}

}  // namespace mamori::detect
