// Windows events from EVTX, XML and JSON: the corpus counts of
// corpus/SOURCES.md and each id's mapping.
#include "logs/windows_events.h"

#include "log_test_util.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <fstream>
#include <set>
#include <unistd.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

namespace {

std::string data_file(const std::string& name) {
  return std::string(MAMORI_TEST_DATA) + "/logs/" + name;
}

std::string shared_evtx(const std::string& name) {
  return std::string(MAMORI_SHARED_DIR) + "/corpus/windows-evtx/" + name;
}

size_t count_action(const ReadResult& r, Action a) {
  size_t n = 0;
  for (const auto& e : r.events)
    n += e.action == a;
  return n;
}

}  // namespace

TEST_CASE(
    "windows_path: drive, device, UNC and Mup paths use forward slashes") {
  CHECK(windows_path("C:\\Users\\IEUser\\a.txt") == "C:/Users/IEUser/a.txt");
  CHECK(windows_path("\\??\\C:\\") == "C:/");
  CHECK(windows_path("\\\\fs01\\share\\x.docx") == "//fs01/share/x.docx");
  CHECK(windows_path("\\Device\\Mup\\fs01\\share\\x") == "//fs01/share/x");
  CHECK(windows_path("\\Device\\HarddiskVolume3\\d\\f") ==
        "/Device/HarddiskVolume3/d/f");
}

TEST_CASE(
    "EVTX: 40 Partition/Diagnostic 1006 records with their three USB serials") {
  auto r = read_spec(
      data_file("atropos_Microsoft-Windows-Partition%4Diagnostic.evtx"));
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == 40);
  std::set<std::string> usb_serials;
  size_t usb = 0, sata = 0, removals = 0;
  for (const auto& e : r.events) {
    CHECK(e.format == "evtx");
    CHECK(e.record);
    if (e.device.bus == "usb") {
      ++usb;
      usb_serials.insert(e.device.serial);
    }
    sata += e.device.bus == "sata";
    removals += e.action == Action::kDeviceDetach;
  }
  CHECK(usb == 30);
  CHECK(sata == 10);
  CHECK(usb_serials == std::set<std::string>{"0701935D84A40B14",
                                             "E0D55E1F377DE410C958272B",
                                             "001CC0EC3458F110E5F31400"});
  CHECK(removals > 0);
  bool patriot = false;
  for (const auto& e : r.events) {
    if (e.device.serial == "0701935D84A40B14") {
      patriot = true;
      CHECK(e.device.vendor_id == "13fe");
      CHECK(e.device.product_id == "6300");
      CHECK(e.device.label == "Patriot Memory");
      CHECK(e.host == "DESKTOP-GOGB42D");
    }
  }
  CHECK(patriot);
}

TEST_CASE(
    "EVTX: 349 share accesses of the CC0 5145 sample as //HOST/SHARE/path") {
  auto r = read_spec(data_file(
      "mdec_ID5145_user_file_credentials_browser_dump_via_network_share.evtx"));
  REQUIRE(r.ok);
  REQUIRE(r.events.size() == 349);
  CHECK(r.stats.events_by_format.at("evtx") == 349);
  const Event& e = r.events[0];
  CHECK(e.user == "OFFSEC\\admmig");
  CHECK(e.host == "fs03vuln.offsec.lan");
  CHECK(e.path == "//fs03vuln.offsec.lan/IPC$/srvsvc");
  CHECK(e.source().ends_with("#1"));
  bool ultravnc = false;
  for (const auto& ev : r.events) {
    if (ev.path ==
        "//fs03vuln.offsec.lan/C$/PROGRAMFILES/uvnc "
        "bvba/UltraVNC/ultravnc.ini") {
      ultravnc = true;
    }
  }
  CHECK(ultravnc);
}

