// unauthorized_access: need-to-know. A person outside an asset's
// `authorized` list touches it, or anybody touches an asset after their last
// working day (their need-to-know ended with it).
#include "common/i18n.h"
#include "detect/log_detectors.h"
#include "detect/log_util.h"
#include "detect/scoring.h"
#include "detect/service.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace mamori::detect {
namespace {

constexpr int kBase = 40;
constexpr size_t kManyFiles = 10;  // tens of files: collection, not a slip
constexpr int kManyFilesPoints = 10;
constexpr size_t kFewFiles = 2;  // one or two files: perhaps a mis-click
constexpr int kFewFilesPoints = -10;
// Days of touching an asset that make it part of the person's work, when
// their own history is long enough to say so: the list may be out of date.
constexpr size_t kHabitualDays = 5;
constexpr int kHabitualPoints = -10;
// Days a service must have touched an asset for it to be in its scope.
constexpr size_t kServiceHistoryDays = 2;

bool touches(logs::Action a) {
  return a != logs::Action::kConnect && a != logs::Action::kOther;
}

}  // namespace

std::vector<Finding> unauthorized_access(const BehaviourModel& model,
                                         const people::DeviceList&) {
  const EventStore& events = model.events();
  const Settings& s = model.settings();
  std::vector<Finding> findings;
  for (const Actor& actor : model.actors()) {
    const std::string& user = events.str(actor.user);
    std::map<const assets::Asset*, std::vector<const FileAccess*>> per_asset;
    for (const FileAccess* a : actor.accesses) {
      if (!touches(a->action))
        continue;
      for (const assets::Asset* asset : model.assets().of(a->path)) {
        if (!model.authorized(actor, *asset, a->time))
          per_asset[asset].push_back(a);
      }
    }
    for (const auto& [asset, accesses] : per_asset) {
      Finding f;
      f.detector = "unauthorized_access";
      f.user = user;
      f.assets = {asset->id};
      std::set<uint32_t> files;
      size_t count = 0;
      for (const FileAccess* a : accesses) {
        count += a->count;
        if (files.insert(a->path).second &&
            f.log_evidence.size() < model.settings().max_evidence) {
          f.log_evidence.push_back(evidence_of(events, *a));
        }
      }
      f.start = accesses.front()->time;
      f.end = accesses.back()->time;
      f.files = files.size();
      f.evidence_total = files.size();
      const int32_t from = accesses.front()->day;
      const int32_t to = accesses.back()->day;
      const bool after_end =
          actor.person != nullptr && actor.person->end_date &&
          days_between(*f.start, *actor.person->end_date) < 0;
      // A service sweeping what it sweeps on other days too, or with no
      // history in this run to say otherwise, is doing its job.
      if (actor.service && !after_end &&
          (model.active_days(actor) < kServiceHistoryDays ||
           model.asset_days(actor, *asset, INT32_MAX, INT32_MIN) >=
               kServiceHistoryDays)) {
        continue;
      }
      int points = kBase + score::sensitivity({asset});
      if (after_end) {
        f.reasons.push_back(trf(
            "{user} touched {asset} after the last working day, when "
            "need-to-know ended",
            fmt::arg("user", user), fmt::arg("asset", asset_label(*asset))));
      } else {
        f.reasons.push_back(
            trf("{user} is not in the authorized list of {asset} ({list})",
                fmt::arg("user", user), fmt::arg("asset", asset_label(*asset)),
                fmt::arg("list", fmt::join(asset->authorized, ", "))));
      }
      f.reasons.push_back(trnf("{count} file touched", "{count} files touched",
                               files.size(), fmt::arg("count", files.size())) +
                          tr(", ") +
                          trnf("{count} access", "{count} accesses", count,
                               fmt::arg("count", count)));
      if (files.size() >= kManyFiles) {
        points += kManyFilesPoints;
      } else if (files.size() <= kFewFiles) {
        points += kFewFilesPoints;
      }
      if (actor.service) {
        f.reasons.push_back(
            trf("{actor}, outside its usual scope",
                fmt::arg("actor", describe_actor(model, actor))));
      }
      const size_t habit = model.asset_days(actor, *asset, from, to);
      if (!after_end && habit >= kHabitualDays &&
          model.active_days(actor) >=
              static_cast<size_t>(s.own_baseline_days)) {
        points += kHabitualPoints;
        f.reasons.push_back(
            trf("touches it on {days} other days: the authorized list may be "
                "out of date",
                fmt::arg("days", habit)));
      }
      points += score::departure(f, actor, *f.end, true, s);
      f.set_score(points);
      const uint64_t n = files.size();
      f.title =
          after_end
              ? trnf(
                    "{user} touched {count} file of {asset} after the last "
                    "working day",
                    "{user} touched {count} files of {asset} after the last "
                    "working day",
                    n, fmt::arg("user", user), fmt::arg("count", n),
                    fmt::arg("asset", asset->id))
              : trnf(
                    "{user} touched {count} file of {asset} without "
                    "need-to-know",
                    "{user} touched {count} files of {asset} without "
                    "need-to-know",
                    n, fmt::arg("user", user), fmt::arg("count", n),
                    fmt::arg("asset", asset->id));
      f.id = make_id(f.detector, {user, asset->id, format_rfc3339(*f.start)});
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace mamori::detect
