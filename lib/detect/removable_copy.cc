// removable_copy: files written to removable media, per person and device,
// a new finding after Settings::sequence_window. Asset files are known by
// path or by the name of a file the person collected (Sentinel's
// mass-download-then-USB join is by file name). An approved stick used by
// its owner stays informational; a bulk copy to an unapproved stick by
// someone who does not copy to removable media is not.
#include "common/i18n.h"
#include "common/text.h"
#include "detect/log_detectors.h"
#include "detect/log_util.h"
#include "detect/removable.h"
#include "detect/scoring.h"
#include "detect/service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace mamori::detect {
namespace {

constexpr int kBase = 25;
constexpr int kBulkPoints = 15;        // over the removable floors
constexpr int kAssetFilesPoints = 20;  // asset files by path or name
constexpr int kUnapprovedPoints = 10;  // not in the list, or not the owner's
constexpr int kApprovedOwnerCap = 15;  // approved stick, used by its owner
constexpr int kServicePoints = 15;     // a service account writing to media

struct Copy {
  const FileAccess* access;
  RemovableTarget target;
  std::vector<const assets::Asset*> assets;  // by path or collected name
};

std::string device_key(const std::optional<logs::Device>& d,
                       const std::string& root) {
  if (d && !d->serial.empty())
    return d->serial;
  return root;
}

}  // namespace

std::map<std::string, std::vector<const assets::Asset*>> collected_names(
    const BehaviourModel& model, const Actor& actor) {
  std::map<std::string, std::vector<const assets::Asset*>> names;
  for (const FileAccess* a : actor.accesses) {
    if (!is_collection(a->action))
      continue;
    const auto& involved = model.assets().of(a->path);
    if (involved.empty())
      continue;
    auto& list = names[to_lower(base_name(model.events().str(a->path)))];
    for (const assets::Asset* asset : involved) {
      if (std::find(list.begin(), list.end(), asset) == list.end())
        list.push_back(asset);
    }
  }
  return names;
}

std::vector<Finding> removable_copy(const BehaviourModel& model,
                                    const people::DeviceList& devices) {
  const EventStore& events = model.events();
  const Settings& s = model.settings();
  std::vector<Finding> findings;
  for (const Actor& actor : model.actors()) {
    const std::string& user = events.str(actor.user);
    const auto names = collected_names(model, actor);
    // Copies grouped per device, a new group after sequence_window.
    std::map<std::string, std::vector<std::vector<Copy>>> groups;
    for (const FileAccess* a : actor.accesses) {
      auto target = model.removable().target_of(*a);
      if (!target)
        continue;
      Copy copy{a, *target, model.assets().of(a->path)};
      if (auto it = names.find(to_lower(base_name(events.str(a->path))));
          it != names.end()) {
        for (const assets::Asset* asset : it->second) {
          if (std::find(copy.assets.begin(), copy.assets.end(), asset) ==
              copy.assets.end()) {
            copy.assets.push_back(asset);
          }
        }
      }
      auto& runs = groups[device_key(target->device, target->root)];
      if (runs.empty() ||
          a->time - runs.back().front().access->time > s.sequence_window) {
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
          if (f.log_evidence.size() < model.settings().max_evidence)
            f.log_evidence.push_back(evidence_of(events, *c.access));
          if (c.access->sized) {
            bytes += c.access->size;
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
        f.reasons.push_back(
            trnf("{count} file written to removable media {device}",
                 "{count} files written to removable media {device}",
                 files.size(), fmt::arg("count", files.size()),
                 fmt::arg("device", where.empty() ? target.root : where)));
        int points = kBase;
        const bool bulk = files.size() >= s.removable_floor ||
                          (have_bytes && bytes >= s.removable_bytes_floor);
        if (bulk) {
          points += kBulkPoints;
          f.reasons.push_back(
              trf("bulk copy: at least {count} files or {bytes} in a day",
                  fmt::arg("count", s.removable_floor),
                  fmt::arg("bytes", human_bytes(s.removable_bytes_floor))));
        }
        std::vector<const assets::Asset*> assets_list(involved.begin(),
                                                      involved.end());
        if (!assets_list.empty()) {
          points += kAssetFilesPoints + score::sensitivity(assets_list);
          for (const assets::Asset* a : assets_list)
            f.assets.push_back(a->id);
          std::sort(f.assets.begin(), f.assets.end());
          f.reasons.push_back(
              trf("{count} of them are asset files ({assets}), by path or by "
                  "the name of a file the person read",
                  fmt::arg("count", asset_files.size()),
                  fmt::arg("assets", fmt::join(f.assets, ", "))));
        }
        // Against the person's own habit of copying to removable media.
        const int32_t day = run.front().access->day;
        const auto own = model.own_daily(actor, &DayStats::removable, day,
                                         run.back().access->day);
        const auto peers =
            actor.service ? std::nullopt
                          : model.peer_daily(actor, &DayStats::removable, day);
        const score::Comparison cmp =
            score::compare(static_cast<double>(files.size()), own, peers,
                           tr("daily files to removable media"));
        const bool unusual = cmp.level != score::Level::kWithin;
        if (bulk && cmp.level >= score::Level::kAbove) {
          for (const std::string& r : cmp.reasons)
            f.reasons.push_back(r);
          points += cmp.points;
        }
        if (actor.service) {
          points += kServicePoints;
          f.reasons.push_back(
              trf("{actor} writing to removable media",
                  fmt::arg("actor", describe_actor(model, actor))));
        }
        const std::string serial =
            target.device ? target.device->serial : std::string();
        const people::ApprovedDevice* approved =
            serial.empty() ? nullptr : devices.find(serial);
        const bool owner_use =
            approved != nullptr && iequals(approved->owner, user);
        if (owner_use) {
          f.reasons.push_back(trf("the device is approved and issued to {user}",
                                  fmt::arg("user", user)));
        } else if (approved != nullptr && !approved->owner.empty()) {
          points += kUnapprovedPoints;
          f.reasons.push_back(
              trf("the device is issued to {owner}, not to {user}",
                  fmt::arg("owner", approved->owner), fmt::arg("user", user)));
        } else if (!serial.empty()) {
          points += kUnapprovedPoints;
          f.reasons.push_back(tr("the device is not in the approved list"));
        }
        points += score::departure(f, actor, *f.end, unusual, s);
        if (owner_use)
          points = std::min(points, kApprovedOwnerCap);
        f.set_score(points);
        const uint64_t n = files.size();
        if (f.assets.empty()) {
          f.title =
              trnf("{user} copied {count} file to removable media {device}",
                   "{user} copied {count} files to removable media {device}", n,
                   fmt::arg("user", user), fmt::arg("count", n),
                   fmt::arg("device", where));
        } else {
          f.title = trnf(
              "{user} copied {count} file of {assets} to removable media "
              "{device}",
              "{user} copied {count} files of {assets} to removable media "
              "{device}",
              n, fmt::arg("user", user), fmt::arg("count", n),
              fmt::arg("assets", fmt::join(f.assets, ", ")),
              fmt::arg("device", where));
        }
        while (!f.title.empty() && f.title.back() == ' ')
          f.title.pop_back();  // no device known
        f.id = make_id(f.detector, {user, key, format_rfc3339(*f.start)});
        findings.push_back(std::move(f));
      }
    }
  }
  return findings;
}

}  // namespace mamori::detect
