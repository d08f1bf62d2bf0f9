// removable_copy, unapproved_device and exfil_sequence: what leaves, on which
// device, and whether it follows collection.
#include "common/text.h"
#include "detect/log_detectors.h"
#include "detect/log_util.h"
#include "detect/removable.h"
#include "logs/journal_parser.h"
#include "logs/syslog_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace mamori::detect {
namespace {

using logs::Action;

std::string device_key(const std::optional<logs::Device>& d,
                       const std::string& root) {
  if (d && !d->serial.empty())
    return d->serial;
  return root;
}

std::string device_label(const logs::Device& d) {
  std::string label;
  if (!d.vendor_id.empty() || !d.product_id.empty()) {
    label = fmt::format("{}:{} ", d.vendor_id, d.product_id);
  }
  if (!d.label.empty())
    label += fmt::format("\"{}\" ", d.label);
  if (!d.serial.empty())
    label += fmt::format("serial {}", d.serial);
  return std::string(trim(label));
}

// Per person: which file names they collected from assets, to recognise the
// same file when it is written to removable media (Sentinel's
// mass-download-then-USB join is by file name).
std::map<std::string, std::vector<const assets::Asset*>> collected_names(
    const std::vector<const FileAccess*>& accesses, AssetIndex& index,
    const EventStore& events) {
  std::map<std::string, std::vector<const assets::Asset*>> names;
  for (const FileAccess* a : accesses) {
    if (!is_collection(a->action))
      continue;
    const auto& involved = index.of(a->path);
    if (involved.empty())
      continue;
    auto& list = names[to_lower(base_name(events.str(a->path)))];
    for (const assets::Asset* asset : involved) {
      if (std::find(list.begin(), list.end(), asset) == list.end()) {
        list.push_back(asset);
      }
    }
  }
  return names;
}

bool any_action(Action a) {
  return a != Action::kOther;
}

struct Copy {
  const FileAccess* access;
  RemovableTarget target;
  std::vector<const assets::Asset*> assets;  // by path or collected name
};

}  // namespace

std::vector<Finding> detect_removable_copy(const LogInputs& in) {
  std::vector<Finding> findings;
  const RemovableMedia media(in.events, in.settings);
  AssetIndex index(in.events, in.assets);
  for (const auto& [user_id, list] : by_user(in.events, any_action)) {
    const std::string& user = in.events.str(user_id);
    const auto names = collected_names(list, index, in.events);
    // Copies grouped per device, a new group after sequence_window.
    std::map<std::string, std::vector<std::vector<Copy>>> groups;
    for (const FileAccess* a : list) {
      auto target = media.target_of(*a);
      if (!target)
        continue;
      Copy copy{a, *target, index.of(a->path)};
      if (auto it = names.find(to_lower(base_name(in.events.str(a->path))));
          it != names.end()) {
        for (const assets::Asset* asset : it->second) {
          if (std::find(copy.assets.begin(), copy.assets.end(), asset) ==
              copy.assets.end()) {
            copy.assets.push_back(asset);
          }
        }
      }
      auto& runs = groups[device_key(target->device, target->root)];
      if (runs.empty() || a->time - runs.back().front().access->time >
                              in.settings.sequence_window) {
        runs.emplace_back();
      }
      runs.back().push_back(std::move(copy));
    }
    for (const auto& [key, runs] : groups) {
      for (const std::vector<Copy>& run : runs) {
        Finding f;
        f.detector = "removable_copy";
        f.user = user;
        std::set<uint32_t> files;
        std::set<const assets::Asset*> involved;
        std::set<uint32_t> asset_files;
        uint64_t bytes = 0;
        bool have_bytes = false;
        for (const Copy& c : run) {
          if (!files.insert(c.access->path).second)
            continue;
          if (f.log_evidence.size() < kMaxEvidence) {
            f.log_evidence.push_back(evidence_of(in.events, *c.access));
          }
          if (c.access->bytes) {
            bytes += *c.access->bytes;
            have_bytes = true;
          }
          if (!c.assets.empty())
            asset_files.insert(c.access->path);
          involved.insert(c.assets.begin(), c.assets.end());
        }
        const RemovableTarget& target = run.front().target;
        if (target.device)
          f.device = *target.device;
        f.start = run.front().access->time;
        f.end = run.back().access->time;
        f.files = files.size();
        if (have_bytes)
          f.bytes = bytes;
        f.evidence_total = files.size();
        const std::string where =
            target.device ? device_label(*target.device) : target.root;
        f.reasons.push_back(fmt::format(
            "{} file{} written to removable media {}", files.size(),
            files.size() == 1 ? "" : "s", where.empty() ? target.root : where));
        int points = 25;
        if (files.size() >= in.settings.removable_floor ||
            (have_bytes && bytes >= in.settings.removable_bytes_floor)) {
          points = 45;
          f.reasons.push_back(
              fmt::format("bulk copy: at least {} files or {} in a day",
                          in.settings.removable_floor,
                          human_bytes(in.settings.removable_bytes_floor)));
        }
        std::vector<const assets::Asset*> assets_list(involved.begin(),
                                                      involved.end());
        if (!assets_list.empty()) {
          points = std::max(points, 55) + asset_points(assets_list);
          for (const assets::Asset* a : assets_list)
            f.assets.push_back(a->id);
          std::sort(f.assets.begin(), f.assets.end());
          f.reasons.push_back(fmt::format(
              "{} of them are asset files ({}), by path or by the name of a "
              "file the person read",
              asset_files.size(), fmt::join(f.assets, ", ")));
        }
        const std::string serial =
            target.device ? target.device->serial : std::string();
        const people::ApprovedDevice* approved =
            serial.empty() ? nullptr : in.devices.find(serial);
        if (approved != nullptr && iequals(approved->owner, user)) {
          points = std::min(points, 15);
          f.reasons.push_back(
              fmt::format("the device is approved and issued to {}", user));
        } else if (approved != nullptr && !approved->owner.empty()) {
          points += 10;
          f.reasons.push_back(fmt::format(
              "the device is issued to {}, not to {}", approved->owner, user));
        } else if (!serial.empty()) {
          points += 10;
          f.reasons.push_back("the device is not in the approved list");
        }
        points += add_context(f, in.roster.find(user), *f.end, in.settings);
        f.set_score(points);
        f.title = fmt::format(
            "{} copied {} file{}{} to removable media{}", user, files.size(),
            files.size() == 1 ? "" : "s",
            f.assets.empty() ? ""
                             : fmt::format(" of {}", fmt::join(f.assets, ", ")),
            where.empty() ? "" : " " + where);
        f.id = make_id(f.detector, {user, key, format_rfc3339(*f.start)});
        findings.push_back(std::move(f));
      }
    }
  }
  return findings;
}

