// Finding severities (spec/findings.md) and the score bands behind them.
#pragma once

#include <optional>
#include <string_view>

namespace mamori {

enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };

std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view name);

// Bands of reference/detections.md §2.2: >= 80 critical, 60-79 high, 40-59
// medium, 20-39 low, below 20 info. `score` is clamped to 0..100 first.
Severity severity_for_score(int score);

// The lowest score that is banded as `s`; used to place a rule's declared
// severity on the same 0..100 scale.
int base_score(Severity s);

}  // namespace mamori
