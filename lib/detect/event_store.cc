#include "detect/event_store.h"

#include <fmt/format.h>

namespace mamori::detect {

uint32_t Interner::intern(std::string_view s) {
  if (auto it = ids_.find(s); it != ids_.end())
    return it->second;
  const auto id = static_cast<uint32_t>(strings_.size());
  const std::string& stored = strings_.emplace_back(s);
  ids_.emplace(stored, id);
  return id;
}

void EventStore::add(const logs::Event& event) {
  using logs::Action;
  const bool device_event = event.action == Action::kDeviceAttach ||
                            event.action == Action::kDeviceDetach ||
                            event.action == Action::kMount ||
                            event.action == Action::kUnmount;
  std::lock_guard lock(mutex_);
  if (device_event) {
    logs::Event copy = event;
    copy.user = roster_.canonical(event.user);
    device_events_.push_back(std::move(copy));
    return;
  }
  if (event.path.empty() || event.user.empty())
    return;
  FileAccess access;
  access.time = event.time;
  access.user = strings_.intern(roster_.canonical(event.user));
  access.path = strings_.intern(event.path);
  access.file = strings_.intern(event.file ? *event.file : std::string());
  access.host = strings_.intern(event.host);
  if (!event.device.empty()) {
    access.device = static_cast<int32_t>(devices_.size());
    devices_.push_back(event.device);
  }
  access.line = event.line;
  access.record = event.record;
  access.action = event.action;
  access.bytes = event.bytes;
  accesses_.push_back(access);
  if (event.action == Action::kRename && !event.target.empty()) {
    // The destination of a rename is a write of that path.
    access.path = strings_.intern(event.target);
    access.action = Action::kWrite;
    accesses_.push_back(access);
  }
}

std::string EventStore::source(const FileAccess& a) const {
  return fmt::format("{}{}{}", strings_[a.file], a.record ? '#' : ':', a.line);
}

}  // namespace mamori::detect
