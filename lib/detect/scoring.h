// How a log finding's score is built: a detector's base, then one term per
// factor, each written into `reasons` with its number. The factors are the
// ones spec/findings.md names: how far outside the person's own and the
// peers' baselines the activity is, the sensitivity of the assets,
// need-to-know, departure context and carry-out. Severity bands follow the
// score (common/severity.h: 80 critical, 60 high, 40 medium, 20 low).
#pragma once

#include "assets/register.h"
#include "detect/behaviour.h"
#include "detect/finding.h"

#include <optional>
#include <string>
#include <vector>

namespace mamori::detect::score {

// Deviation from the baselines (reference/detections.md §3: modified z >= 3.5).
inline constexpr double kAboveZ = 3.5;
inline constexpr double kAboveRatio = 2.0;  // and at least twice the median
inline constexpr double kFarZ = 7.0;
inline constexpr double kFarRatio = 5.0;
inline constexpr int kFarAbovePoints = 20;
inline constexpr int kAbovePoints = 10;
inline constexpr int kWithinPoints = -15;  // ordinary volume for this person

// Need-to-know.
inline constexpr int kHabitualOwnAsset = -10;  // authorized and habitual
inline constexpr int kOutsideAuthorized = 10;
inline constexpr size_t kHabitDays = 3;  // days that make a habit

// Departure context (reference/detections.md §2: Incydr's departing +4 of 10).
inline constexpr int kAfterLastDay = 35;
inline constexpr int kDeparting = 25;         // with unusual activity
inline constexpr int kDepartingOrdinary = 5;  // with ordinary activity
inline constexpr int kContractStaff = 5;      // dispatched, contractor

// A service account's regular sweep: informational.
inline constexpr int kServiceRoutine = 10;

enum class Level { kUnknown, kWithin, kAbove, kFarAbove };

// A value set against the actor's own and the peers' baselines.
struct Comparison {
  Level level = Level::kUnknown;
  int points = 0;
  std::vector<std::string> reasons;
};

// `what` names the baseline's unit ("daily distinct files"). The own
// baseline decides when present; the peers confirm it (both must find the
// value unusual) or stand alone when there is no own baseline.
Comparison compare(double value, const std::optional<Baseline>& own,
                   const std::optional<Baseline>& peers, std::string_view what);

// Points for the most sensitive asset: core 15, confidential 10, internal 5,
// +5 when export controlled.
int sensitivity(const std::vector<const assets::Asset*>& involved);

// Need-to-know for the assets involved: outside an `authorized` list raises;
// authorized and habitual work on one's own asset lowers.
int need_to_know(const BehaviourModel& model, const Actor& actor,
                 const std::vector<const assets::Asset*>& involved,
                 int32_t from, int32_t to, Timestamp at,
                 std::vector<std::string>& reasons);

// Departure context of the actor at `at`: after the last day always counts;
// before it, notice or a near contract end counts in full only when the
// activity is `unusual`. Fills the finding's context and reasons.
int departure(Finding& f, const Actor& actor, Timestamp at, bool unusual,
              const Settings& settings);

}  // namespace mamori::detect::score
