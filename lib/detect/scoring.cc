// The score terms of log findings: comparison with own and peer baselines,
// asset sensitivity, need-to-know and departure, each adding points and a
// reason with its numbers.
#include "detect/scoring.h"

#include "common/i18n.h"

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
    text = trnf("own {what} median {median:g} (MAD {mad:g}, {days} day)",
                "own {what} median {median:g} (MAD {mad:g}, {days} days)",
                b.values, fmt::arg("what", what), fmt::arg("median", b.median),
                fmt::arg("mad", b.mad), fmt::arg("days", b.values));
  } else if (b.same_days) {
    text = trnf(
        "peers' {what} median {median:g} (MAD {mad:g}, {people} person, same "
        "days)",
        "peers' {what} median {median:g} (MAD {mad:g}, {people} people, same "
        "days)",
        b.people, fmt::arg("what", what), fmt::arg("median", b.median),
        fmt::arg("mad", b.mad), fmt::arg("people", b.people));
  } else {
    text =
        trnf("peers' {what} median {median:g} (MAD {mad:g}, {people} person)",
             "peers' {what} median {median:g} (MAD {mad:g}, {people} people)",
             b.people, fmt::arg("what", what), fmt::arg("median", b.median),
             fmt::arg("mad", b.mad), fmt::arg("people", b.people));
  }
  if (ratio >= 1.5)
    text += trf(": {ratio:.0f}× it", fmt::arg("ratio", ratio));
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
    c.reasons.push_back(tr("no baseline yet (too few days and no peers)"));
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
      c.reasons.push_back(tr("within the usual range"));
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
    reasons.push_back(trf("outside the authorized list of {assets}",
                          fmt::arg("assets", fmt::join(outside, ", "))));
    return kOutsideAuthorized;
  }
  if (all_habitual) {
    if (involved.size() == 1) {
      reasons.push_back(
          trnf("authorized, and works on {asset} on {days} other day",
               "authorized, and works on {asset} on {days} other days",
               fewest_days, fmt::arg("asset", involved.front()->id),
               fmt::arg("days", fewest_days)));
    } else {
      reasons.push_back(
          trnf("authorized, and works on these assets on {days} other day",
               "authorized, and works on these assets on {days} other days",
               fewest_days, fmt::arg("days", fewest_days)));
    }
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
    const std::string end = format_date(*person->end_date);
    const std::string employment = employment_words(person->employment);
    if (days < 0) {
      points = kAfterLastDay;
      f.reasons.push_back(trnf(
          "after the last working day {date} ({days} day later, {employment})",
          "after the last working day {date} ({days} days later, {employment})",
          static_cast<uint64_t>(-days), fmt::arg("date", end),
          fmt::arg("days", -days), fmt::arg("employment", employment)));
    } else if (days <= settings.departing_days) {
      const bool noticed =
          person->notice_date && days_between(at, *person->notice_date) <= 0;
      points = unusual ? kDeparting : kDepartingOrdinary;
      const std::string notice =
          noticed ? format_date(*person->notice_date) : std::string();
      std::string reason;
      if (contract_staff && noticed) {
        reason = trnf(
            "contract ends {date}, in {days} day ({employment}, notice given "
            "{notice})",
            "contract ends {date}, in {days} days ({employment}, notice given "
            "{notice})",
            static_cast<uint64_t>(days), fmt::arg("date", end),
            fmt::arg("days", days), fmt::arg("employment", employment),
            fmt::arg("notice", notice));
      } else if (contract_staff) {
        reason =
            trnf("contract ends {date}, in {days} day ({employment})",
                 "contract ends {date}, in {days} days ({employment})",
                 static_cast<uint64_t>(days), fmt::arg("date", end),
                 fmt::arg("days", days), fmt::arg("employment", employment));
      } else if (noticed) {
        reason = trnf(
            "leaves {date}, in {days} day ({employment}, notice given "
            "{notice})",
            "leaves {date}, in {days} days ({employment}, notice given "
            "{notice})",
            static_cast<uint64_t>(days), fmt::arg("date", end),
            fmt::arg("days", days), fmt::arg("employment", employment),
            fmt::arg("notice", notice));
      } else {
        reason =
            trnf("leaves {date}, in {days} day ({employment})",
                 "leaves {date}, in {days} days ({employment})",
                 static_cast<uint64_t>(days), fmt::arg("date", end),
                 fmt::arg("days", days), fmt::arg("employment", employment));
      }
      if (!unusual)
        reason += tr("; the activity itself is ordinary");
      f.reasons.push_back(std::move(reason));
    }
  }
  if (contract_staff && points > kDepartingOrdinary)
    points += kContractStaff;
  f.context = std::move(ctx);
  return points;
}

}  // namespace mamori::detect::score
