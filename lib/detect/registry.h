// Every detector mamori has, in one table: its name (spec/findings.md), what
// it looks for, and for log detectors the function that runs it. The run
// order, the SARIF rule list and the documentation derive from this table;
// adding a detector is one file and one row here.
#pragma once

#include "detect/log_detectors.h"

#include <span>
#include <string_view>

namespace mamori::detect {

struct DetectorInfo {
  std::string_view name;
  std::string_view description;  // one line, for rule lists and docs
  LogDetector run =
      nullptr;  // null for content detectors (content_detectors.h)
};

// In run order: content detectors first, then the log detectors.
std::span<const DetectorInfo> detectors();
// Null when no detector has that name.
const DetectorInfo* find_detector(std::string_view name);

}  // namespace mamori::detect
