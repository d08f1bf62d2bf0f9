// Recovery in every parser (issue 11): one damaged record in the middle of
// thousands of good ones costs that record only, and is counted exactly.
#include "log_test_util.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <zlib.h>

#include <fstream>
#include <functional>
#include <iterator>
#include <string>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

namespace {

constexpr int kGood = 3000;

// `head`, then good(0..kGood/2), `bad`, then the other half of the good
// records: every good one must come out as one event.
std::string surround(const std::string& head,
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

void check_all_read(const ReadResult& r, uint64_t rejected) {
  CHECK(r.ok);
  CHECK(r.events.size() == kGood);
  CHECK(r.stats.lines_rejected == rejected);
}

std::string winjson(int i) {
  return fmt::format(
      R"({{"@timestamp":"2023-01-06T02:27:17.000Z","winlog":{{"event_id":"4663","provider_name":"Microsoft-Windows-Security-Auditing","computer_name":"FS1","event_data":{{"SubjectUserName":"sato","SubjectDomainName":"CORP","ObjectType":"File","ObjectName":"C:\\Share\\plan{}.xlsx","AccessMask":"0x1"}}}}}})"
      "\n",
      i);
}

std::string m365_json(int i) {
  return fmt::format(
      R"({{"CreationTime":"2026-03-02T09:16:00","Operation":"FileDownloaded","UserId":"u@x","ObjectId":"https://t.sharepoint.com/sites/rd/Shared Documents/a{}.docx"}})"
      "\n",
      i);
}

std::string winxml(int i) {
  return fmt::format(
      R"(<Event><System><Provider Name="Microsoft-Windows-Sysmon"/><EventID>11</EventID><TimeCreated SystemTime="2026-04-01T03:00:00.5Z"/><Computer>PC01</Computer></System><EventData><Data Name="UtcTime">2026-04-01 03:00:00.442</Data><Data Name="Image">C:\Windows\System32\robocopy.exe</Data><Data Name="TargetFilename">E:\gear{}.dwg</Data><Data Name="User">CORP\tanaka</Data></EventData></Event>)"
      "\n",
      i);
}

ReadOptions mapped() {
  ReadOptions options;
  options.columns.time = "When";
  options.columns.user = "Who";
  options.columns.path = "File";
  return options;
}

}  // namespace

TEST_CASE("Recovery: a JSON line cut by a crashed forwarder costs that line") {
  const std::string cut = winjson(99999).substr(0, 90) + "\n";
  check_all_read(read_text(surround("", winjson, cut), {}, "winjson"), 1);
  // Cut inside a string: the rest of the line must not be taken as text.
  const std::string in_string = winjson(99999).substr(0, 200) + "\n";
  check_all_read(read_text(surround("", winjson, in_string), {}, "winjson"), 1);
  // Detected, not forced.
  check_all_read(read_text(surround("", winjson, cut)), 1);
}

TEST_CASE("Recovery: a lone { line costs that line in every JSON format") {
  check_all_read(read_text(surround("", winjson, "{\n"), {}, "winjson"), 1);
  check_all_read(read_text(surround("", m365_json, "{\n"), {}, "m365"), 1);
  auto jsonl = [](int i) {
    return fmt::format(
        R"({{"When":"2026-03-02T09:15:00Z","Who":"kim","File":"/srv/rd/{}.txt"}})"
        "\n",
        i);
  };
  check_all_read(read_text(surround("", jsonl, "{\n"), mapped(), "jsonl"), 1);
}

TEST_CASE("Recovery: pretty-printed JSON with a record cut short") {
  auto pretty = [](int i) {
    return fmt::format(
        "{{\n  \"CreationTime\": \"2026-03-02T09:16:00\",\n"
        "  \"Operation\": \"FileDownloaded\",\n  \"UserId\": \"u@x\",\n"
        "  \"Nested\": {{\n    \"a\": [\n      {{\n        \"b\": 1\n"
        "      }}\n    ]\n  }},\n"
        "  \"ObjectId\": \"https://t.sharepoint.com/sites/rd/a{}.docx\"\n}}\n",
        i);
  };
  const std::string cut =
      "{\n  \"CreationTime\": \"2026-03-02T09:16:00\",\n"
      "  \"Operation\": \"FileDown\n";
  check_all_read(read_text(surround("", pretty, cut), {}, "m365"), 1);
}

TEST_CASE("Recovery: a CSV path with a stray quote is read, not a lost tail") {
  auto row = [](int i) {
    return fmt::format("1772442900,sato,/srv/rd/{}.txt\n", i);
  };
  // A quote inside an unquoted field is literal: the row is good too.
  auto r = read_text(surround("When,Who,File\n", row,
                              "1772442900,kim,/srv/x/5\" floppy.txt\n"),
                     mapped(), "csv");
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == kGood + 1);
  CHECK(r.events[kGood / 2].path == "/srv/x/5\" floppy.txt");
}

