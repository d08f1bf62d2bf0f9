// unapproved_device: removable storage whose serial is not in the approved
// list (is_removable_storage: never an internal disk, keyboard or
// monitor). Its use by someone other than the owner is removable_copy's.
#include "common/i18n.h"
#include "detect/log_detectors.h"
#include "detect/log_util.h"
#include "detect/removable.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace mamori::detect {
namespace {

constexpr int kBase = 30;

}  // namespace

std::vector<Finding> unapproved_device(const BehaviourModel& model,
                                       const people::DeviceList& devices) {
  using logs::Action;
  struct Seen {
    logs::Device device;
    std::string host;
    Timestamp first{};
    Timestamp last{};
    std::vector<LogEvidence> evidence;
    size_t events = 0;
  };
  std::map<std::string, Seen> seen;  // by serial
  for (const logs::Event& e : model.events().device_events()) {
    if (e.device.serial.empty())
      continue;
    if (!is_removable_storage(e) || e.action == Action::kDeviceDetach ||
        e.action == Action::kUnmount) {
      continue;
    }
    auto [it, inserted] = seen.try_emplace(e.device.serial);
    Seen& s = it->second;
    if (inserted) {
      s.first = e.time;
      s.host = e.host;
    }
    for (std::string logs::Device::*field :
         {&logs::Device::vendor_id, &logs::Device::product_id,
          &logs::Device::label, &logs::Device::bus}) {
      if ((s.device.*field).empty())
        s.device.*field = e.device.*field;
    }
    s.device.serial = e.device.serial;
    s.first = std::min(s.first, e.time);
    s.last = std::max(s.last, e.time);
    if (s.evidence.size() < model.settings().max_evidence) {
      s.evidence.push_back({e.source(), e.time,
                            std::string(logs::to_string(e.action)), e.mount,
                            std::nullopt});
    }
    ++s.events;
  }
  std::vector<Finding> findings;
  for (const auto& [serial, s] : seen) {
    if (devices.find(serial) != nullptr)
      continue;
    Finding f;
    f.detector = "unapproved_device";
    f.device = s.device;
    f.start = s.first;
    f.end = s.last;
    f.log_evidence = s.evidence;
    f.evidence_total = s.events;
    f.reasons.push_back(
        trf("serial {serial} is not in the approved device list",
            fmt::arg("serial", serial)));
    f.set_score(kBase);
    f.title =
        s.host.empty()
            ? trf("unapproved removable storage {device} attached",
                  fmt::arg("device", device_label(s.device)))
            : trf("unapproved removable storage {device} attached to {host}",
                  fmt::arg("device", device_label(s.device)),
                  fmt::arg("host", s.host));
    f.id = make_id(f.detector, {serial, s.host});
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace mamori::detect
