// A small organisation built from plain values for the detector tests: a
// roster, a register, approved devices, settings and an event store, with
// helpers that add events as a parser would.
#pragma once

#include "detect/log_detectors.h"

#include <fmt/format.h>

#include <functional>
#include <memory>
#include <string>

namespace mamori::detect::testing {

inline Timestamp at(std::string_view iso) {
  return *parse_timestamp(iso, Zone::utc());
}

struct World {
  people::Roster roster;
  people::DeviceList devices;
  assets::Register reg;
  Settings settings;
  std::unique_ptr<EventStore> store;
  std::shared_ptr<const std::string> file =
      std::make_shared<const std::string>("/var/log/audit.log");
  uint64_t line = 0;

  explicit World(Zone zone = Zone::utc()) {
    settings.zone = zone;
    StoreOptions options;
    options.zone = zone;
    options.machine_processes = settings.machine_processes;
    store = std::make_unique<EventStore>(roster, std::move(options));
  }

  // A person of the roster; `more` sets the other fields before adding.
  void person(std::string user, std::string department = {},
              people::Employment employment = people::Employment::kEmployee,
              const std::function<void(people::Person&)>& more = {}) {
    people::Person p;
    p.user = std::move(user);
    p.department = std::move(department);
    p.employment = employment;
    if (more)
      more(p);
    roster.add(std::move(p));
  }
  void asset(std::string id, std::string glob,
             assets::Sensitivity sensitivity = assets::Sensitivity::kCore,
             std::vector<std::string> authorized = {}) {
    assets::Asset a;
    a.id = std::move(id);
    a.sensitivity = sensitivity;
    std::string error;
    a.paths.push_back(*PathGlob::compile(glob, &error));
    a.authorized = std::move(authorized);
    reg.add(std::move(a));
  }

  logs::Event event(std::string user, logs::Action action, std::string path,
                    Timestamp t) {
    logs::Event e;
    e.time = t;
    e.format = "auditd";
    e.file = file;
    e.line = ++line;
    e.host = "ws01";
    e.user = std::move(user);
    e.action = action;
    e.path = std::move(path);
    return e;
  }
  void add(std::string user, logs::Action action, std::string path, Timestamp t,
           std::string process = {}) {
    logs::Event e = event(std::move(user), action, std::move(path), t);
    e.process = std::move(process);
    store->add(e);
  }
  void read(std::string user, std::string path, Timestamp t) {
    add(std::move(user), logs::Action::kRead, std::move(path), t);
  }
  // `files` distinct reads of `folder`, one every `every` from `t`.
  void reads(const std::string& user, const std::string& folder, int files,
             Timestamp t, std::chrono::seconds every = std::chrono::seconds(30),
             const std::string& process = {}) {
    for (int i = 0; i < files; ++i) {
      add(user, logs::Action::kRead, fmt::format("{}/f{}.xlsx", folder, i),
          t + every * i, process);
    }
  }
  void upload(std::string user, std::string path, std::string target,
              Timestamp t) {
    logs::Event e =
        event(std::move(user), logs::Action::kUpload, std::move(path), t);
    e.format = "m365";
    e.target = std::move(target);
    store->add(e);
  }
  void mount(std::string serial, std::string point, Timestamp t) {
    logs::Event e = event("", logs::Action::kMount, "", t);
    e.format = "syslog";
    e.device = {"0951", "1666", std::move(serial), "KINGSTON", "usb"};
    e.mount = std::move(point);
    store->add(e);
  }
  LogInputs inputs() { return {*store, reg, roster, devices, settings}; }
};

// "2026-03-02T01:00:00Z" for day 2 of March 2026.
inline Timestamp march(int day, int hour = 1, int minute = 0) {
  return at(fmt::format("2026-03-{:02}T{:02}:{:02}:00Z", day, hour, minute));
}

inline bool has_reason(const Finding& f, std::string_view text) {
  for (const std::string& r : f.reasons) {
    if (r.find(text) != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace mamori::detect::testing