TEST_CASE(
    "EVTX: the 6416 sample is one device_attach, other ids counted as "
    "skipped") {
  auto r = read_spec(data_file(
      "mdec_ID4674_6416_New_external_device_connected_PrintNightmare.evtx"));
  REQUIRE(r.ok);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].action == Action::kDeviceAttach);
  CHECK(r.events[0].device.label == "\\\\fs03vuln\\Kiwi Legit Printer");
  CHECK(r.events[0].device.serial.empty());
  CHECK(r.events[0].user == "OFFSEC\\FS03$");
  CHECK(r.stats.records_skipped == 5);  // 4688 x3, 4674 x2
}

TEST_CASE("EVTX: the GPL samples of the shared corpus (skipped when absent)") {
  struct Case {
    const char* file;
    size_t events;
    Action action;
    size_t of_action;
  };
  const Case cases[] = {
      {"eas_LM_5145_Remote_FileCopy.evtx", 869, Action::kRead, 865},
      {"eas_CA_chrome_firefox_opera_4663.evtx", 4, Action::kRead, 4},
      {"eas_Sysmon_UACME_64.evtx", 5, Action::kDelete, 3},
      {"eas_privesc_spoolsv_spl_file_write_sysmon11.evtx", 23, Action::kCreate,
       23},
  };
  for (const Case& c : cases) {
    const std::string path = shared_evtx(c.file);
    CAPTURE(path);
    if (!file_exists(path)) {
      MESSAGE("skipped: " << path << " is absent");
      continue;
    }
    auto r = read_spec(path);
    REQUIRE(r.ok);
    CHECK(r.stats.lines_rejected == 0);
    CHECK(r.events.size() == c.events);
    CHECK(count_action(r, c.action) == c.of_action);
  }
  const std::string path = shared_evtx("eas_LM_5145_Remote_FileCopy.evtx");
  if (file_exists(path)) {
    auto r = read_spec(path);
    REQUIRE(r.events.size() == 869);
    CHECK(count_action(r, Action::kWrite) == 4);  // 0x17019f
    CHECK(r.events[0].user == "EXAMPLE\\Administrator");
    CHECK(r.events.front().time >=
          *parse_timestamp("2019-03-18T14:23:22Z", Zone::utc()));
    CHECK(r.events.back().time <=
          *parse_timestamp("2019-03-18T14:24:11Z", Zone::utc()));
  }
}

TEST_CASE(
    "EVTX: records decoded on several threads come out as on one, in order") {
  const std::string path = shared_evtx("eas_LM_5145_Remote_FileCopy.evtx");
  if (!file_exists(path)) {
    MESSAGE("skipped: " << path << " is absent");
    return;
  }
  ReadOptions one, three;
  one.threads = 1;
  three.threads = 3;
  auto a = read_spec(path, one);
  auto b = read_spec(path, three);
  REQUIRE(a.events.size() == 869);
  REQUIRE(b.events.size() == a.events.size());
  for (size_t i = 0; i < a.events.size(); ++i) {
    CHECK(to_json(a.events[i]) == to_json(b.events[i]));
  }
}

