// exfil_sequence: collection of asset files, then a step that leaves the
// company's control, by the same person within Settings::sequence_window:
// a write to removable media (other than an approved stick used by its
// owner) or an upload to an external or personal destination. The carried
// file must be tied to the collection: the same file name, the same size,
// a path under an asset, or an archive written after the collection began.
// An upload to the company's own sites is not carry-out (destinations.h).
#include "common/i18n.h"
#include "common/text.h"
#include "detect/destinations.h"
#include "detect/log_detectors.h"
#include "detect/log_util.h"
#include "detect/removable.h"
#include "detect/scoring.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace mamori::detect {
namespace {

constexpr int kBase = 45;
constexpr int kArchivePoints = 5;
constexpr int kRemovablePoints = 15;
constexpr int kUnapprovedPoints = 5;
constexpr int kExternalPoints = 15;
constexpr int kPersonalPoints = 20;
constexpr size_t kEvidenceCollected = 5;  // the rest are counted

bool is_archive_name(std::string_view path) {
  static constexpr std::string_view kExtensions[] = {
      ".zip", ".7z", ".rar", ".tar", ".tgz", ".gz",
      ".bz2", ".xz", ".zst", ".lzh", ".cab", ".iso"};
  const std::string lower = to_lower(base_name(path));
  return std::any_of(std::begin(kExtensions), std::end(kExtensions),
                     [&](std::string_view ext) {
                       return lower.size() > ext.size() && lower.ends_with(ext);
                     });
}

enum class Carry { kNone, kRemovable, kExternal, kPersonal };

struct Step {
  const FileAccess* access;
  Carry kind;
  std::string how;  // "by name", "by size", "asset path", "the archive"
};

struct Sequence {
  std::vector<Step> carried;
  std::set<uint32_t> collected;
  std::set<const assets::Asset*> assets;
  const FileAccess* first = nullptr;
  const FileAccess* archive = nullptr;
};

}  // namespace

