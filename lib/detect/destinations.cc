// Classifies an upload's destination host as the company's own or external,
// from configured patterns and the sites the run's own logs show in use.
#include "detect/destinations.h"

#include "common/glob.h"
#include "common/text.h"

#include <algorithm>

namespace mamori::detect {
namespace {

// A host matches a pattern when equal to it or a subdomain of it; `*` in a
// pattern stands for one or more labels ("*.sharepoint.com").
bool host_matches(std::string_view host, std::string_view pattern) {
  if (pattern.starts_with("*.")) {
    pattern.remove_prefix(2);
    return host.size() > pattern.size() && host.ends_with(pattern) &&
           host[host.size() - pattern.size() - 1] == '.';
  }
  if (host == pattern)
    return true;
  return host.size() > pattern.size() && host.ends_with(pattern) &&
         host[host.size() - pattern.size() - 1] == '.';
}

bool is_url_or_share(std::string_view s) {
  return s.find("://") != std::string_view::npos || s.starts_with("//");
}

}  // namespace

std::string_view to_string(Destination d) {
  switch (d) {
    case Destination::kCompany:
      return "company";
    case Destination::kExternal:
      return "external";
    case Destination::kPersonal:
      return "personal";
  }
  return "external";
}

std::string host_of(std::string_view url) {
  if (const size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
  } else if (url.starts_with("//")) {
    url.remove_prefix(2);
  } else if (url.find('/') != std::string_view::npos ||
             url.find('.') == std::string_view::npos) {
    return {};  // a local path, or no host at all
  }
  const size_t end = url.find_first_of("/:?#");
  std::string host = to_lower(url.substr(0, end));
  if (const size_t at = host.rfind('@'); at != std::string::npos)
    host.erase(0, at + 1);
  return host;
}

Destinations::Destinations(const EventStore& events,
                           const assets::Register& reg,
                           const Settings& settings) {
  for (const std::string& d : settings.company_destinations)
    company_.insert(to_lower(d));
  for (const std::string& d : settings.personal_destinations)
    personal_.push_back(to_lower(d));
  // The register's own paths name the company's servers and sites.
  for (const assets::Asset& asset : reg.assets()) {
    for (const PathGlob& glob : asset.paths) {
      const std::string host = host_of(glob.pattern());
      if (!host.empty() && host.find_first_of("*?[") == std::string::npos)
        company_.insert(host);
    }
  }
  // Sites the organisation reads and downloads from are its own.
  for (const FileAccess& a : events.accesses()) {
    if (a.action != logs::Action::kRead && a.action != logs::Action::kDownload)
      continue;
    const std::string& path = events.str(a.path);
    if (!is_url_or_share(path))
      continue;
    const std::string host = host_of(path);
    if (!host.empty())
      company_.insert(host);
  }
}

Destination Destinations::of_host(std::string_view host) const {
  if (host.empty())
    return Destination::kExternal;
  for (const std::string& p : company_) {
    if (host_matches(host, p))
      return Destination::kCompany;
  }
  for (const std::string& p : personal_) {
    if (host_matches(host, p))
      return Destination::kPersonal;
  }
  return Destination::kExternal;
}

Destination Destinations::of(const EventStore& events,
                             const FileAccess& access) const {
  const std::string& where =
      events.str(access.target != 0 ? access.target : access.path);
  return of_host(host_of(where));
}

}  // namespace mamori::detect
