// Recognising every format from its first bytes, and bad input of every
// kind: counted, reported with file:line, never a crash.
#include "logs/format_detect.h"

#include "log_test_util.h"

#include "common/encoding.h"
#include "common/text.h"

#include <doctest/doctest.h>

#include <fstream>
#include <random>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

TEST_CASE("detect_format: each format from a typical head") {
  const ReadOptions none;
  CHECK(detect_format(std::string("ElfFile\0\0\0", 10), none) == "evtx");
  CHECK(detect_format("type=SYSCALL msg=audit(1.2:3): arch=c000003e\n", none) ==
        "auditd");
  CHECK(detect_format("node=h type=PATH msg=audit(1.2:3): item=0\n", none) ==
        "auditd");
  CHECK(detect_format(
            "----\ntime->Wed Sep 28 06:04:46 2022\ntype=X msg=audit(1:2): \n",
            none) == "auditd");
  CHECK(detect_format("Mar 26 16:10:45 fs smbd_audit[1]: u|ip|openat|ok|r|/x\n",
                      none) == "samba");
  CHECK(detect_format("[2026/09/23 22:02:29.216096,  1] x.c:1(do_log)\n  "
                      "u|i|connect|ok|s\n",
                      none) == "samba");
  CHECK(detect_format("Nov  9 09:56:57 kali kernel: usb 2-1: Product: X\n",
                      none) == "syslog");
  CHECK(detect_format("2019-08-31T12:34:56+0300 host kernel: usb 1-1: x\n",
                      none) == "syslog");
  CHECK(detect_format("{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":\"x\"}\n",
                      none) == "journal");
  CHECK(detect_format("{\n\t\"__CURSOR\" : \"s=1\",\n", none) == "journal");
  CHECK(detect_format("<Events><Event xmlns=\"x\"><System>", none) == "winxml");
  CHECK(detect_format("<?xml version=\"1.0\"?>\n<Events>", none) == "winxml");
  CHECK(detect_format("{\"winlog\":{\"event_id\":4663}}\n", none) == "winjson");
  CHECK(detect_format("{\"EventID\":5145,\"Channel\":\"security\"}\n", none) ==
        "winjson");
  CHECK(detect_format(
            "\xEF\xBB\xBF[Device Install Log]\r\n     OS Version = 10\r\n",
            none) == "setupapi");
  CHECK(detect_format("{\"CreationTime\":\"2020-02-07T16:44:08\",\"Operation\":"
                      "\"FileAccessed\"}\n",
                      none) == "m365");
  CHECK(detect_format(
            "RecordId,CreationDate,RecordType,Operation,UserId,AuditData\n",
            none) == "m365");
  CHECK(detect_format("#TYPE "
                      "Selected.X\n\"CreationDate\",\"UserIds\",\"Operations\","
                      "\"AuditData\"\n",
                      none) == "m365");
  CHECK(detect_format("{\"kind\":\"admin#reports#activity\",\"id\":{}}\n",
                      none) == "gworkspace");
  CHECK(detect_format("When,Who,What\n1,2,3\n", none).empty());
  CHECK(detect_format("{\"ts\":1}\n", none).empty());
  ReadOptions mapped;
  mapped.columns.time = "When";
  CHECK(detect_format("When,Who,What\n1,2,3\n", mapped) == "csv");
  CHECK(detect_format("{\"ts\":1}\n", mapped) == "jsonl");
  CHECK(detect_format("C:/x is a path\nnot a log\n", none).empty());
}

TEST_CASE("Bad input: binary junk is an unknown format, never a crash") {
  std::mt19937 rng(42);
  std::string junk(1 << 16, '\0');
  for (char& c : junk)
    c = static_cast<char>(rng());
  auto r = read_text(junk);
  CHECK_FALSE(r.ok);
  REQUIRE(r.notices.size() == 1);
  CHECK(r.notices[0].code == "unknown_format");
}

TEST_CASE(
    "Bad input: binary junk inside every text format is counted per line") {
  std::mt19937 rng(7);
  std::string junk;
  for (int line = 0; line < 20; ++line) {
    for (int i = 0; i < 300; ++i) {
      char c = static_cast<char>(rng());
      junk += c == '\n' ? ' ' : c;
    }
    junk += '\n';
  }
  const std::string formats[] = {"samba",    "syslog",  "auditd",
                                 "journal",  "winjson", "winxml",
                                 "setupapi", "m365",    "gworkspace"};
  for (const std::string& format : formats) {
    CAPTURE(format);
    auto r = read_text(junk, {}, format);
    CHECK(r.events.empty());
    // Every format reads on; the line-based ones count each junk line.
    if (format != "setupapi" && format != "winxml") {
      CHECK(r.stats.lines_rejected >= 1);
    }
  }
}

TEST_CASE("Bad input: a truncated auditd group and a truncated JSON record") {
  auto r = read_text(
      "type=SYSCALL msg=audit(1691714604.324:66): arch=c000003e syscall=257 "
      "success=yes exit=3 a0=ffffff9c a1=1 a2=241 items=2 auid=1000 uid=0 "
      "exe=\"/usr/bin/cp\"\n"
      "type=PATH msg=audit(1691714604.324:66): item=1 name=\"/srv/rd/x\" "
      "nametype=NORM",
      {}, "auditd");
  REQUIRE(r.events.size() == 1);  // the cut value is read as it stands
  CHECK(r.events[0].path == "/srv/rd/x");
  r = read_text(
      "{\"winlog\":{\"event_id\":4663,\"event_data\":{\"ObjectName\":\"C:\\\\x",
      {}, "winjson");
  CHECK(r.events.empty());
  CHECK(r.stats.lines_rejected == 1);
}

