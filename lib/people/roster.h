// The people roster and the approved-device list (spec/roster.md): CSV with
// a header row, UTF-8 or CP932. Names seen in logs are resolved to people.
#pragma once

#include "common/diagnostics.h"
#include "common/time.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mamori::people {

enum class Employment {
  kEmployee,
  kDispatched,
  kContractor,
  kIntern,
  kPartner,
  kService
};
std::string_view to_string(Employment e);
// For people, in the language of tr(): "dispatched", 派遣.
std::string employment_words(Employment e);
std::optional<Employment> parse_employment(std::string_view s);

struct Person {
  std::string user;  // canonical name, as findings show it
  std::string display_name;
  Employment employment = Employment::kEmployee;
  std::string department;
  std::vector<std::string> groups;
  std::optional<Days> start_date;
  std::optional<Days> end_date;
  std::optional<Days> notice_date;
  std::vector<std::string> aliases;
};

class Roster {
 public:
  Roster() = default;

  // The person a name seen in a log belongs to: exact alias or user first
  // (case-insensitive), then with "DOMAIN\" or "@domain" stripped.
  const Person* resolve(std::string_view logged_name) const;
  // The canonical name for findings: the person's user, or the logged name
  // as it is when nobody matches.
  std::string canonical(std::string_view logged_name) const;
  const Person* find(std::string_view user) const;
  bool in_group(const Person& person, std::string_view group) const;
  const std::vector<Person>& people() const { return people_; }
  bool empty() const { return people_.empty(); }

  void add(Person person);

 private:
  std::vector<Person> people_;
  std::unordered_map<std::string, size_t> by_name_;  // lower-cased names
};

struct ApprovedDevice {
  std::string serial;
  std::string vendor_id;
  std::string product_id;
  std::string owner;
  std::string note;
};

class DeviceList {
 public:
  const ApprovedDevice* find(std::string_view serial) const;
  const std::vector<ApprovedDevice>& devices() const { return devices_; }
  void add(ApprovedDevice device) { devices_.push_back(std::move(device)); }

 private:
  std::vector<ApprovedDevice> devices_;
};

// A roster date: ISO 8601 "2026-03-31", or as Excel writes it in Japan:
// "2026/3/31", "2026/03/31", "2026年3月31日", each optionally followed by a
// time ("2026/3/31 0:00"), which is ignored.
std::optional<Days> parse_roster_date(std::string_view text);

// A malformed row is an error notice (code "roster", source "file:line");
// the rest of the file is still read. Unknown columns are ignored and named
// in one warning notice (code roster_column, source "file:line" of the
// header), with the known column each is closest to; a roster without
// `end_date` or `employment` gets a warning of the same code for each.
// Nothing (and an error notice) when the file is unreadable, neither UTF-8
// nor CP932, or has no `user` (`serial`) column. What that costs the run is
// decided in pipeline/configuration.h.
std::optional<Roster> load_roster(const std::filesystem::path& file,
                                  Diagnostics& diag);
std::optional<DeviceList> load_devices(const std::filesystem::path& file,
                                       Diagnostics& diag);

}  // namespace mamori::people
