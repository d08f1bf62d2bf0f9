// The recovery cases of the parser tests (issue 11): `kGood` good records
// with one damaged record in the middle, which must cost that record only
// and be counted exactly; and good records of the JSON and XML formats.
#pragma once

#include "log_test_util.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <functional>
#include <string>

namespace mamori::logs::testing {

inline constexpr int kGood = 3000;

// `head`, then good(0..kGood/2), `bad`, then the other half of the good
// records: every good one must come out as one event.
inline std::string surround(const std::string& head,
                            const std::function<std::string(int)>& good,
                            const std::string& bad) {
  std::string text = head;
  for (int i = 0; i < kGood; ++i) {
    if (i == kGood / 2)
      text += bad;
    text += good(i);
  }
  return text;
}

inline void check_all_read(const ReadResult& r, uint64_t rejected) {
  CHECK(r.ok);
  CHECK(r.events.size() == kGood);
  CHECK(r.stats.lines_rejected == rejected);
}

inline std::string winjson(int i) {
  return fmt::format(
      R"({{"@timestamp":"2023-01-06T02:27:17.000Z","winlog":{{"event_id":"4663","provider_name":"Microsoft-Windows-Security-Auditing","computer_name":"FS1","event_data":{{"SubjectUserName":"sato","SubjectDomainName":"CORP","ObjectType":"File","ObjectName":"C:\\Share\\plan{}.xlsx","AccessMask":"0x1"}}}}}})"
      "\n",
      i);
}

inline std::string m365_json(int i) {
  return fmt::format(
      R"({{"CreationTime":"2026-03-02T09:16:00","Operation":"FileDownloaded","UserId":"u@x","ObjectId":"https://t.sharepoint.com/sites/rd/Shared Documents/a{}.docx"}})"
      "\n",
      i);
}

inline std::string winxml(int i) {
  return fmt::format(
      R"(<Event><System><Provider Name="Microsoft-Windows-Sysmon"/><EventID>11</EventID><TimeCreated SystemTime="2026-04-01T03:00:00.5Z"/><Computer>PC01</Computer></System><EventData><Data Name="UtcTime">2026-04-01 03:00:00.442</Data><Data Name="Image">C:\Windows\System32\robocopy.exe</Data><Data Name="TargetFilename">E:\gear{}.dwg</Data><Data Name="User">CORP\tanaka</Data></EventData></Event>)"
      "\n",
      i);
}

inline ReadOptions mapped() {
  ReadOptions options;
  options.columns.time = "When";
  options.columns.user = "Who";
  options.columns.path = "File";
  return options;
}

}  // namespace mamori::logs::testing