TEST_CASE(
    "Bad input: CP932 lines are decoded, invalid bytes kept as logged and "
    "escaped in JSON") {
  const auto cp932 = convert_encoding("/srv/設計/歯車.dwg", "UTF-8", "CP932");
  REQUIRE(cp932);
  auto r = read_text(
      "Mar 26 10:00:00 fs smbd_audit[1]: u|ip|openat|ok|r|" + *cp932 +
          "\n"
          "Mar 26 10:00:01 fs smbd_audit[1]: "
          "u|ip|openat|ok|r|/srv/\xff\xfe\x80.txt\n"
          "Mar 26 10:00:02 fs smbd_audit[1]: u|ip|openat|ok|r|/srv/設計.txt\n",
      {}, "samba");
  REQUIRE(r.events.size() == 3);
  CHECK(r.events[0].path == "/srv/設計/歯車.dwg");
  const std::string json = to_json(r.events[1]);
  CHECK(json.find("/srv/\\\\xff\\\\xfe\\\\x80.txt") != std::string::npos);
  CHECK(is_valid_utf8(json));
  CHECK(to_json(r.events[2]).find("/srv/設計.txt") != std::string::npos);
}

TEST_CASE(
    "Bad input: a line of megabytes in a JSON log is rejected, the rest read") {
  std::string log =
      "{\"__REALTIME_TIMESTAMP\":\"1594109504000000\",\"_HOSTNAME\":\"h\","
      "\"SYSLOG_IDENTIFIER\":\"udisksd\",\"MESSAGE\":\"Mounted /dev/sdb1 at "
      "/media/a/B on behalf of uid 1000\"}\n";
  log += "{\"MESSAGE\":\"" + std::string(3 << 20, 'a') + "\"}\n";
  log += log.substr(0, log.find('\n') + 1);
  auto r = read_text(log, {}, "journal");
  CHECK(r.events.size() == 2);
  CHECK(r.stats.lines_rejected == 1);
  REQUIRE(!r.notices.empty());
  CHECK(r.notices[0].source.ends_with(":2"));
}

TEST_CASE(
    "Bad input: a truncated gzip file reads what it can and is an error") {
  ScratchDir dir;
  std::string log;
  for (int i = 0; i < 20000; ++i) {
    log +=
        "2026-10-05T10:15:32+09:00 fs smbd_audit[1]: u|ip|openat|ok|r|/srv/f" +
        std::to_string(i) + "\n";
  }
  const std::string plain = dir.write("big.log", log);
  REQUIRE(std::system(("gzip -kf '" + plain + "'").c_str()) == 0);
  std::ifstream in(plain + ".gz", std::ios::binary);
  std::string gz((std::istreambuf_iterator<char>(in)),
                 std::istreambuf_iterator<char>());
  const std::string cut = dir.write("cut.log.gz", gz.substr(0, gz.size() / 2));
  auto r = read_spec(cut);
  CHECK_FALSE(r.ok);
  CHECK(r.events.size() > 1000);
  CHECK(r.events.size() < 20000);
  bool unreadable = false;
  for (const auto& n : r.notices)
    unreadable |= n.code == "unreadable" && n.level == Level::kError;
  CHECK(unreadable);
}

TEST_CASE("Unknown format: exports mamori cannot read say how to export") {
  // Get-WinEvent | ConvertTo-Json (PowerShell 5 writes it in UTF-16, read
  // as UTF-8 here): values without names.
  const std::string json =
      "[\r\n    {\r\n        \"Id\":  4663,\r\n        \"Version\":  1,\r\n"
      "        \"ProviderName\":  \"Microsoft-Windows-Security-Auditing\",\r\n"
      "        \"TimeCreated\":  \"\\/Date(1711929600000)\\/\",\r\n"
      "        \"Properties\":  [ { \"Value\":  \"tanaka\" } ]\r\n    "
      "}\r\n]\r\n";
  const std::string csv =
      "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n"
      "\"Message\",\"Id\",\"Version\",\"Qualifiers\",\"Level\",\"Task\","
      "\"Opcode\",\"Keywords\",\"RecordId\",\"ProviderName\"\r\n"
      "\"An attempt was made to access an object.\",\"4663\",\"1\",,\"0\","
      "\"12800\",\"0\",\"-9214364837600034816\",\"1\","
      "\"Microsoft-Windows-Security-Auditing\"\r\n";
  const std::string viewer =
      "Level,Date and Time,Source,Event ID,Task Category\r\n"
      "Information,4/1/2026 12:00:00 PM,Microsoft-Windows-Security-Auditing,"
      "4663,File System,\"An attempt was made to access an object.\"\r\n";
  for (const std::string& text : {json, csv, viewer}) {
    const ReadResult r = read_text(text);
    CHECK_FALSE(r.ok);
    REQUIRE(r.notices.size() == 1);
    CHECK(r.notices[0].code == "unknown_format");
    CHECK(r.notices[0].message.find("give the .evtx") != std::string::npos);
  }
  // Anything else keeps the general advice.
  const ReadResult other = read_text("hello\nworld\n");
  REQUIRE(other.notices.size() == 1);
  CHECK(other.notices[0].message ==
        "not in any known log format (give FORMAT:FILE)");
}