std::vector<Finding> detect_unapproved_device(const LogInputs& in) {
  // Storage devices of this run: those mounted, and those named by Windows
  // storage logs (setupapi USBSTOR, Partition/Diagnostic, 6416 disks); a
  // kernel "new USB device" alone may be a keyboard.
  struct Seen {
    logs::Device device;
    std::string host;
    Timestamp first{};
    Timestamp last{};
    std::vector<LogEvidence> evidence;
    size_t events = 0;
  };
  std::map<std::string, Seen> seen;  // by serial
  for (const logs::Event& e : in.events.device_events()) {
    if (e.device.serial.empty())
      continue;
    const bool storage =
        e.action == Action::kMount || !e.mount.empty() ||
        (e.format != logs::kSyslogFormat && e.format != logs::kJournalFormat);
    if (!storage || e.action == Action::kDeviceDetach ||
        e.action == Action::kUnmount) {
      continue;
    }
    auto [it, inserted] = seen.try_emplace(e.device.serial);
    Seen& s = it->second;
    if (inserted) {
      s.first = e.time;
      s.host = e.host;
    }
    for (std::string logs::Device::*field :
         {&logs::Device::vendor_id, &logs::Device::product_id,
          &logs::Device::label, &logs::Device::bus}) {
      if ((s.device.*field).empty())
        s.device.*field = e.device.*field;
    }
    s.device.serial = e.device.serial;
    s.first = std::min(s.first, e.time);
    s.last = std::max(s.last, e.time);
    if (s.evidence.size() < kMaxEvidence) {
      s.evidence.push_back({e.source(), e.time,
                            std::string(logs::to_string(e.action)), e.mount,
                            std::nullopt});
    }
    ++s.events;
  }
  std::vector<Finding> findings;
  for (const auto& [serial, s] : seen) {
    const people::ApprovedDevice* approved = in.devices.find(serial);
    if (approved != nullptr)
      continue;  // misuse by others: removable_copy
    Finding f;
    f.detector = "unapproved_device";
    f.device = s.device;
    f.start = s.first;
    f.end = s.last;
    f.log_evidence = s.evidence;
    f.evidence_total = s.events;
    f.reasons.push_back(
        fmt::format("serial {} is not in the approved device list", serial));
    int points = 30;
    f.set_score(points);
    f.title = fmt::format("unapproved removable storage {} attached{}",
                          device_label(s.device),
                          s.host.empty() ? "" : " to " + s.host);
    f.id = make_id(f.detector, {serial, s.host});
    findings.push_back(std::move(f));
  }
  return findings;
}

