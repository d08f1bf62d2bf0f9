// The behaviour model: what each person (and each person's machine
// processes) usually does, computed once from the events of the run and read
// by every log detector. Per actor and local day (Settings::zone): distinct
// files collected (read, downloaded, copied), asset files among them, files
// written to removable media, hours of activity. Baselines are robust: the
// median and the median absolute deviation of the actor's own days, and of
// the peers' (same department or roster group), which stand alone while the
// actor has fewer than Settings::own_baseline_days days of history and give
// a second opinion after that (reference/detections.md §3: modified
// z >= 3.5 with a floor; peers during a 7-day warm-up).
#pragma once

#include "assets/register.h"
#include "detect/destinations.h"
#include "detect/event_store.h"
#include "detect/log_util.h"
#include "detect/removable.h"
#include "detect/settings.h"
#include "people/roster.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace mamori::detect {

// Who did the accesses: a person as they work, or the backup, indexing,
// antivirus and sync processes running under their name.
struct Actor {
  uint32_t user = 0;
  bool machine = false;
  const people::Person* person = nullptr;  // null when not in the roster
  // A service account (roster `service`) or machine processes: judged
  // against its own schedule and scope.
  bool service = false;
  std::vector<const FileAccess*> accesses;  // by time
};

struct DayStats {
  uint32_t collected = 0;        // distinct files read, downloaded or copied
  uint32_t asset_files = 0;      // of them, under some asset
  uint32_t downloaded = 0;       // distinct files downloaded
  uint32_t written = 0;          // distinct files written or created
  uint32_t removable = 0;        // distinct files written to removable media
  uint32_t uploads_company = 0;  // files uploaded to the company's sites
  uint32_t uploads_out = 0;      // to external or personal destinations
  uint32_t hours = 0;            // bit h: active in local hour h
  uint64_t bytes = 0;            // of the files collected, where logged
};

// A robust summary of a set of values.
struct Baseline {
  enum class Kind { kOwn, kPeers };
  Kind kind = Kind::kOwn;
  double median = 0;
  double mad = 0;          // median absolute deviation
  size_t values = 0;       // days (own) or person-days (peers)
  size_t people = 0;       // peers behind it
  bool same_days = false;  // peers measured on the same days
};

// Median and MAD of `values`; nullopt when empty.
std::optional<Baseline> robust_summary(std::vector<double> values);

class BehaviourModel {
 public:
  BehaviourModel(const EventStore& events, const assets::Register& reg,
                 const people::Roster& roster, const Settings& settings);
  BehaviourModel(const BehaviourModel&) = delete;
  BehaviourModel& operator=(const BehaviourModel&) = delete;

  const EventStore& events() const { return events_; }
  const Settings& settings() const { return settings_; }
  const people::Roster& roster() const { return roster_; }
  const assets::Register& assets_register() const { return reg_; }
  const std::vector<Actor>& actors() const { return actors_; }
  AssetIndex& assets() const { return assets_; }
  const RemovableMedia& removable() const { return removable_; }
  const Destinations& destinations() const { return destinations_; }

  // The actor's day, or null when they were not active then.
  const DayStats* day(const Actor& actor, int32_t day) const;
  size_t active_days(const Actor& actor) const;
  int32_t first_day() const { return first_day_; }
  int32_t last_day() const { return last_day_; }

  // Distinct files `actor` collected on days [from, to].
  size_t distinct_collected(const Actor& actor, int32_t from, int32_t to) const;

  // The actor's own daily values of `metric` on their active days outside
  // [from, to] and before their notice date; nullopt below
  // Settings::own_baseline_days such days (service actors: 2).
  using Metric = uint32_t DayStats::*;
  std::optional<Baseline> own_daily(const Actor& actor, Metric metric,
                                    int32_t from, int32_t to) const;
  // The peers' daily values of `metric`: on `day` when at least
  // Settings::peer_min people were active then, else on all their days.
  std::optional<Baseline> peer_daily(const Actor& actor, Metric metric,
                                     int32_t day) const;
  // Distinct files collected in windows as long as [from, to]: the actor's
  // own windows that do not overlap it (and start on or after the first day
  // of the run), and the peers' windows [from, to] themselves.
  std::optional<Baseline> own_window(const Actor& actor, int32_t from,
                                     int32_t to) const;
  std::optional<Baseline> peer_window(const Actor& actor, int32_t from,
                                      int32_t to) const;

  // Days outside [from, to] on which the actor touched `asset`.
  size_t asset_days(const Actor& actor, const assets::Asset& asset,
                    int32_t from, int32_t to) const;
  // Other days than `day` on which the actor was active within `slack`
  // hours of `hour` (wrapping around midnight). A person's weekdays count
  // for one another and weekend days for one another; a service's
  // schedule is the same every day.
  size_t hour_days(const Actor& actor, int hour, int32_t day, int slack) const;
  // Share (0..1) of `folders` the actor also collected from on other days
  // than [from, to]; folders are the first four path components.
  double usual_scope_share(const Actor& actor, const std::set<uint32_t>& paths,
                           int32_t from, int32_t to) const;

  // True when `user` may touch `asset` by its `authorized` list; a person
  // after their last working day may touch nothing.
  bool authorized(const Actor& actor, const assets::Asset& asset,
                  Timestamp at) const;

 private:
  struct ActorDays {
    std::map<int32_t, DayStats> days;
    std::map<int32_t, std::vector<uint32_t>> files;  // collected, sorted
    std::map<const assets::Asset*, std::set<int32_t>> asset_days;
  };
  const std::vector<const Actor*>& peers_of(const Actor& actor) const;
  std::vector<const Actor*> find_peers(const Actor& actor) const;
  size_t count_distinct(const Actor& actor, int32_t from, int32_t to) const;
  std::optional<int32_t> baseline_end(const Actor& actor) const;
  // An own baseline from `values`, when there are enough of them.
  std::optional<Baseline> own_baseline(const Actor& actor,
                                       std::vector<double> values) const;

  const EventStore& events_;
  const assets::Register& reg_;
  const people::Roster& roster_;
  const Settings& settings_;
  mutable AssetIndex assets_;
  RemovableMedia removable_;
  Destinations destinations_;
  std::vector<Actor> actors_;
  std::vector<ActorDays> days_;  // parallel to actors_
  // distinct_collected() per actor, by (from, to).
  mutable std::vector<std::unordered_map<uint64_t, size_t>> window_cache_;
  mutable std::vector<std::optional<std::vector<const Actor*>>> peers_;
  int32_t first_day_ = 0;
  int32_t last_day_ = 0;
};

// Accounts that are no person: computer accounts (`PC01$`), Windows' own
// principals (SYSTEM, NT AUTHORITY\\...), SharePoint's system accounts.
// Outside the roster they are judged like service accounts.
bool is_system_account(std::string_view name);

// The folder of a path for scope comparisons: its first four components.
std::string_view scope_of(std::string_view path);

// The names (lower-case) of the asset files an actor collected, with their
// assets: a copy or upload of the same name is the same file.
std::map<std::string, std::vector<const assets::Asset*>> collected_names(
    const BehaviourModel& model, const Actor& actor);

}  // namespace mamori::detect
