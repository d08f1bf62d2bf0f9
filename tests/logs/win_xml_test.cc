// Tests of lib/logs/win_xml.cc: every event id of interest from
// wevtutil-style XML, and cut or id-less events rejected.
#include "logs/win_xml.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

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
    "WinXml: removable means removable: 6416 by setup class, 1006 by bus and "
    "removal policy") {
  // What Windows logs when a keyboard, a monitor, a flash drive (its USB
  // device and its disk), a phone (MTP) and an internal NVMe disk arrive,
  // and Partition/Diagnostic for an internal SATA disk and a Thunderbolt
  // NVMe enclosure the user may remove.
  const auto pnp = [](const char* id, const char* cls, const char* desc) {
    return std::string(
               R"(<Event><System><Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>6416</EventID><TimeCreated SystemTime="2026-04-01T02:00:00Z"/><Computer>PC01</Computer></System><EventData><Data Name="DeviceId">)") +
           id + R"(</Data><Data Name="DeviceDescription">)" + desc +
           R"(</Data><Data Name="ClassName">)" + cls +
           "</Data></EventData></Event>\n";
  };
  const auto disk = [](const char* bus, const char* removal,
                       const char* characteristics, const char* model) {
    return std::string(
               R"(<Event><System><Provider Name="Microsoft-Windows-Partition"/><EventID>1006</EventID><TimeCreated SystemTime="2026-04-01T02:00:00Z"/><Channel>Microsoft-Windows-Partition/Diagnostic</Channel><Computer>PC01</Computer></System><EventData><Data Name="Characteristics">)") +
           characteristics +
           R"(</Data><Data Name="Capacity">512110190592</Data><Data Name="BusType">)" +
           bus + R"(</Data><Data Name="Model">)" + model +
           R"(</Data><Data Name="SerialNumber">S5GXNX0T123456</Data><Data Name="ParentId">PCI\VEN_144D&amp;DEV_A80A\4&amp;1a2b&amp;0&amp;0008</Data><Data Name="UserRemovalPolicy">)" +
           removal + "</Data></EventData></Event>\n";
  };
  const std::string xml =
      "<Events>\n" +
      pnp(R"(HID\VID_046D&amp;PID_C31C&amp;MI_00\7&amp;2A8E1D4&amp;0&amp;0000)",
          "Keyboard", "HID Keyboard Device") +
      pnp(R"(DISPLAY\DELA0B8\5&amp;1F5A7B4&amp;0&amp;UID4352)", "Monitor",
          "Generic PnP Monitor") +
      pnp(R"(USB\VID_046D&amp;PID_C52B\5&amp;3A1B2C3D&amp;0&amp;2)", "USB",
          "USB Composite Device") +
      pnp(R"(USB\VID_0781&amp;PID_5581\4C530001230101108383)", "USB",
          "USB Mass Storage Device") +
      pnp(R"(USBSTOR\Disk&amp;Ven_SanDisk&amp;Prod_Ultra&amp;Rev_1.00\4C530001230101108383&amp;0)",
          "DiskDrive", "SanDisk Ultra USB Device") +
      pnp(R"(SWD\WPDBUSENUM\_??_USBSTOR#Disk&amp;Ven_Apple#00008030#{53f56307})",
          "WPD", "Apple iPhone") +
      pnp(R"(SCSI\Disk&amp;Ven_NVMe&amp;Prod_Samsung_SSD_980\5&amp;2f3c&amp;0&amp;000000)",
          "DiskDrive", "Samsung SSD 980") +
      disk("11", "false", "256", "VBOX HARDDISK") +
      disk("17", "true", "256", "Samsung SSD 980 in a Thunderbolt enclosure") +
      "</Events>\n";
  auto r = read_text(xml);
  REQUIRE(r.ok);
  REQUIRE(r.events.size() == 9);
  const Storage expected[] = {
      Storage::kNone,      Storage::kNone,      Storage::kNone,
      Storage::kRemovable, Storage::kRemovable, Storage::kRemovable,
      Storage::kFixed,     Storage::kFixed,     Storage::kRemovable};
  for (size_t i = 0; i < r.events.size(); ++i) {
    CAPTURE(i);
    CAPTURE(r.events[i].device.label);
    CHECK(r.events[i].device.storage == expected[i]);
  }
  CHECK(r.events[7].device.bus == "sata");
  CHECK(r.events[8].device.bus == "nvme");
  CHECK(to_json(r.events[8]).find(R"("storage":"removable")") !=
        std::string::npos);
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

TEST_CASE(
    "Recovery: a Windows XML event cut short is not merged into the next") {
  const std::string cut = winxml(99999).substr(0, 120) + "\n";
  check_all_read(read_text(surround("<Events>\n", winxml, cut) + "</Events>\n"),
                 1);
  // Cut and the next event on the same line.
  const std::string same_line = winxml(99999).substr(0, 120);
  check_all_read(
      read_text(surround("<Events>\n", winxml, same_line) + "</Events>\n"), 1);
}
