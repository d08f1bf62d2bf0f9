// The score terms of log findings: comparison with own and peer baselines,
// asset sensitivity, need-to-know and departure, each adding points and a
// reason with its numbers.
#include "detect/scoring.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mamori::detect::score {
namespace {

struct Verdict {
  Level level = Level::kWithin;
  double ratio = 0;
};

Verdict judge(double value, const Baseline& b) {
  const double ratio = value / std::max(b.median, 1.0);
  // Modified z (Iglewicz and Hoaglin); a MAD under one file is taken as one
  // so that a perfectly regular series does not make every change extreme.
  const double z = 0.6745 * (value - b.median) / std::max(b.mad, 1.0);
  Verdict v;
  v.ratio = ratio;
  if (ratio >= kFarRatio && z >= kFarZ) {
    v.level = Level::kFarAbove;
  } else if (ratio >= kAboveRatio && z >= kAboveZ) {
    v.level = Level::kAbove;
  }
  return v;
}

std::string describe(const Baseline& b, std::string_view what, double ratio) {
  std::string text;
  if (b.kind == Baseline::Kind::kOwn) {
    text = fmt::format("own {} median {:g} (MAD {:g}, {} days)", what, b.median,
                       b.mad, b.values);
  } else {
    text =
        fmt::format("peers' {} median {:g} (MAD {:g}, {} {}{})", what, b.median,
                    b.mad, b.people, b.people == 1 ? "person" : "people",
                    b.same_days ? ", same days" : "");
  }
  if (ratio >= 1.5)
    text += fmt::format(": {:.0f}× it", ratio);
  return text;
}

}  // namespace

Comparison compare(double value, const std::optional<Baseline>& own,
                   const std::optional<Baseline>& peers,
                   std::string_view what) {
  Comparison c;
  std::optional<Verdict> by_own;
  std::optional<Verdict> by_peers;
  if (own) {
    by_own = judge(value, *own);
    c.reasons.push_back(describe(*own, what, by_own->ratio));
  }
  if (peers) {
    by_peers = judge(value, *peers);
    c.reasons.push_back(describe(*peers, what, by_peers->ratio));
  }
  if (by_own && by_peers) {
    // Both must find it unusual: a team-wide crunch is not one person's
    // anomaly, and a person who always reads more than the team is not
    // either.
    c.level = std::min(by_own->level, by_peers->level);
  } else if (by_own) {
    c.level = by_own->level;
  } else if (by_peers) {
    c.level = by_peers->level;
  } else {
    c.reasons.push_back("no baseline yet (too few days and no peers)");
  }
  switch (c.level) {
    case Level::kFarAbove:
      c.points = kFarAbovePoints;
      break;
    case Level::kAbove:
      c.points = kAbovePoints;
      break;
    case Level::kWithin:
      c.points = kWithinPoints;
      c.reasons.push_back("within the usual range");
      break;
    case Level::kUnknown:
      break;
  }
  return c;
}

int sensitivity(const std::vector<const assets::Asset*>& involved) {
  int points = 0;
  for (const assets::Asset* a : involved) {
    int p = a->sensitivity == assets::Sensitivity::kCore           ? 15
            : a->sensitivity == assets::Sensitivity::kConfidential ? 10
                                                                   : 5;
    if (a->export_controlled)
      p += 5;
    points = std::max(points, p);
  }
  return points;
}

int need_to_know(const BehaviourModel& model, const Actor& actor,
                 const std::vector<const assets::Asset*>& involved,
                 int32_t from, int32_t to, Timestamp at,
                 std::vector<std::string>& reasons) {
  if (involved.empty())
    return 0;
  std::vector<std::string> outside;
  bool all_habitual = true;
  size_t fewest_days = SIZE_MAX;
  for (const assets::Asset* asset : involved) {
    if (!model.authorized(actor, *asset, at)) {
      outside.push_back(asset->id);
      continue;
    }
    const size_t days = model.asset_days(actor, *asset, from, to);
    fewest_days = std::min(fewest_days, days);
    if (days < kHabitDays)
      all_habitual = false;
  }
  if (!outside.empty()) {
    reasons.push_back(fmt::format("outside the authorized list of {}",
                                  fmt::join(outside, ", ")));
    return kOutsideAuthorized;
  }
  if (all_habitual) {
    reasons.push_back(fmt::format(
        "authorized, and works on {} on {} other day{}",
        involved.size() == 1 ? involved.front()->id : "these assets",
        fewest_days, fewest_days == 1 ? "" : "s"));
    return kHabitualOwnAsset;
  }
  return 0;
}

int departure(Finding& f, const Actor& actor, Timestamp at, bool unusual,
              const Settings& settings) {
  const people::Person* person = actor.person;
  if (person == nullptr)
    return 0;
  PersonContext ctx;
  ctx.employment = std::string(people::to_string(person->employment));
  ctx.department = person->department;
  ctx.end_date = person->end_date;
  const bool contract_staff =
      person->employment == people::Employment::kDispatched ||
      person->employment == people::Employment::kContractor;
  int points = 0;
  if (person->end_date) {
    const int days = days_between(at, *person->end_date);
    ctx.days_to_end = days;
    const std::string ends = contract_staff ? "contract ends" : "leaves";
    if (days < 0) {
      points = kAfterLastDay;
      f.reasons.push_back(
          fmt::format("after the last working day {} ({} day{} later, {})",
                      format_date(*person->end_date), -days,
                      -days == 1 ? "" : "s", ctx.employment));
    } else if (days <= settings.departing_days) {
      const bool noticed =
          person->notice_date && days_between(at, *person->notice_date) <= 0;
      points = unusual ? kDeparting : kDepartingOrdinary;
      f.reasons.push_back(fmt::format(
          "{} {}, in {} day{} ({}{}){}", ends, format_date(*person->end_date),
          days, days == 1 ? "" : "s", ctx.employment,
          noticed ? fmt::format(", notice given {}",
                                format_date(*person->notice_date))
                  : "",
          unusual ? "" : "; the activity itself is ordinary"));
    }
  }
  if (contract_staff && points > kDepartingOrdinary)
    points += kContractStaff;
  f.context = std::move(ctx);
  return points;
}

}  // namespace mamori::detect::score
