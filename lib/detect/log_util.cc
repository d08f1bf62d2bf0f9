// Shared pieces of the log detectors: which actions collect data, the assets
// of each interned path (cached), evidence records and asset labels.
#include "detect/log_util.h"

#include "common/i18n.h"

#include <fmt/format.h>

#include <algorithm>

namespace mamori::detect {

using logs::Action;

bool is_collection(Action a) {
  return a == Action::kRead || a == Action::kDownload ||
         a == Action::kCopyRemovable;
}

const std::vector<const assets::Asset*>& AssetIndex::of(uint32_t path) {
  if (path >= slot_.size())
    slot_.resize(std::max<size_t>(path + 1, slot_.size() * 2), 0);
  if (slot_[path] == 0) {
    auto found = reg_.match_path(events_.str(path));
    if (found.empty()) {
      slot_[path] = 1;
    } else {
      lists_.push_back(std::move(found));
      slot_[path] = static_cast<uint32_t>(lists_.size());
    }
  }
  return lists_[slot_[path] - 1];
}

LogEvidence evidence_of(const EventStore& events, const FileAccess& a) {
  return {events.source(a), a.time, std::string(logs::to_string(a.action)),
          events.str(a.path), a.bytes()};
}

std::string sensitivity_words(assets::Sensitivity s) {
  switch (s) {
    case assets::Sensitivity::kCore:
      return tr("core");
    case assets::Sensitivity::kConfidential:
      return tr("confidential");
    default:
      break;
  }
  return tr("internal");
}

std::string asset_label(const assets::Asset& asset) {
  if (asset.export_controlled) {
    return trf("{asset} ({sensitivity}, export controlled)",
               fmt::arg("asset", asset.id),
               fmt::arg("sensitivity", sensitivity_words(asset.sensitivity)));
  }
  return trf("{asset} ({sensitivity})", fmt::arg("asset", asset.id),
             fmt::arg("sensitivity", sensitivity_words(asset.sensitivity)));
}

std::string format_duration(std::chrono::microseconds d) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(d);
  if (minutes.count() < 1) {
    return trf(
        "{n} s",
        fmt::arg("n",
                 std::chrono::duration_cast<std::chrono::seconds>(d).count()));
  }
  if (minutes.count() < 180)
    return trf("{n} min", fmt::arg("n", minutes.count()));
  return trf("{n} h", fmt::arg("n", minutes.count() / 60));
}

std::string_view base_name(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace mamori::detect
