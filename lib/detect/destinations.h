// Where an upload goes: to the company's own sites (its SharePoint tenant,
// its file servers) or out of its control, to an external or a personal
// destination. Company destinations come from the config
// (Settings::company_destinations) and, by default, from what the run
// itself shows is the company's: the hosts of the register's own paths and
// the sites the organisation's people read and download from in the same
// logs (a unified audit log only records the tenant's own sites).
#pragma once

#include "assets/register.h"
#include "detect/event_store.h"
#include "detect/settings.h"

#include <set>
#include <string>
#include <string_view>

namespace mamori::detect {

enum class Destination { kCompany, kExternal, kPersonal };
std::string_view to_string(Destination d);

class Destinations {
 public:
  Destinations(const EventStore& events, const assets::Register& reg,
               const Settings& settings);

  // Where an upload of `access` went (its target, else its path).
  Destination of(const EventStore& events, const FileAccess& access) const;
  Destination of_host(std::string_view host) const;

 private:
  std::set<std::string> company_;  // lower-case host names and patterns
  std::vector<std::string> personal_;
};

// The host of "https://host/..." or "//host/...", lower-case; a bare
// "dropbox.com" is a host too. Empty when the text names none.
std::string host_of(std::string_view url);

}  // namespace mamori::detect
