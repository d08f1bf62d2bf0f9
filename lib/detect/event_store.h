// The events of one run, kept compactly for correlation. Names and paths are
// interned, and the file accesses of one person on one local day are merged
// per (file, action): memory grows with people x days x distinct files, not
// with the number of log lines (a nightly backup re-reading a file a hundred
// times costs one record). Each merged record keeps its first time, how many
// events it stands for, and a reference to the log line of the first one as
// evidence.
#pragma once

#include "common/time.h"
#include "logs/event.h"
#include "people/roster.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mamori::detect {

// Strings stored once, referred to by a dense id.
class Interner {
 public:
  uint32_t intern(std::string_view s);
  const std::string& operator[](uint32_t id) const { return strings_[id]; }
  size_t size() const { return strings_.size(); }

 private:
  std::deque<std::string> strings_;  // stable addresses for the views
  std::unordered_map<std::string_view, uint32_t> ids_;
};

// One person's access to one file with one action on one local day: the
// first such event, and how many there were.
struct FileAccess {
  Timestamp time{};      // the first event
  uint64_t line = 0;     // of the first event
  uint64_t size = 0;     // the largest size logged, when `sized`
  uint32_t user = 0;     // canonical person (roster), interned
  uint32_t path = 0;     // interned
  uint32_t file = 0;     // the log, interned
  uint32_t host = 0;     // interned; "" when the log names none
  uint32_t process = 0;  // interned; "" when the log names none
  uint32_t target = 0;   // interned: where an upload went; "" when not logged
  int32_t device = -1;   // index into EventStore::devices(), when logged
  int32_t day = 0;       // local day (Settings::zone), days since 1970-01-01
  uint32_t count = 1;    // events merged into this record
  logs::Action action = logs::Action::kOther;
  bool record = false;  // line is an EVTX record number
  // Done by a known backup, indexing, antivirus or sync process
  // (StoreOptions::machine_processes): judged like a service account.
  bool machine = false;
  bool sized = false;

  std::optional<uint64_t> bytes() const {
    return sized ? std::optional<uint64_t>(size) : std::nullopt;
  }
};
// A record per person, file, action and day: keep it small.
static_assert(sizeof(FileAccess) <= 64);

// The hours a person was active on one local day, from every event (merged
// records keep only their first time).
struct DayActivity {
  uint32_t hours = 0;  // bit h set: active in local hour h
  uint32_t events = 0;
};

// A merged record as kept between runs (--state, lib/state/history.h),
// with its names spelled out.
struct StoredAccess {
  Timestamp time{};
  uint64_t line = 0;
  uint64_t size = 0;
  std::string user;  // canonical
  std::string path;
  std::string file;
  std::string host;
  std::string process;
  std::string target;
  std::optional<logs::Device> device;
  int32_t day = 0;
  uint32_t count = 1;
  logs::Action action = logs::Action::kOther;
  bool record = false;
  bool machine = false;
  bool sized = false;
};

// A day's activity as kept between runs.
struct StoredActivity {
  std::string user;  // canonical
  bool machine = false;
  int32_t day = 0;
  DayActivity activity;
};

struct StoreOptions {
  Zone zone = Zone::utc();  // for local days and hours (--tz)
  // Process names (the file name of the executable, case-insensitive, `*`
  // and `?` allowed) whose file accesses are machine work: backup agents,
  // indexers, antivirus scanners, cloud sync clients.
  std::vector<std::string> machine_processes;
};

class EventStore {
  using Quarter = std::chrono::duration<int64_t, std::ratio<900>>;

 public:
  explicit EventStore(const people::Roster& roster, StoreOptions options = {});

  // Not thread-safe: the pipeline hands events over from one thread.
  void add(const logs::Event& event);
  // What earlier runs kept (--state): their merged records, activity and
  // device events, added to this run's as if their logs were read again.
  void restore(const StoredAccess& access);
  void restore(const StoredActivity& activity);
  void restore_device_event(logs::Event event);

  // The local days on which add() received events in this run.
  const std::set<int32_t>& days_added() const { return days_added_; }
  // After finish(): the records, activity and device events of `days`, to
  // keep for the next runs.
  std::vector<StoredAccess> stored_accesses(
      const std::set<int32_t>& days) const;
  std::vector<StoredActivity> stored_activity(
      const std::set<int32_t>& days) const;
  std::vector<const logs::Event*> stored_device_events(
      const std::set<int32_t>& days) const;
  // The local day of `t` in the store's zone.
  int32_t day_of(Timestamp t) const;

  // Merges what is left and orders the accesses per person by time; call
  // once after the last add() and before reading accesses().
  void finish();

  // After finish(): grouped by user, machine flag, then by time. A deque:
  // no reallocation doubles the memory of a large run, and the records
  // stay where they are.
  const std::deque<FileAccess>& accesses() const { return accesses_; }
  const std::vector<logs::Event>& device_events() const {
    return device_events_;
  }
  // Devices named by file events (M365 FileCopiedToRemovableMedia...).
  const std::vector<logs::Device>& devices() const { return devices_; }
  const std::string& str(uint32_t id) const { return strings_[id]; }
  std::string source(const FileAccess& a) const;
  // Hours of activity per (user, machine, local day), from every event.
  const DayActivity* activity(uint32_t user, bool machine, int32_t day) const;
  const Zone& zone() const { return options_.zone; }
  // Events received, before merging.
  uint64_t events_added() const { return events_added_; }
  // Records held now: recent ones are merged as they come, so this follows
  // distinct files per person and day, not events.
  size_t records() const { return accesses_.size(); }

 private:
  uint32_t user_of(std::string_view logged);
  bool is_machine(uint32_t process);
  // Merges the records from index `from` on among themselves.
  void compact(size_t from);
  static constexpr size_t kMergeEvery = size_t{1} << 16;  // new records

  const people::Roster& roster_;
  StoreOptions options_;
  Interner strings_;
  std::vector<uint32_t> canonical_;  // logged-name id -> user id
  std::vector<int8_t> machine_;      // process id -> -1 unknown, 0, 1
  std::deque<FileAccess> accesses_;
  size_t merged_ = 0;  // records before this index are merged
  std::unordered_map<uint64_t, DayActivity> activity_;
  std::vector<logs::Event> device_events_;  // attach, detach, (un)mount
  std::vector<logs::Device> devices_;
  struct LastSeen {
    const std::string* file_ptr = nullptr;
    uint32_t file = 0;
    uint32_t host = 0;
    uint32_t process = 0;
    uint32_t path = 0;
    std::string logged_user;
    uint32_t user = UINT32_MAX;
    std::chrono::sys_time<Quarter> quarter{Quarter::min()};
    int32_t day = 0;
    int hour = 0;
  } last_;
  uint64_t events_added_ = 0;
  std::set<int32_t> days_added_;
  bool finished_ = false;
};

}  // namespace mamori::detect
