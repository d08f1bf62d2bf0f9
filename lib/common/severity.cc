// Severity names and the score bands behind them; the names are the five of
// spec/findings.md and nothing else parses.
#include "common/severity.h"

#include <algorithm>
#include <array>

namespace mamori {
namespace {
constexpr std::array<std::string_view, 5> kNames = {"info", "low", "medium",
                                                    "high", "critical"};
}

std::string_view to_string(Severity s) {
  return kNames[static_cast<size_t>(s)];
}

std::optional<Severity> parse_severity(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name)
      return static_cast<Severity>(i);
  }
  return std::nullopt;
}

Severity severity_for_score(int score) {
  score = std::clamp(score, 0, 100);
  if (score >= 80)
    return Severity::kCritical;
  if (score >= 60)
    return Severity::kHigh;
  if (score >= 40)
    return Severity::kMedium;
  if (score >= 20)
    return Severity::kLow;
  return Severity::kInfo;
}

int base_score(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return 10;
    case Severity::kLow:
      return 30;
    case Severity::kMedium:
      return 50;
    case Severity::kHigh:
      return 70;
    case Severity::kCritical:
      return 90;
  }
  return 0;
}

}  // namespace mamori
