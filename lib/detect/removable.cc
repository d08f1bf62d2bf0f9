// Decides which writes land on removable media: mount points and drive
// letters tied to USB storage by device events of the run, configured
// removable roots, and events that say so themselves.
#include "detect/removable.h"

#include "common/i18n.h"
#include "common/text.h"
#include "logs/journal_parser.h"
#include "logs/syslog_parser.h"

#include <fmt/format.h>

#include <algorithm>

namespace mamori::detect {

bool is_write(logs::Action a) {
  return a == logs::Action::kWrite || a == logs::Action::kCreate ||
         a == logs::Action::kCopyRemovable;
}

bool is_removable_storage(const logs::Event& e) {
  switch (e.device.storage) {
    case logs::Storage::kRemovable:
      return true;
    case logs::Storage::kFixed:
    case logs::Storage::kNone:
      return false;
    case logs::Storage::kUnknown:
      break;
  }
  return e.action == logs::Action::kMount || !e.mount.empty() ||
         (e.format != logs::kSyslogFormat && e.format != logs::kJournalFormat);
}

RemovableMedia::RemovableMedia(const EventStore& events,
                               const Settings& settings)
    : events_(events) {
  for (const logs::Event& e : events.device_events()) {
    if (e.mount.empty() ||
        (e.action != logs::Action::kMount &&
         e.action != logs::Action::kDeviceAttach) ||
        !is_removable_storage(e)) {
      continue;
    }
    std::string point = e.mount;
    while (point.size() > 1 && point.back() == '/')
      point.pop_back();
    mounts_.push_back({std::move(point), e.host, e.time, e.device});
  }
  std::stable_sort(
      mounts_.begin(), mounts_.end(),
      [](const Mount& a, const Mount& b) { return a.time < b.time; });
  for (const std::string& root : settings.removable_roots) {
    std::string error;
    if (auto glob = PathGlob::compile(root, &error))
      roots_.push_back(*glob);
  }
}

std::string device_label(const logs::Device& d) {
  std::string label;
  if (!d.vendor_id.empty() || !d.product_id.empty())
    label = fmt::format("{}:{} ", d.vendor_id, d.product_id);
  if (!d.label.empty())
    label += fmt::format("\"{}\" ", d.label);
  if (!d.serial.empty())
    label += trf("serial {serial}", fmt::arg("serial", d.serial));
  return std::string(trim(label));
}

namespace {

bool lies_under(std::string_view path, std::string_view point) {
  if (path.size() <= point.size())
    return false;
  const bool fold = is_case_insensitive_path(point);
  const std::string_view head = path.substr(0, point.size());
  if (fold ? !iequals(head, point) : head != point)
    return false;
  return path[point.size()] == '/' || point.back() == '/';
}

}  // namespace

std::optional<RemovableTarget> RemovableMedia::target_of(
    const FileAccess& access) const {
  if (!is_write(access.action))
    return std::nullopt;
  const std::string& path = events_.str(access.path);
  const std::string& host = events_.str(access.host);
  // The latest mount of a point holding the path, made before the write.
  for (auto it = mounts_.rbegin(); it != mounts_.rend(); ++it) {
    if (it->time > access.time)
      continue;
    if (!host.empty() && !it->host.empty() && !iequals(host, it->host)) {
      continue;
    }
    if (lies_under(path, it->point))
      return RemovableTarget{it->device, it->point};
  }
  if (access.action == logs::Action::kCopyRemovable) {
    RemovableTarget target;
    if (access.device >= 0) {
      target.device = events_.devices()[static_cast<size_t>(access.device)];
    }
    return target;
  }
  for (const PathGlob& root : roots_) {
    if (root.matches(path))
      return RemovableTarget{std::nullopt, root.pattern()};
  }
  return std::nullopt;
}

}  // namespace mamori::detect