namespace {

bool is_archive_name(std::string_view path) {
  static constexpr std::string_view kExtensions[] = {
      ".zip", ".7z", ".rar", ".tar", ".tgz", ".gz",
      ".bz2", ".xz", ".zst", ".lzh", ".cab", ".iso"};
  const std::string lower = to_lower(base_name(path));
  return std::any_of(std::begin(kExtensions), std::end(kExtensions),
                     [&](std::string_view ext) {
                       return lower.size() > ext.size() &&
                              lower.compare(lower.size() - ext.size(),
                                            ext.size(), ext) == 0;
                     });
}

}  // namespace

std::vector<Finding> detect_exfil_sequence(const LogInputs& in) {
  std::vector<Finding> findings;
  const RemovableMedia media(in.events, in.settings);
  AssetIndex index(in.events, in.assets);
  for (const auto& [user_id, list] : by_user(in.events, any_action)) {
    const std::string& user = in.events.str(user_id);
    // Step 1: collection of asset files; steps 2 and 3 must follow the
    // first collected file within the window.
    const FileAccess* first = nullptr;
    std::set<uint32_t> collected;
    std::set<const assets::Asset*> involved;
    const FileAccess* archive = nullptr;
    const FileAccess* carried = nullptr;
    size_t carried_files = 0;
    std::vector<LogEvidence> evidence;
    for (const FileAccess* a : list) {
      if (first != nullptr &&
          a->time - first->time > in.settings.sequence_window) {
        break;
      }
      const auto& assets_here = index.of(a->path);
      if (is_collection(a->action) && !assets_here.empty()) {
        if (first == nullptr)
          first = a;
        if (collected.insert(a->path).second && evidence.size() < 5) {
          evidence.push_back(evidence_of(in.events, *a));
        }
        involved.insert(assets_here.begin(), assets_here.end());
        continue;
      }
      if (first == nullptr)
        continue;
      const bool archiving =
          a->action == Action::kArchive ||
          (is_write(a->action) && is_archive_name(in.events.str(a->path)));
      if (archiving && archive == nullptr) {
        archive = a;
        evidence.push_back(evidence_of(in.events, *a));
      }
      if (a->action == Action::kUpload || media.target_of(*a)) {
        if (carried == nullptr) {
          carried = a;
          evidence.push_back(evidence_of(in.events, *a));
        }
        ++carried_files;
      }
    }
    if (first == nullptr || (archive == nullptr && carried == nullptr))
      continue;
    Finding f;
    f.detector = "exfil_sequence";
    f.user = user;
    std::vector<const assets::Asset*> assets_list(involved.begin(),
                                                  involved.end());
    for (const assets::Asset* a : assets_list)
      f.assets.push_back(a->id);
    std::sort(f.assets.begin(), f.assets.end());
    f.start = first->time;
    f.end = std::max(archive ? archive->time : first->time,
                     carried ? carried->time : first->time);
    f.files = collected.size();
    f.log_evidence = std::move(evidence);
    f.evidence_total = collected.size() + (archive ? 1 : 0) + carried_files;
    std::vector<std::string> steps = {
        fmt::format("collected {} asset file{}", collected.size(),
                    collected.size() == 1 ? "" : "s")};
    int points = 45;
    if (archive != nullptr) {
      steps.push_back(fmt::format("archived into {}",
                                  base_name(in.events.str(archive->path))));
      points += 10;
    }
    if (carried != nullptr) {
      steps.push_back(carried->action == Action::kUpload
                          ? std::string("uploaded")
                          : fmt::format("copied {} file{} to removable media",
                                        carried_files,
                                        carried_files == 1 ? "" : "s"));
      points += 20;
    }
    f.reasons.push_back(fmt::format("{} within {}", fmt::join(steps, ", then "),
                                    format_duration(*f.end - *f.start)));
    points += asset_points(assets_list);
    points += add_context(f, in.roster.find(user), *f.end, in.settings);
    f.set_score(points);
    f.title = fmt::format("{} {} ({})", user, fmt::join(steps, " → "),
                          fmt::join(f.assets, ", "));
    f.id = make_id(f.detector, {user, format_rfc3339(*f.start)});
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace mamori::detect
