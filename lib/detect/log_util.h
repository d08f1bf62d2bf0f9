// Helpers shared by the log detectors: grouping accesses per person, the
// assets of a path, evidence records and the common score terms.
#pragma once

#include "assets/register.h"
#include "detect/event_store.h"
#include "detect/finding.h"
#include "detect/settings.h"
#include "people/roster.h"

#include <chrono>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace mamori::detect {

bool is_collection(logs::Action a);

// The assets each interned path belongs to, computed once per path.
class AssetIndex {
 public:
  AssetIndex(const EventStore& events, const assets::Register& reg)
      : events_(events), reg_(reg) {}
  const std::vector<const assets::Asset*>& of(uint32_t path);

 private:
  const EventStore& events_;
  const assets::Register& reg_;
  // By interned id: 0 not looked up yet, else 1 + index into lists_ (the
  // first list is the empty one most paths share).
  std::vector<uint32_t> slot_;
  std::deque<std::vector<const assets::Asset*>> lists_{{}};  // stable
};

LogEvidence evidence_of(const EventStore& events, const FileAccess& a);
// "ltcc_stack (core, export controlled)"
std::string asset_label(const assets::Asset& asset);
// "64 min", "40 s"
std::string format_duration(std::chrono::microseconds d);
// The file name of a normalised path.
std::string_view base_name(std::string_view path);

}  // namespace mamori::detect
