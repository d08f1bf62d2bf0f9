// The compact event store: interned names and paths, and file accesses merged
// per person, local day, file and action, so memory follows distinct files,
// not log lines.
#include "detect/event_store.h"

#include "common/glob.h"
#include "common/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace mamori::detect {

uint32_t Interner::intern(std::string_view s) {
  if (auto it = ids_.find(s); it != ids_.end())
    return it->second;
  const auto id = static_cast<uint32_t>(strings_.size());
  const std::string& stored = strings_.emplace_back(s);
  ids_.emplace(stored, id);
  return id;
}

namespace {

int32_t local_day(const Zone& zone, Timestamp t, int* hour) {
  const LocalTime local = zone.to_local(t);
  const auto day = std::chrono::floor<date::days>(local);
  *hour = static_cast<int>(
      std::chrono::duration_cast<std::chrono::hours>(local - day).count());
  return static_cast<int32_t>(day.time_since_epoch().count());
}

uint64_t activity_key(uint32_t user, bool machine, int32_t day) {
  return (uint64_t{user} << 33) | (uint64_t{machine} << 32) |
         static_cast<uint32_t>(day);
}

// The order in which duplicates sit side by side: one day, one person, one
// file, one action, earliest first. Days first, so the latest day of a
// merged stretch is its end.
auto merge_key(const FileAccess& a) {
  return std::tie(a.day, a.user, a.machine, a.path, a.action, a.target, a.time,
                  a.file, a.line);
}

bool same_record(const FileAccess& a, const FileAccess& b) {
  return a.user == b.user && a.machine == b.machine && a.day == b.day &&
         a.path == b.path && a.action == b.action && a.target == b.target;
}

}  // namespace

EventStore::EventStore(const people::Roster& roster, StoreOptions options)
    : roster_(roster), options_(std::move(options)) {
  for (std::string& p : options_.machine_processes)
    p = to_lower(p);
  strings_.intern("");  // id 0: "none"
}

uint32_t EventStore::user_of(std::string_view logged) {
  const uint32_t id = strings_.intern(logged);
  if (id >= canonical_.size())
    canonical_.resize(id + 1, UINT32_MAX);
  if (canonical_[id] == UINT32_MAX)
    canonical_[id] = strings_.intern(roster_.canonical(logged));
  return canonical_[id];
}

bool EventStore::is_machine(uint32_t process) {
  if (process == 0 || options_.machine_processes.empty())
    return false;
  if (process >= machine_.size())
    machine_.resize(process + 1, -1);
  if (machine_[process] < 0) {
    std::string_view exe = strings_[process];
    if (const size_t slash = exe.find_last_of("/\\");
        slash != std::string_view::npos) {
      exe.remove_prefix(slash + 1);
    }
    const std::string name = to_lower(exe);
    bool hit = false;
    for (const std::string& pattern : options_.machine_processes) {
      std::string error;
      const auto glob = PathGlob::compile(pattern, &error);
      if (glob && glob->matches(name)) {
        hit = true;
        break;
      }
    }
    machine_[process] = hit ? 1 : 0;
  }
  return machine_[process] == 1;
}

void EventStore::add(const logs::Event& event) {
  using logs::Action;
  ++events_added_;
  finished_ = false;
  const bool device_event = event.action == Action::kDeviceAttach ||
                            event.action == Action::kDeviceDetach ||
                            event.action == Action::kMount ||
                            event.action == Action::kUnmount;
  if (device_event) {
    logs::Event copy = event;
    copy.user = roster_.canonical(event.user);
    days_added_.insert(day_of(event.time));
    device_events_.push_back(std::move(copy));
    return;
  }
  if (event.path.empty() || event.user.empty())
    return;
  FileAccess access;
  access.time = event.time;
  if (event.user != last_.logged_user || last_.user == UINT32_MAX) {
    last_.logged_user = event.user;
    last_.user = user_of(event.user);
  }
  access.user = last_.user;
  // Samba logs an open, its reads and its close on consecutive lines.
  if (event.path != strings_[last_.path])
    last_.path = strings_.intern(event.path);
  access.path = last_.path;
  // A log's events come in a run: its name, host and process repeat.
  if (event.file.get() != last_.file_ptr) {
    last_.file_ptr = event.file.get();
    last_.file = strings_.intern(event.file ? *event.file : std::string());
  }
  access.file = last_.file;
  if (event.host != strings_[last_.host])
    last_.host = strings_.intern(event.host);
  access.host = last_.host;
  if (event.process != strings_[last_.process])
    last_.process = strings_.intern(event.process);
  access.process = last_.process;
  access.machine = is_machine(access.process);
  if (event.action == Action::kUpload)
    access.target = strings_.intern(event.target);
  // Events come nearly in time order: the local day and hour of the last
  // quarter hour are reused (every zone's offset, and every change of it,
  // falls on a quarter hour since the local mean times of the 1900s).
  const auto quarter = std::chrono::floor<Quarter>(event.time);
  if (quarter != last_.quarter) {
    last_.quarter = quarter;
    last_.day = local_day(options_.zone, quarter, &last_.hour);
  }
  const int hour = last_.hour;
  access.day = last_.day;
  days_added_.insert(access.day);
  if (!event.device.empty()) {
    access.device = static_cast<int32_t>(devices_.size());
    devices_.push_back(event.device);
  }
  access.line = event.line;
  access.record = event.record;
  access.action = event.action;
  access.sized = event.bytes.has_value();
  access.size = event.bytes.value_or(0);
  DayActivity& day =
      activity_[activity_key(access.user, access.machine, access.day)];
  day.hours |= 1u << hour;
  ++day.events;
  accesses_.push_back(access);
  if (event.action == Action::kRename && !event.target.empty()) {
    // The destination of a rename is a write of that path.
    access.path = strings_.intern(event.target);
    access.action = Action::kWrite;
    accesses_.push_back(access);
  }
  if (accesses_.size() - merged_ >= kMergeEvery) {
    // A log in time order continues the latest day merged so far: merge the
    // new records together with that day's.
    size_t from = merged_;
    if (from > 0) {
      const int32_t latest = accesses_[from - 1].day;
      while (from > 0 && accesses_[from - 1].day == latest)
        --from;
    }
    compact(from);
  }
}

