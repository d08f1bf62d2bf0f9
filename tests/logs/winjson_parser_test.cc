// Tests of lib/logs/winjson_parser.cc: the collector shapes (OTRF datasets,
// NXLog, Winlogbeat, Elasticsearch, Sysmon times) and failure audits.
#include "logs/winjson_parser.h"

#include "log_test_util.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

TEST_CASE("WinJson: the OTRF datasets, three collector shapes") {
  struct Case {
    const char* file;
    size_t events;
    size_t skipped;
  };
  const Case cases[] = {
      {"aptsimulator_cobaltstrike.zip", 45, 2566},
      {"cmd_sam_copy_esentutl.zip", 4, 911},
      {"covenant_copy_smb_CreateRequest.zip", 8, 498},
      {"rdp_interactive_taskmanager_lsass_dump.zip", 43, 5446},
      {"sysmon_log4shell_cve2021_44228_java_serialized_object.zip", 7, 480},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.file));
    auto r = read_spec(data_file(c.file));
    REQUIRE(r.ok);
    CHECK(r.stats.lines_rejected == 0);
    CHECK(r.events.size() == c.events);
    CHECK(r.stats.records_skipped == c.skipped);
    CHECK(r.stats.events_by_format.at("winjson") == c.events);
  }
}

TEST_CASE("WinJson: NXLog 5145 by pgustavo writing GruntHTTP.exe to C$") {
  auto r = read_spec(data_file("covenant_copy_smb_CreateRequest.zip"));
  const Event* grunt = nullptr;
  for (const auto& e : r.events) {
    if (e.path.ends_with("ProgramData/GruntHTTP.exe") &&
        e.action == Action::kWrite)
      grunt = &e;
  }
  REQUIRE(grunt != nullptr);
  CHECK(grunt->user == "THESHIRE\\pgustavo");
  CHECK(grunt->path.starts_with("//"));
  CHECK(grunt->path.find("/C$/ProgramData/GruntHTTP.exe") != std::string::npos);
}

TEST_CASE(
    "WinJson: the Removable Storage 4656 is an audit failure, read only when "
    "asked") {
  ReadOptions options;
  options.include_failed = true;
  auto r = read_spec(data_file("rdp_interactive_taskmanager_lsass_dump.zip"),
                     options);
  REQUIRE(r.events.size() == 44);
  size_t failed = 0;
  for (const auto& e : r.events) {
    if (e.failed) {
      ++failed;
      CHECK(e.user == "THESHIRE\\pgustavo");
      CHECK(e.path == "/Device/Ide/IdeDeviceP1T0L0-2");
      CHECK(e.action == Action::kCopyRemovable);
    }
  }
  CHECK(failed == 1);
  CHECK(count_action(r, Action::kDeviceAttach) == 2);
}

TEST_CASE(
    "WinJson: Sysmon time comes from UtcTime and a skewed record time is "
    "reported") {
  auto r = read_spec(data_file("aptsimulator_cobaltstrike.zip"));
  REQUIRE(!r.events.empty());
  bool skew = false;
  for (const auto& n : r.notices)
    skew |= n.code == "clock_skew";
  CHECK(skew);
  for (const auto& e : r.events) {
    if (e.path == "C:/Windows/Prefetch/PING.EXE-7E94E73E.pf" &&
        e.action == Action::kDelete) {
      CHECK(time_of(e) == "2021-06-12T01:07:17.659Z");
    }
  }
  CHECK(count_action(r, Action::kDelete) == 18);
}

TEST_CASE("WinJson: Winlogbeat records with string ids and failure keywords") {
  auto r = read_text(
      R"({"@timestamp":"2023-01-06T02:27:17.000Z","host":{"name":"Server2"},"winlog":{"event_id":"4663","provider_name":"Microsoft-Windows-Security-Auditing","channel":"Security","computer_name":"Server2.test1.local","time_created":"2023-01-06T02:27:15.651Z","keywords":["Audit Success"],"event_data":{"SubjectUserName":"administrator","SubjectDomainName":"TEST1","ObjectType":"File","ObjectName":"C:\\Share\\plan.xlsx","AccessMask":"0x1","HandleId":"0x1d0","ProcessId":"0x150","ProcessName":"C:\\Windows\\explorer.exe"}},"event":{"code":4663}})"
      "\n"
      R"({"@timestamp":"2023-01-06T02:28:00Z","winlog":{"event_id":5145,"provider_name":"Microsoft-Windows-Security-Auditing","computer_name":"FS1","keywords":["Audit Failure"],"event_data":{"SubjectUserName":"sato","SubjectDomainName":"TEST1","ShareName":"\\\\*\\rd","RelativeTargetName":"a\\b.txt","AccessMask":"0x1"}}})"
      "\n"
      R"({"@timestamp":"2023-01-06T02:29:00Z","winlog":{"event_id":4624,"provider_name":"Microsoft-Windows-Security-Auditing"}})"
      "\n");
  REQUIRE(r.ok);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].action == Action::kRead);
  CHECK(r.events[0].path == "C:/Share/plan.xlsx");
  CHECK(r.events[0].user == "TEST1\\administrator");
  CHECK(r.events[0].host == "Server2.test1.local");
  CHECK(time_of(r.events[0]) == "2023-01-06T02:27:15.651Z");
  CHECK(r.stats.records_skipped == 2);  // the refused 5145 and the 4624
}

TEST_CASE(
    "WinJson: Elasticsearch _source documents and Elastic Agent's "
    "event.original XML") {
  auto r = read_text(
      R"({"_index":"winlogbeat-7","_source":{"@timestamp":"2023-01-06T02:27:17Z","winlog":{"event_id":11,"provider_name":"Microsoft-Windows-Sysmon","computer_name":"PC9","event_data":{"UtcTime":"2023-01-06 02:27:16.100","Image":"C:\\Windows\\explorer.exe","TargetFilename":"E:\\gear.dwg","User":"CORP\\kim"}}}})"
      "\n"
      R"({"@timestamp":"2023-01-06T02:28:00Z","event":{"original":"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>23</EventID><TimeCreated SystemTime='2023-01-06T02:28:00.0000000Z'/><Computer>PC9</Computer></System><EventData><Data Name='UtcTime'>2023-01-06 02:27:59.900</Data><Data Name='TargetFilename'>C:\\Users\\kim\\x.tmp</Data></EventData></Event>"}})"
      "\n",
      {}, "winjson");
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0].action == Action::kCreate);
  CHECK(r.events[0].path == "E:/gear.dwg");
  CHECK(r.events[0].user == "CORP\\kim");
  CHECK(time_of(r.events[0]) == "2023-01-06T02:27:16.1Z");
  CHECK(r.events[1].action == Action::kDelete);
  CHECK(r.events[1].path == "C:/Users/kim/x.tmp");
  CHECK(r.events[1].host == "PC9");
}