TEST_CASE(
    "EVTX: a damaged chunk is counted and reported, the rest still read") {
  std::ifstream in(data_file("mdec_ID5145_user_file_credentials_browser_dump_"
                             "via_network_share.evtx"),
                   std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  REQUIRE(bytes.size() > 4096 + 2 * 65536);
  ScratchDir dir;
  SUBCASE("junk over the records of the second chunk") {
    std::fill_n(bytes.begin() + 4096 + 65536 + 600, 3000, '\xff');
  }
  SUBCASE("the second chunk's signature destroyed") {
    std::fill_n(bytes.begin() + 4096 + 65536, 8, 'X');
  }
  SUBCASE("the file cut off inside the second chunk") {
    bytes.resize(4096 + 65536 + 30000);
  }
  const std::string path = dir.write("damaged.evtx", bytes);
  auto r = read_spec(path);
  CHECK(r.ok);
  CHECK(r.events.size() > 90);
  CHECK(r.events.size() < 349);
  CHECK(r.events.size() + r.stats.lines_rejected == 349);
  bool with_record = false;
  for (const auto& n : r.notices) {
    if (n.code == "parse_error" && n.source.find(path + "#") == 0)
      with_record = true;
  }
  CHECK(with_record);
}

TEST_CASE(
    "EVTX: a gzip-compressed EVTX file and one from standard input are read "
    "too") {
  const std::string original = data_file(
      "mdec_ID4674_6416_New_external_device_connected_PrintNightmare.evtx");
  ScratchDir dir;
  const std::string gz = dir.path("Security.evtx.gz");
  REQUIRE(std::system(("gzip -c '" + original + "' > '" + gz + "'").c_str()) ==
          0);
  auto r = read_spec(gz);
  CHECK(r.ok);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].source() == gz + "#1");
  CHECK(r.events[0].action == Action::kDeviceAttach);

  const int saved = ::dup(0);
  const int fd = ::open(original.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  ::dup2(fd, 0);
  ::close(fd);
  r = read_spec("-");
  ::dup2(saved, 0);
  ::close(saved);
  CHECK(r.ok);
  CHECK(r.events.size() == 1);
}

TEST_CASE(
    "EVTX: a file with the EVTX magic and nothing else is an error, not a "
    "crash") {
  ScratchDir dir;
  const std::string path = dir.write(
      "fake.evtx", std::string("ElfFile\0", 8) + std::string(5000, '\x41'));
  auto r = read_spec(path);
  CHECK_FALSE(r.ok);
  REQUIRE(!r.notices.empty());
  CHECK(r.notices.back().level == Level::kError);
}

