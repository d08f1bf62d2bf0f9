// Tests of lib/logs/m365_parser.cc: AuditData JSON lines, the plaso sample,
// the Purview and PowerShell CSV exports.
#include "logs/m365_parser.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

namespace {

const char kSharePointAccessed[] =
    R"({"ClientIP":"67.43.156.15","CreationTime":"2020-02-07T16:44:08","EventSource":"SharePoint","Id":"25b08f04","ItemType":"File","ObjectId":"https://testsiem-my.sharepoint.com/personal/asr_testsiem_onmicrosoft_com/Documents/Forms/All.aspx","Operation":"FileAccessed","RecordType":"6","SiteUrl":"https://testsiem-my.sharepoint.com/personal/asr_testsiem_onmicrosoft_com/","SourceFileName":"All.aspx","SourceRelativeUrl":"Documents/Forms","UserId":"asr@testsiem.onmicrosoft.com","Workload":"OneDrive"})";

const char kDlpRemovable[] =
    R"({"CreationTime":"2026-03-02T09:15:00","Id":"x1","Operation":"FileCopiedToRemovableMedia","RecordType":63,"UserId":"tanaka@corp.example","Workload":"Endpoint","DeviceName":"PC-0142","Application":"explorer.exe","ObjectId":"C:\\Users\\tanaka\\Documents\\gear-design.dwg","FileSize":4194304,"TargetFilePath":"E:\\backup\\gear-design.dwg","RemovableMediaDeviceAttributes":{"Manufacturer":"SanDisk","Model":"Ultra","SerialNumber":"4C530001230101108383"}})";

}  // namespace

TEST_CASE("M365: AuditData JSON lines map operations and keep UTC times") {
  auto r = read_text(
      std::string(kSharePointAccessed) + "\n" + kDlpRemovable + "\n" +
      R"({"CreationTime":"2026-03-02T09:16:00","Operation":"FileRenamed","UserId":"u@x","ObjectId":"https://t.sharepoint.com/sites/rd/Shared Documents/a.docx","SiteUrl":"https://t.sharepoint.com/sites/rd/","DestinationRelativeUrl":"Shared Documents","DestinationFileName":"b.docx"})"
      "\n"
      R"({"CreationTime":"2026-03-02T09:17:00","Operation":"UserLoggedIn","UserId":"u@x"})"
      "\n");
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 0);
  CHECK(r.stats.records_skipped == 1);
  REQUIRE(r.events.size() == 3);
  const Event& read = r.events[0];
  CHECK(read.format == "m365");
  CHECK(read.action == Action::kRead);
  CHECK(time_of(read) == "2020-02-07T16:44:08Z");
  CHECK(read.user == "asr@testsiem.onmicrosoft.com");
  CHECK(read.path ==
        "https://testsiem-my.sharepoint.com/personal/"
        "asr_testsiem_onmicrosoft_com/Documents/Forms/All.aspx");
  const Event& dlp = r.events[1];
  CHECK(dlp.action == Action::kCopyRemovable);
  CHECK(dlp.path == "C:/Users/tanaka/Documents/gear-design.dwg");
  CHECK(dlp.target == "E:/backup/gear-design.dwg");
  CHECK(dlp.mount == "E:");
  CHECK(dlp.host == "PC-0142");
  CHECK(dlp.process == "explorer.exe");
  REQUIRE(dlp.bytes);
  CHECK(*dlp.bytes == 4194304);
  CHECK(dlp.device.serial == "4C530001230101108383");
  CHECK(dlp.device.label == "SanDisk Ultra");
  CHECK(r.events[2].action == Action::kRename);
  CHECK(r.events[2].target ==
        "https://t.sharepoint.com/sites/rd/Shared Documents/b.docx");
}

TEST_CASE(
    "M365: the plaso sample holds no file operations and parses cleanly") {
  auto r = read_spec(std::string(MAMORI_TEST_DATA) +
                     "/logs/plaso_microsoft_audit_log.jsonl");
  REQUIRE(r.ok);
  CHECK(r.events.empty());
  CHECK(r.stats.records_skipped == 4);
  CHECK(r.stats.lines_rejected == 0);
}

TEST_CASE(
    "M365: the Purview CSV export, AuditData with doubled quotes and "
    "newlines") {
  std::string audit = kDlpRemovable;
  std::string quoted;
  for (char c : audit) {
    quoted += c;
    if (c == '"')
      quoted += '"';
  }
  // A newline inside the field, as exports write pretty AuditData.
  quoted.insert(quoted.find(",\"\"Id"), "\r\n");
  auto r = read_text(
      "\xEF\xBB\xBFRecordId,CreationDate,RecordType,Operation,UserId,AuditData,"
      "AssociatedAdminUnits,AssociatedAdminUnitsNames\r\n"
      "1e06,\"2026-03-02T09:15:00.0000000Z "
      "\",63,FileCopiedToRemovableMedia,tanaka@corp.example,\"" +
      quoted +
      "\",,\r\n"
      "5388,9/20/2023 4:05:03 PM,6,FileDownloaded,sato@corp.example,,,\r\n"
      "5389,9/20/2023 4:05:03 AM,8,Add service principal.,Certificate,,,\r\n"
      "5390,not a date,6,FileDownloaded,sato@corp.example,{broken,,\r\n");
  REQUIRE(r.ok);
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0].action == Action::kCopyRemovable);
  CHECK(r.events[0].line == 2);
  CHECK(r.events[0].device.serial == "4C530001230101108383");
  CHECK(r.events[1].action == Action::kDownload);
  CHECK(time_of(r.events[1]) == "2023-09-20T16:05:03Z");
  CHECK(r.events[1].user == "sato@corp.example");
  CHECK(r.events[1].line == 4);
  CHECK(r.stats.records_skipped == 1);
  CHECK(r.stats.lines_rejected == 1);
}

TEST_CASE("M365: the classic PowerShell export with #TYPE and plural columns") {
  ReadOptions options;
  options.zone = *Zone::find("Asia/Tokyo");
  auto r = read_text(
      "#TYPE "
      "Selected.Microsoft.Exchange.Management.SystemConfigurationTasks."
      "AuditRecord\n"
      "\"CreationDate\",\"UserIds\",\"Operations\",\"AuditData\"\n"
      "\"3/2/2026 6:15:00 "
      "PM\",\"kim@corp.example\",\"FileSyncDownloadedFull\",\"\"\n",
      options, "m365");
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].action == Action::kDownload);
  CHECK(r.events[0].user == "kim@corp.example");
  CHECK(time_of(r.events[0]) == "2026-03-02T09:15:00Z");
}

TEST_CASE("Recovery: an M365 CSV export with an AuditData cut short") {
  auto row = [](int i) {
    return fmt::format(
        "\"3/2/2026 6:15:00 "
        "PM\",\"kim@corp.example\",\"FileSyncDownloadedFull\","
        "\"{{\"\"Id\"\":\"\"{}\"\"}}\"\n",
        i);
  };
  check_all_read(
      read_text(surround("\"CreationDate\",\"UserIds\",\"Operations\","
                         "\"AuditData\"\n",
                         row,
                         "\"3/2/2026 6:15:00 PM\",\"kim@corp.example\","
                         "\"FileSyncDownloadedFull\",\"{\"\"Id\"\":\n"),
                {}, "m365"),
      1);
}