TEST_CASE("Recovery: an unbalanced CSV row costs that row only") {
  auto row = [](int i) {
    return fmt::format("1772442900,\"sato\",\"/srv/rd/{}, \"\"a\"\".txt\"\n",
                       i);
  };
  check_all_read(read_text(surround("When,Who,File\n", row,
                                    "1772442900,kim,\"/srv/rd/open.txt\n"),
                           mapped(), "csv"),
                 1);
  // A quoted field legitimately spanning lines is still one record.
  auto r = read_text(
      "When,Who,File\n1772442900,kim,\"/srv/rd/two\nlines.txt\"\n"
      "1772442900,kim,/srv/rd/b.txt\n",
      mapped(), "csv");
  CHECK(r.stats.lines_rejected == 0);
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0].path == "/srv/rd/two\nlines.txt");
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

TEST_CASE("Recovery: a damaged Samba line costs that line") {
  auto line = [](int i) {
    return fmt::format(
        "Mar 26 16:10:45 fs1a smbd_audit[62673]: tanaka|10.0.100.14|openat|ok|"
        "r|/srv/shares/rd/{}.dwg\n",
        i);
  };
  check_all_read(
      read_text(
          surround("", line,
                   "Mar 26 16:10:45 fs1a smbd_audit[62673]: tanaka|10.0\n"),
          {}, "samba"),
      1);
}

TEST_CASE("Recovery: NUL padding is skipped and counted, never a tar") {
  auto line = [](int i) {
    return fmt::format(
        "Mar 26 16:10:45 fs1a smbd_audit[62673]: tanaka|10.0.100.14|openat|ok|"
        "r|/srv/shares/rd/{}.dwg\n",
        i);
  };
  const std::string pad(4096, '\0');
  for (const std::string format : {"", "samba"}) {
    CAPTURE(format);
    // At the start (taken for an empty tar before), in the middle, at the end.
    auto r = read_text(pad + surround("", line, pad) + pad, {}, format);
    check_all_read(r, 0);
    int padding = 0;
    for (const Notice& n : r.notices) {
      if (n.code == "nul_padding") {
        ++padding;
        CHECK(n.message.find("12288 NUL bytes skipped") != std::string::npos);
      }
    }
    CHECK(padding == 1);
  }
}

TEST_CASE("Recovery: a damaged auditd record costs that line") {
  auto record = [](int i) {
    return fmt::format(
        "type=SYSCALL msg=audit(1783416217.830:{0}): arch=c000003e syscall=2 "
        "success=yes exit=3 a0=1 a1=0 a2=1b6 a3=0 items=1 ppid=1 pid=2 "
        "auid=1000 uid=0 comm=\"cat\" exe=\"/usr/bin/cat\" key=(null)\n"
        "type=PATH msg=audit(1783416217.830:{0}): item=0 "
        "name=\"/srv/rd/{0}.txt\" inode=1 dev=fc:00 mode=0100644 ouid=0 "
        "ogid=0 rdev=00:00 nametype=NORMAL\n",
        i + 1);
  };
  check_all_read(
      read_text(surround("", record, "type=SYSCALL msg=audit(17834162\n"), {},
                "auditd"),
      1);
}

TEST_CASE("Recovery: a damaged setupapi section header costs that line") {
  ReadOptions options;
  options.zone = *Zone::find("Asia/Tokyo");
  auto section = [](int i) {
    return fmt::format(
        ">>>  [Device Install (Hardware initiated) - "
        "USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Glide&Rev_1.00\\{:016X}&0]\r\n"
        ">>>  Section start 2026/04/01 09:12:02.938\r\n"
        "<<<  Section end 2026/04/01 09:12:05.000\r\n"
        "<<<  [Exit status: SUCCESS]\r\n",
        i + 1);
  };
  check_all_read(
      read_text(
          surround("[Device Install Log]\r\n[BeginLog]\r\n", section,
                   ">>>  [Device Install (Hardware initiated) - USBST\r\n"),
          options, "setupapi"),
      1);
}