TEST_CASE("WinXml: every id of interest from wevtutil-style XML") {
  const std::string xml = R"(<Events>
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Security-Auditing" Guid="{54849625-5478-4994-A5BA-3E3B0328C30D}"/><EventID>4663</EventID><Version>1</Version><Task>12800</Task><Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime="2026-04-01T01:02:03.123456700Z"/><EventRecordID>10</EventRecordID><Channel>Security</Channel><Computer>PC01.corp.example</Computer></System>
<EventData><Data Name="SubjectUserSid">S-1-5-21-1-2-3-1001</Data><Data Name="SubjectUserName">tanaka</Data><Data Name="SubjectDomainName">CORP</Data><Data Name="ObjectType">File</Data><Data Name="ObjectName">C:\Design\R&amp;D\gear.dwg</Data><Data Name="HandleId">0x1a4</Data><Data Name="AccessList">%%4417
				%%4418
				</Data><Data Name="AccessMask">0x6</Data><Data Name="ProcessId">0x134c</Data><Data Name="ProcessName">C:\Windows\explorer.exe</Data></EventData></Event>
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>4663</EventID><Task>12800</Task><TimeCreated SystemTime="2026-04-01T01:02:04Z"/><Channel>Security</Channel><Computer>PC01</Computer></System><EventData><Data Name="SubjectUserSid">S-1-5-21-1-2-3-1002</Data><Data Name="SubjectUserName">-</Data><Data Name="ObjectType">File</Data><Data Name="ObjectName">C:\Design\old.dwg</Data><Data Name="HandleId">0x2b0</Data><Data Name="AccessMask">0x10000</Data><Data Name="ProcessId">0x10</Data></EventData></Event>
<Event><System><Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>4660</EventID><TimeCreated SystemTime="2026-04-01T01:02:05Z"/><Computer>PC01</Computer></System><EventData><Data Name="SubjectUserSid">S-1-5-21-1-2-3-1002</Data><Data Name="HandleId">0x2b0</Data><Data Name="ProcessId">0x10</Data></EventData></Event>
<Event><System><Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>4656</EventID><Task>12812</Task><Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime="2026-04-01T01:03:00Z"/><Computer>PC01</Computer></System><EventData><Data Name="SubjectUserName">tanaka</Data><Data Name="SubjectDomainName">CORP</Data><Data Name="ObjectType">File</Data><Data Name="ObjectName">\Device\HarddiskVolume7\gear.dwg</Data><Data Name="AccessMask">0x12019f</Data></EventData></Event>
<Event><System><Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>4656</EventID><Task>12812</Task><Keywords>0x8010000000000000</Keywords><TimeCreated SystemTime="2026-04-01T01:03:01Z"/><Computer>PC01</Computer></System><EventData><Data Name="SubjectUserName">tanaka</Data><Data Name="ObjectType">File</Data><Data Name="ObjectName">\Device\HarddiskVolume7\denied.dwg</Data><Data Name="AccessMask">0x12019f</Data></EventData></Event>
<Event><System><Provider Name="Microsoft-Windows-DriverFrameworks-UserMode"/><EventID Qualifiers="">2003</EventID><TimeCreated SystemTime="2023-01-15 19:29:49.410360"/><Channel>Microsoft-Windows-DriverFrameworks-UserMode/Operational</Channel><Computer>DESKTOP-RN1G76S</Computer><Security UserID="S-1-5-19"/></System>
<UserData><UMDFHostDeviceArrivalBegin xmlns="http://www.microsoft.com/DriverFrameworks/UserMode/Event">
  <LifetimeId>{09e41e7b-d73a-4d71-a1e2-37862d81b3d1}</LifetimeId>
  <InstanceId>USB\VID_0781&amp;PID_5581\4C530001230101108383</InstanceId>
</UMDFHostDeviceArrivalBegin></UserData></Event>
<Event><System><Provider Name="Microsoft-Windows-DriverFrameworks-UserMode"/><EventID>2100</EventID><TimeCreated SystemTime="2023-01-15T19:40:00Z"/><Computer>DESKTOP-RN1G76S</Computer></System>
<UserData><UMDFHostDeviceRequest xmlns="http://www.microsoft.com/DriverFrameworks/UserMode/Event"><LifetimeId>{09e41e7b-d73a-4d71-a1e2-37862d81b3d1}</LifetimeId><InstanceId>USB\VID_0781&amp;PID_5581\4C530001230101108383</InstanceId><RequestMajorCode>27</RequestMajorCode><RequestMinorCode>23</RequestMinorCode><Status>0</Status></UMDFHostDeviceRequest></UserData></Event>
<Event><System><Provider Name="Microsoft-Windows-DriverFrameworks-UserMode"/><EventID>2102</EventID><TimeCreated SystemTime="2023-01-15T19:40:00Z"/><Computer>DESKTOP-RN1G76S</Computer></System>
<UserData><UMDFHostDeviceRequest><LifetimeId>{09e41e7b-d73a-4d71-a1e2-37862d81b3d1}</LifetimeId><InstanceId>USB\VID_0781&amp;PID_5581\4C530001230101108383</InstanceId><RequestMinorCode>23</RequestMinorCode></UMDFHostDeviceRequest></UserData></Event>
<Event><System><Provider Name="Microsoft-Windows-Kernel-PnP"/><EventID>410</EventID><TimeCreated SystemTime="2026-04-01T02:00:00Z"/><Channel>Microsoft-Windows-Kernel-PnP/Configuration</Channel><Computer>PC01</Computer></System><EventData><Data Name="DeviceInstanceId">USBSTOR\Disk&amp;Ven_SanDisk&amp;Prod_Ultra&amp;Rev_1.00\4C530001230101108383&amp;0</Data><Data Name="DriverName">disk.inf</Data></EventData></Event>
<Event><System><Provider Name="Microsoft-Windows-Kernel-PnP"/><EventID>400</EventID><TimeCreated SystemTime="2026-04-01T02:00:01Z"/><Computer>PC01</Computer></System><EventData><Data Name="DeviceInstanceId">USBSTOR\Disk&amp;Ven_SanDisk&amp;Prod_Ultra&amp;Rev_1.00\4C530001230101108383&amp;0</Data></EventData></Event>
<Event><System><Provider Name="Microsoft-Windows-Sysmon"/><EventID>11</EventID><TimeCreated SystemTime="2026-04-01T03:00:00.5Z"/><Computer>PC01</Computer><Security UserID="S-1-5-18"/></System><EventData><Data Name="RuleName">-</Data><Data Name="UtcTime">2026-04-01 03:00:00.442</Data><Data Name="Image">C:\Windows\System32\robocopy.exe</Data><Data Name="TargetFilename">E:\gear.dwg</Data><Data Name="User">CORP\tanaka</Data></EventData></Event>
<Event><System><Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>4624</EventID><TimeCreated SystemTime="2026-04-01T03:00:00Z"/></System></Event>
</Events>
)";
  auto r = read_text(xml);
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == 7);
  CHECK(r.events[0].format == "winxml");
  CHECK(r.events[0].action == Action::kWrite);
  CHECK(r.events[0].path == "C:/Design/R&D/gear.dwg");
  CHECK(r.events[0].user == "CORP\\tanaka");
  CHECK(r.events[0].process == "C:/Windows/explorer.exe");
  CHECK(time_of(r.events[0]) == "2026-04-01T01:02:03.123456Z");
  CHECK(r.events[0].line == 2);
  CHECK(r.events[1].action == Action::kDelete);  // 4663 DELETE + 4660
  CHECK(r.events[1].path == "C:/Design/old.dwg");
  CHECK(r.events[1].user == "S-1-5-21-1-2-3-1002");  // no name: the SID
  CHECK(r.events[2].action == Action::kCopyRemovable);
  CHECK(r.events[2].path == "/Device/HarddiskVolume7/gear.dwg");
  CHECK(r.events[3].action == Action::kDeviceAttach);  // 2003
  CHECK(r.events[3].device.vendor_id == "0781");
  CHECK(r.events[3].device.serial == "4C530001230101108383");
  CHECK(time_of(r.events[3]) == "2023-01-15T19:29:49.41036Z");
  CHECK(r.events[4].action == Action::kDeviceDetach);  // 2100 minor 23, once
  CHECK(r.events[5].action == Action::kDeviceAttach);  // 410 (400 repeats it)
  CHECK(r.events[5].device.serial == "4C530001230101108383");
  CHECK(r.events[5].device.label.empty());
  CHECK(r.events[6].action == Action::kCreate);  // Sysmon 11
  CHECK(r.events[6].path == "E:/gear.dwg");
  CHECK(time_of(r.events[6]) == "2026-04-01T03:00:00.442Z");
  CHECK(r.events[6].user == "CORP\\tanaka");

  ReadOptions with_failed;
  with_failed.include_failed = true;
  r = read_text(xml, with_failed);
  REQUIRE(r.events.size() == 8);
  CHECK(r.events[3].failed);
  CHECK(r.events[3].path == "/Device/HarddiskVolume7/denied.dwg");
}

TEST_CASE(
    "WinXml: an event cut off at the end and one without an id are rejected") {
  auto r = read_text(
      "<Event><System><Provider "
      "Name=\"x\"/><EventID>abc</EventID></System></Event>\n"
      "<Event><System><EventID>4663</EventID>\n",
      {}, "winxml");
  CHECK(r.events.empty());
  CHECK(r.stats.lines_rejected == 2);
}

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

TEST_CASE(
    "EVTX: a sink that throws while several threads decode ends the read, "
    "no hang") {
  const std::string path = shared_evtx("eas_LM_5145_Remote_FileCopy.evtx");
  if (!file_exists(path)) {
    MESSAGE("skipped: " << path << " is absent");
    return;
  }
  ReadOptions options;
  options.threads = 4;
  Diagnostics diag;
  ReadStats stats;
  size_t seen = 0;
  CHECK_THROWS_WITH_AS(read_log_file(path, options, diag, stats,
                                     [&](Event&&) {
                                       if (++seen == 300)
                                         throw std::runtime_error("full");
                                     }),
                       "full", std::runtime_error);
  CHECK(seen == 300);
}
