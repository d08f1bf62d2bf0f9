// Matching the settings file's `suppress` entries against findings.
#include "detect/suppression.h"

#include "common/text.h"

#include <fmt/format.h>

#include <algorithm>

namespace mamori::detect {

std::string Suppression::label() const {
  if (plain_id)
    return id;
  std::string out;
  auto add = [&](std::string_view name, std::string_view value) {
    if (value.empty())
      return;
    if (!out.empty())
      out += ',';
    out += fmt::format("{}={}", name, value);
  };
  add("user", user);
  add("detector", detector);
  add("asset", asset);
  add("path", path ? std::string_view(path->pattern()) : std::string_view());
  add("id", id);
  return out;
}

bool Suppression::matches(const Finding& f) const {
  if (!id.empty() && !iequals(id, f.id))
    return false;
  if (!user.empty() && (f.user.empty() || !iequals(user, f.user)))
    return false;
  if (!detector.empty() && detector != f.detector)
    return false;
  if (!asset.empty() &&
      std::find(f.assets.begin(), f.assets.end(), asset) == f.assets.end()) {
    return false;
  }
  if (path) {
    // Every path, not any: one file under a backup folder must not hide
    // the other nineteen a finding shows.
    const std::vector<std::string_view> paths = finding_paths(f);
    if (paths.empty())
      return false;
    for (std::string_view p : paths) {
      if (!path->matches(p))
        return false;
    }
  }
  return true;
}

std::vector<std::string_view> finding_paths(const Finding& f) {
  std::vector<std::string_view> out;
  if (!f.location.empty() && !f.location.front().empty())
    out.push_back(f.location.front());
  for (const LogEvidence& e : f.log_evidence) {
    if (!e.path.empty())
      out.push_back(e.path);
  }
  for (const ContentEvidence& e : f.content_evidence) {
    if (!e.location.empty() && !e.location.front().empty())
      out.push_back(e.location.front());
  }
  return out;
}

namespace {

std::string expiry_of(const Suppression& s) {
  return s.expires ? format_date(*s.expires) : "never";
}

}  // namespace

SuppressionOutcome apply_suppressions(std::vector<Finding> findings,
                                      const std::vector<Suppression>& entries,
                                      Days today) {
  SuppressionOutcome out;
  out.suppressed.assign(entries.size(), 0);
  // An entry expires at the end of its `expires` day.
  std::vector<bool> in_force(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    in_force[i] = !entries[i].expires || today <= *entries[i].expires;
  }
  out.kept.reserve(findings.size());
  for (Finding& f : findings) {
    bool suppressed = false;
    for (size_t i = 0; i < entries.size() && !suppressed; ++i) {
      if (in_force[i] && entries[i].matches(f)) {
        ++out.suppressed[i];
        suppressed = true;
      }
    }
    if (!suppressed)
      out.kept.push_back(std::move(f));
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    const Suppression& s = entries[i];
    if (s.plain_id)
      continue;
    if (!in_force[i]) {
      out.notices.push_back(
          {Level::kWarning,
           "suppress_expired",
           {},
           s.source,
           fmt::format("suppression {} (\"{}\") expired on {}: its findings "
                       "are reported again; renew or remove it",
                       s.label(), s.reason, expiry_of(s))});
    } else if (out.suppressed[i] == 0) {
      out.notices.push_back(
          {Level::kWarning,
           "suppress_unused",
           {},
           s.source,
           fmt::format("suppression {} (\"{}\", until {}) matched no "
                       "finding in this run",
                       s.label(), s.reason, expiry_of(s))});
    }
  }
  return out;
}

}  // namespace mamori::detect
