// Finding helpers: score clamping and banding, stable ids (16 hex digits of
// a SHA-256 over the detector and its key, so an id survives reruns over the
// same data) and the deterministic order of findings in a report.
#include "detect/finding.h"

#include "common/sha256.h"

#include <algorithm>
#include <tuple>

namespace mamori::detect {

void Finding::set_score(int value) {
  score = std::clamp(value, 0, 100);
  severity = severity_for_score(score);
}

std::string make_id(std::string_view detector,
                    const std::vector<std::string>& key) {
  Sha256 hash;
  hash.update(detector);
  for (const std::string& part : key) {
    hash.update("\x1f", 1);  // unit separator: ["ab","c"] != ["a","bc"]
    hash.update(part);
  }
  return hash.hex_digest().substr(0, 16);
}

void sort_findings(std::vector<Finding>& findings) {
  std::sort(findings.begin(), findings.end(),
            [](const Finding& a, const Finding& b) {
              return std::make_tuple(b.severity, b.score, a.detector, a.id) <
                     std::make_tuple(a.severity, a.score, b.detector, b.id);
            });
}

}  // namespace mamori::detect
