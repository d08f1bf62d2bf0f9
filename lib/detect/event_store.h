// The events of one run, kept compactly for correlation: names and paths are
// interned, so a day of logs with the same few thousand paths costs a few
// dozen bytes per event rather than a few hundred.
#pragma once

#include "logs/event.h"
#include "people/roster.h"

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
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

struct FileAccess {
  Timestamp time{};
  uint32_t user = 0;    // canonical person (roster), interned
  uint32_t path = 0;    // interned
  uint32_t file = 0;    // the log, interned
  uint32_t host = 0;    // interned; "" when the log names none
  int32_t device = -1;  // index into EventStore::devices(), when logged
  uint64_t line = 0;
  bool record = false;
  logs::Action action = logs::Action::kOther;
  std::optional<uint64_t> bytes;
};

class EventStore {
 public:
  explicit EventStore(const people::Roster& roster) : roster_(roster) {}

  // Safe to call from several threads.
  void add(const logs::Event& event);

  const std::vector<FileAccess>& accesses() const { return accesses_; }
  const std::vector<logs::Event>& device_events() const {
    return device_events_;
  }
  // Devices named by file events (M365 FileCopiedToRemovableMedia...).
  const std::vector<logs::Device>& devices() const { return devices_; }
  const std::string& str(uint32_t id) const { return strings_[id]; }
  std::string source(const FileAccess& a) const;

 private:
  const people::Roster& roster_;
  std::mutex mutex_;
  Interner strings_;
  std::vector<FileAccess> accesses_;
  std::vector<logs::Event> device_events_;  // attach, detach, (un)mount
  std::vector<logs::Device> devices_;
};

}  // namespace mamori::detect
