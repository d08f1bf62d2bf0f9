// Judges service accounts and machine processes against their own history:
// a sweep at their usual hours, over their usual folders and volume, is
// routine.
#include "detect/service.h"

#include "common/i18n.h"

#include <fmt/format.h>

#include <set>

namespace mamori::detect {
namespace {

// History a service needs before its time and scope can be called unusual.
constexpr size_t kServiceHistoryDays = 2;
// At least this share of the folders must be ones the account sweeps on
// other days.
constexpr double kUsualScope = 0.5;

}  // namespace

std::string describe_actor(const BehaviourModel& model, const Actor& actor) {
  if (!actor.machine)
    return tr("a service account");
  std::set<std::string> names;
  for (const FileAccess* a : actor.accesses) {
    std::string_view exe = model.events().str(a->process);
    if (const size_t slash = exe.find_last_of("/\\");
        slash != std::string_view::npos) {
      exe.remove_prefix(slash + 1);
    }
    if (names.size() < 3)
      names.emplace(exe);
  }
  return trf("machine processes ({names})",
             fmt::arg("names", fmt::join(names, ", ")));
}

ServiceVerdict judge_service(const BehaviourModel& model, const Actor& actor,
                             const score::Comparison& volume,
                             const std::set<uint32_t>& paths, int32_t day,
                             Timestamp start) {
  ServiceVerdict v;
  const std::string who = describe_actor(model, actor);
  const size_t other_days = model.active_days(actor) - 1;
  if (other_days < kServiceHistoryDays) {
    v.routine = true;
    v.reasons.push_back(
        trf("{actor} with no history in this run", fmt::arg("actor", who)));
    return v;
  }
  const LocalTime local = model.events().zone().to_local(start);
  const auto midnight = std::chrono::floor<date::days>(local);
  const int hour = static_cast<int>(
      std::chrono::duration_cast<std::chrono::hours>(local - midnight).count());
  const size_t at_hour = model.hour_days(actor, hour, day, 1);
  const double scope = model.usual_scope_share(actor, paths, day, day);
  const bool usual_time = at_hour > 0;
  const bool usual_scope = scope >= kUsualScope;
  const bool usual_volume = volume.level <= score::Level::kWithin;
  v.routine = usual_time && usual_scope && usual_volume;
  v.reasons.push_back(trf(
      "{actor}: active around {hour:02}:00 on {days} of {other} other "
      "days, {share:.0f}% of the folders swept on other days",
      fmt::arg("actor", who), fmt::arg("hour", hour), fmt::arg("days", at_hour),
      fmt::arg("other", other_days), fmt::arg("share", scope * 100)));
  if (!usual_time)
    v.reasons.push_back(tr("not the account's usual time"));
  if (!usual_scope)
    v.reasons.push_back(tr("outside the account's usual scope"));
  if (!usual_volume)
    v.reasons.push_back(tr("far more than the account's usual volume"));
  return v;
}

}  // namespace mamori::detect
