// The detector table: one row per detector, in run order, with its
// description and, for log detectors, the function that runs it.
#include "detect/registry.h"

#include <algorithm>
#include <array>

namespace mamori::detect {
namespace {

constexpr std::array kDetectors = {
    DetectorInfo{"content_match", "A file or archive member matches a rule"},
    DetectorInfo{
        "hash_match",
        "A file or archive member has the SHA-256 of a declared asset file"},
    DetectorInfo{"similar_file",
                 "A file or archive member resembles a declared asset file by "
                 "a similarity hash (a re-saved or edited copy)"},
    DetectorInfo{"staged_archive",
                 "An archive holds members that match assets: collection "
                 "staged for carrying out"},
    DetectorInfo{"encrypted_archive",
                 "An encrypted archive whose contents could not be checked"},
    DetectorInfo{"bulk_access",
                 "A person reads, downloads or copies far more files than "
                 "their own and their peers' baselines in a short window",
                 bulk_access},
    DetectorInfo{"unauthorized_access",
                 "A person outside an asset's authorized list touches it, or "
                 "anybody touches an asset after their last working day",
                 unauthorized_access},
    DetectorInfo{"removable_copy", "Files written to removable media",
                 removable_copy},
    DetectorInfo{"unapproved_device",
                 "Removable storage (USB, SD, MTP, or a disk the user may "
                 "remove; never an internal disk, keyboard or monitor) that "
                 "is not in the approved list, or used by someone other than "
                 "its owner",
                 unapproved_device},
    DetectorInfo{"exfil_sequence",
                 "Collection of asset files followed by a step that leaves "
                 "the company's control: removable media, an external or "
                 "personal upload, an archive carried out",
                 exfil_sequence},
    DetectorInfo{"cumulative_access",
                 "Slow collection over days, far above the person's other "
                 "weeks and their peers' same week",
                 cumulative_access},
    DetectorInfo{"off_hours_access",
                 "Asset access at an hour the person does not otherwise work",
                 off_hours_access},
};

}  // namespace

std::span<const DetectorInfo> detectors() {
  return kDetectors;
}

const DetectorInfo* find_detector(std::string_view name) {
  for (const DetectorInfo& d : kDetectors) {
    if (d.name == name)
      return &d;
  }
  return nullptr;
}

std::vector<Finding> run_log_detector(LogDetector detector,
                                      const LogInputs& in) {
  in.events.finish();
  const BehaviourModel model(in.events, in.assets, in.roster, in.settings);
  return detector(model, in.devices);
}

std::vector<Finding> detect_from_logs(const LogInputs& in) {
  in.events.finish();
  const BehaviourModel model(in.events, in.assets, in.roster, in.settings);
  std::vector<Finding> all;
  for (const DetectorInfo& d : kDetectors) {
    if (d.run == nullptr)
      continue;
    for (Finding& f : d.run(model, in.devices))
      all.push_back(std::move(f));
  }
  if (in.timelines != nullptr) {
    std::vector<std::string> users;
    for (const Finding& f : all) {
      if (!f.user.empty() &&
          std::find(users.begin(), users.end(), f.user) == users.end())
        users.push_back(f.user);
    }
    *in.timelines = person_timelines(model, users);
  }
  return all;
}

}  // namespace mamori::detect