std::vector<Finding> exfil_sequence(const BehaviourModel& model,
                                    const people::DeviceList& devices) {
  const EventStore& events = model.events();
  const Settings& s = model.settings();
  AssetIndex& index = model.assets();
  const Destinations& destinations = model.destinations();
  std::vector<Finding> findings;
  for (const Actor& actor : model.actors()) {
    const std::string& user = events.str(actor.user);
    std::vector<const FileAccess*> collected;  // asset files, by time
    std::vector<const FileAccess*> archives;
    for (const FileAccess* a : actor.accesses) {
      if (is_collection(a->action) && !index.of(a->path).empty())
        collected.push_back(a);
      if (a->action == logs::Action::kArchive ||
          (is_write(a->action) && is_archive_name(events.str(a->path)))) {
        archives.push_back(a);
      }
    }
    if (collected.empty())
      continue;
    std::vector<Sequence> sequences;
    for (const FileAccess* a : actor.accesses) {
      // Is this a carry-out step?
      Carry kind = Carry::kNone;
      if (auto target = model.removable().target_of(*a)) {
        const std::string serial =
            target->device ? target->device->serial : std::string();
        const people::ApprovedDevice* approved =
            serial.empty() ? nullptr : devices.find(serial);
        if (approved == nullptr || !iequals(approved->owner, user))
          kind = Carry::kRemovable;
      } else if (a->action == logs::Action::kUpload) {
        switch (destinations.of(events, *a)) {
          case Destination::kCompany:
            break;
          case Destination::kExternal:
            kind = Carry::kExternal;
            break;
          case Destination::kPersonal:
            kind = Carry::kPersonal;
            break;
        }
      }
      if (kind == Carry::kNone)
        continue;
      // The collection it may carry: asset files within the window before.
      const Timestamp since = a->time - s.sequence_window;
      auto lo = std::lower_bound(
          collected.begin(), collected.end(), since,
          [](const FileAccess* c, Timestamp t) { return c->time < t; });
      auto hi = std::upper_bound(
          collected.begin(), collected.end(), a->time,
          [](Timestamp t, const FileAccess* c) { return t < c->time; });
      if (lo == hi)
        continue;
      const std::string name = to_lower(base_name(events.str(a->path)));
      std::string how;
      if (!index.of(a->path).empty())
        how = tr("asset path");
      for (auto it = lo; it != hi && how.empty(); ++it) {
        if (to_lower(base_name(events.str((*it)->path))) == name) {
          how = tr("by name");
        } else if (a->sized && a->size > 0 && (*it)->sized &&
                   (*it)->size == a->size) {
          how = tr("by size");
        }
      }
      const FileAccess* archive = nullptr;
      for (const FileAccess* ar : archives) {
        if (ar->time >= (*lo)->time && ar->time <= a->time &&
            (ar == a || to_lower(base_name(events.str(ar->path))) == name)) {
          archive = ar;
          if (how.empty())
            how = tr("the archive");
          break;
        }
      }
      if (how.empty())
        continue;  // not tied to what was collected
      if (sequences.empty() ||
          a->time - sequences.back().first->time > s.sequence_window) {
        Sequence seq;
        seq.first = *lo;
        sequences.push_back(std::move(seq));
      }
      Sequence& seq = sequences.back();
      for (auto it = lo; it != hi; ++it) {
        seq.collected.insert((*it)->path);
        for (const assets::Asset* asset : index.of((*it)->path))
          seq.assets.insert(asset);
      }
      if (archive != nullptr && seq.archive == nullptr)
        seq.archive = archive;
      seq.carried.push_back({a, kind, how});
    }
    for (const Sequence& seq : sequences) {
      Finding f;
      f.detector = "exfil_sequence";
      f.user = user;
      std::vector<const assets::Asset*> assets_list(seq.assets.begin(),
                                                    seq.assets.end());
      for (const assets::Asset* a : assets_list)
        f.assets.push_back(a->id);
      std::sort(f.assets.begin(), f.assets.end());
      f.start = seq.first->time;
      f.end = seq.carried.back().access->time;
      f.files = seq.collected.size();
      size_t shown = 0;
      for (const FileAccess* c : collected) {
        if (shown == kEvidenceCollected || c->time > *f.end)
          break;
        if (c->time >= *f.start && seq.collected.contains(c->path)) {
          f.log_evidence.push_back(evidence_of(events, *c));
          ++shown;
        }
      }
      if (seq.archive != nullptr)
        f.log_evidence.push_back(evidence_of(events, *seq.archive));
      for (const Step& step : seq.carried) {
        if (f.log_evidence.size() < model.settings().max_evidence)
          f.log_evidence.push_back(evidence_of(events, *step.access));
      }
      f.evidence_total =
          seq.collected.size() + (seq.archive ? 1 : 0) + seq.carried.size();
      std::vector<std::string> steps = {
          trnf("collected {count} asset file", "collected {count} asset files",
               seq.collected.size(), fmt::arg("count", seq.collected.size()))};
      int points = kBase;
      if (seq.archive != nullptr) {
        steps.push_back(
            trf("archived into {archive}",
                fmt::arg("archive", base_name(events.str(seq.archive->path)))));
        points += kArchivePoints;
      }
      size_t removable = 0;
      std::set<std::string> uploads;
      bool personal = false;
      std::set<std::string> ties;
      for (const Step& step : seq.carried) {
        ties.insert(step.how);
        if (step.kind == Carry::kRemovable) {
          ++removable;
        } else {
          const FileAccess& up = *step.access;
          uploads.insert(
              host_of(events.str(up.target != 0 ? up.target : up.path)));
          personal = personal || step.kind == Carry::kPersonal;
        }
      }
      if (removable > 0) {
        steps.push_back(trnf("copied {count} file to removable media",
                             "copied {count} files to removable media",
                             removable, fmt::arg("count", removable)));
        points += kRemovablePoints;
        const auto target =
            model.removable().target_of(*seq.carried.front().access);
        if (target && target->device && !target->device->serial.empty() &&
            devices.find(target->device->serial) == nullptr) {
          points += kUnapprovedPoints;
          f.device = *target->device;
        }
      }
      if (!uploads.empty()) {
        steps.push_back(personal
                            ? trf("uploaded to {hosts} (personal)",
                                  fmt::arg("hosts", fmt::join(uploads, ", ")))
                            : trf("uploaded to {hosts} (external)",
                                  fmt::arg("hosts", fmt::join(uploads, ", "))));
        points += personal ? kPersonalPoints : kExternalPoints;
      }
      f.reasons.push_back(
          trf("{steps} within {duration}",
              fmt::arg("steps", fmt::join(steps, tr(", then "))),
              fmt::arg("duration", format_duration(*f.end - *f.start))));
      f.reasons.push_back(trf("carried files tied to the collection {ties}",
                              fmt::arg("ties", fmt::join(ties, ", "))));
      points += score::sensitivity(assets_list);
      points += score::departure(f, actor, *f.end, true, s);
      f.set_score(points);
      f.title = trf("{user} {steps} ({assets})", fmt::arg("user", user),
                    fmt::arg("steps", fmt::join(steps, " → ")),
                    fmt::arg("assets", fmt::join(f.assets, ", ")));
      f.steps = std::move(steps);
      f.id = make_id(f.detector, {user, format_rfc3339(*f.start)});
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace mamori::detect