void EventStore::compact(size_t from) {
  // Sorted by key, duplicates side by side; the earliest of each is kept.
  const auto first = accesses_.begin() + static_cast<ptrdiff_t>(from);
  std::sort(first, accesses_.end(),
            [](const FileAccess& a, const FileAccess& b) {
              return merge_key(a) < merge_key(b);
            });
  size_t out = from;
  for (size_t i = from; i < accesses_.size(); ++i) {
    if (out > from && same_record(accesses_[out - 1], accesses_[i])) {
      FileAccess& kept = accesses_[out - 1];
      kept.count += accesses_[i].count;
      if (accesses_[i].sized &&
          (!kept.sized || kept.size < accesses_[i].size)) {
        kept.size = accesses_[i].size;
        kept.sized = true;
      }
      if (kept.device < 0)
        kept.device = accesses_[i].device;
      continue;
    }
    accesses_[out++] = accesses_[i];
  }
  accesses_.resize(out);
  merged_ = out;
}

void EventStore::finish() {
  if (finished_)
    return;
  finished_ = true;
  // The recent records were merged among themselves as they came; a log
  // out of time order, or the same day in two logs, is merged here.
  compact(0);
  accesses_.shrink_to_fit();
  // Logs read side by side, and days restored from an earlier run
  // (--state), come in no common order.
  std::stable_sort(device_events_.begin(), device_events_.end(),
                   [](const logs::Event& a, const logs::Event& b) {
                     return a.time < b.time;
                   });
  std::sort(accesses_.begin(), accesses_.end(),
            [](const FileAccess& a, const FileAccess& b) {
              return std::tie(a.user, a.machine, a.time, a.file, a.line,
                              a.action, a.path) <
                     std::tie(b.user, b.machine, b.time, b.file, b.line,
                              b.action, b.path);
            });
}

int32_t EventStore::day_of(Timestamp t) const {
  int hour = 0;
  return local_day(options_.zone, t, &hour);
}

void EventStore::restore(const StoredAccess& stored) {
  finished_ = false;
  FileAccess a;
  a.time = stored.time;
  a.line = stored.line;
  a.size = stored.size;
  a.user = strings_.intern(stored.user);
  a.path = strings_.intern(stored.path);
  a.file = strings_.intern(stored.file);
  a.host = strings_.intern(stored.host);
  a.process = strings_.intern(stored.process);
  a.target = strings_.intern(stored.target);
  if (stored.device) {
    a.device = static_cast<int32_t>(devices_.size());
    devices_.push_back(*stored.device);
  }
  a.day = stored.day;
  a.count = stored.count;
  a.action = stored.action;
  a.record = stored.record;
  a.machine = stored.machine;
  a.sized = stored.sized;
  accesses_.push_back(a);
}

void EventStore::restore(const StoredActivity& stored) {
  DayActivity& day = activity_[activity_key(strings_.intern(stored.user),
                                            stored.machine, stored.day)];
  day.hours |= stored.activity.hours;
  day.events += stored.activity.events;
}

void EventStore::restore_device_event(logs::Event event) {
  device_events_.push_back(std::move(event));
}

std::vector<StoredAccess> EventStore::stored_accesses(
    const std::set<int32_t>& days) const {
  std::vector<StoredAccess> out;
  for (const FileAccess& a : accesses_) {
    if (!days.contains(a.day))
      continue;
    StoredAccess s;
    s.time = a.time;
    s.line = a.line;
    s.size = a.size;
    s.user = strings_[a.user];
    s.path = strings_[a.path];
    s.file = strings_[a.file];
    s.host = strings_[a.host];
    s.process = strings_[a.process];
    s.target = strings_[a.target];
    if (a.device >= 0)
      s.device = devices_[static_cast<size_t>(a.device)];
    s.day = a.day;
    s.count = a.count;
    s.action = a.action;
    s.record = a.record;
    s.machine = a.machine;
    s.sized = a.sized;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<StoredActivity> EventStore::stored_activity(
    const std::set<int32_t>& days) const {
  std::vector<StoredActivity> out;
  for (const auto& [key, activity] : activity_) {
    const auto day = static_cast<int32_t>(static_cast<uint32_t>(key));
    if (!days.contains(day))
      continue;
    out.push_back({strings_[static_cast<uint32_t>(key >> 33)],
                   ((key >> 32) & 1) != 0, day, activity});
  }
  return out;
}

std::vector<const logs::Event*> EventStore::stored_device_events(
    const std::set<int32_t>& days) const {
  std::vector<const logs::Event*> out;
  for (const logs::Event& e : device_events_) {
    if (days.contains(day_of(e.time)))
      out.push_back(&e);
  }
  return out;
}

const DayActivity* EventStore::activity(uint32_t user, bool machine,
                                        int32_t day) const {
  auto it = activity_.find(activity_key(user, machine, day));
  return it == activity_.end() ? nullptr : &it->second;
}

std::string EventStore::source(const FileAccess& a) const {
  return fmt::format("{}{}{}", strings_[a.file], a.record ? '#' : ':', a.line);
}

}  // namespace mamori::detect
