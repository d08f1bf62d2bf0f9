// Departure and employment context (spec/findings.md "context"): not a
// detector of its own, it raises the score of the findings about a person
// and is shown in their reasons.
#pragma once

#include "common/time.h"
#include "detect/finding.h"
#include "detect/settings.h"
#include "people/roster.h"

#include <optional>
#include <string>
#include <vector>

namespace mamori::detect {

struct ContextScore {
  int points = 0;
  std::vector<std::string> reasons;
  std::optional<PersonContext> context;
};

// Points for who `person` is at time `at`: +25 inside the departing window
// (end_date within Settings::departing_days), +35 after the end date, +5
// more for dispatched and contractor staff, whose access ends with a
// contract (detections.md §2: Incydr's departing +4 on a 0..10 scale).
// A null person yields nothing.
ContextScore score_context(const people::Person* person, Timestamp at,
                           const Settings& settings);

}  // namespace mamori::detect