TEST_CASE("Recovery: Google Workspace and eslogger lines cut short") {
  auto drive = [](int i) {
    return fmt::format(
        R"({{"kind":"admin#reports#activity","id":{{"time":"2020-10-02T15:00:00Z","applicationName":"drive"}},"actor":{{"email":"foo@bar.com"}},"events":{{"type":"access","name":"download","parameters":[{{"name":"doc_id","value":"{0}"}},{{"name":"doc_title","value":"document {0}"}}]}}}})"
        "\n",
        i);
  };
  check_all_read(read_text(surround("", drive, drive(0).substr(0, 70) + "\n"),
                           {}, "gworkspace"),
                 1);
  auto open = [](int i) {
    return fmt::format(
        R"({{"schema_version":1,"mach_time":412233000000,"event_type":10,"version":7,"seq_num":{0},"event":{{"open":{{"fflag":1,"file":{{"path":"/Users/ysato/K{0}.xlsx","path_truncated":false}}}}}},"time":"2026-03-27T06:20:14.102938475Z","process":{{"audit_token":{{"auid":501,"euid":501,"pid":412,"ruid":501}},"executable":{{"path":"/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder","path_truncated":false}}}},"global_seq_num":{0},"action_type":1}})"
        "\n",
        i + 1);
  };
  check_all_read(read_text(surround("", open, open(0).substr(0, 100) + "\n"),
                           {}, "eslogger"),
                 1);
}

TEST_CASE("Recovery: journal records, one cut in json-pretty output") {
  auto mounted = [](int i) {
    return fmt::format(
        "{{\n\t\"__REALTIME_TIMESTAMP\" : \"1594109504000000\",\n"
        "\t\"_HOSTNAME\" : \"thinkpad\",\n\t\"SYSLOG_IDENTIFIER\" : "
        "\"udisksd\",\n\t\"MESSAGE\" : \"Mounted /dev/sdb1 at "
        "/media/tanaka/K{} on behalf of uid 1000\"\n}}\n",
        i);
  };
  check_all_read(
      read_text(
          surround("", mounted, "{\n\t\"__REALTIME_TIMESTAMP\" : \"15941095\n"),
          {}, "journal"),
      1);
}

TEST_CASE("Recovery: a syslog line without a header costs that line") {
  auto mounted = [](int i) {
    return fmt::format(
        "2026-03-01T10:00:01+0900 ws udisksd[1]: Mounted /dev/sdb1 at "
        "/media/tanaka/K{} on behalf of uid 1000\n",
        i);
  };
  check_all_read(
      read_text(surround("", mounted, "2026-03-01T10:0\n"), {}, "syslog"), 1);
}

TEST_CASE("Recovery: a gzip log that starts with NUL padding is read") {
  auto line = [](int i) {
    return fmt::format(
        "Mar 26 16:10:45 fs1a smbd_audit[62673]: tanaka|10.0.100.14|openat|ok|"
        "r|/srv/shares/rd/{}.dwg\n",
        i);
  };
  const std::string text = std::string(1024, '\0') + surround("", line, "");
  ScratchDir dir;
  const std::string file = dir.path("smbd.log.gz");
  gzFile gz = gzopen(file.c_str(), "wb");
  REQUIRE(gz != nullptr);
  CHECK(gzwrite(gz, text.data(), static_cast<unsigned>(text.size())) ==
        static_cast<int>(text.size()));
  CHECK(gzclose(gz) == Z_OK);
  // Before, an empty tar: nothing read, nothing rejected.
  check_all_read(read_spec(file), 0);
  check_all_read(read_spec("samba:" + file), 0);
}

TEST_CASE("Recovery: an EVTX record damaged in the middle costs that record") {
  const std::string name = MAMORI_TEST_DATA
      "/logs/mdec_ID5145_user_file_credentials_browser_dump_via_network_share"
      ".evtx";
  std::ifstream in(name, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  // Record 216 of 431, in the third chunk: "**\0\0", size 544, then its
  // binary XML from byte 24, overwritten here.
  constexpr size_t kRecord = 146728;
  REQUIRE(data.size() > kRecord + 544);
  REQUIRE(data.substr(kRecord, 4) == std::string("**\0\0", 4));
  for (size_t i = kRecord + 24; i < kRecord + 80; ++i)
    data[i] = '\xff';
  ScratchDir dir;
  const auto good = read_spec(name);
  const auto bad = read_spec(dir.write("damaged.evtx", data));
  REQUIRE(good.ok);
  CHECK(bad.ok);
  CHECK(good.stats.lines_rejected == 0);
  CHECK(bad.stats.lines_rejected == 1);
  size_t lost = 0;
  for (const Event& e : good.events)
    lost += e.line == 216 ? 1 : 0;
  CHECK(bad.events.size() + lost == good.events.size());
  CHECK(good.events.size() > 300);
}
