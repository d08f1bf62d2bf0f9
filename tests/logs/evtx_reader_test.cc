// Tests of lib/logs/evtx_reader.cc: the EVTX samples (ours and the shared
// corpus, counts of corpus/SOURCES.md), threaded decoding in order, damaged
// chunks, gzip and standard input.
#include "logs/evtx_reader.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <set>
#include <unistd.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

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
      CHECK(e.device.storage == Storage::kRemovable);
    }
    if (e.device.bus == "sata") {
      ++sata;  // VirtualBox's internal disk
      CHECK(e.device.storage == Storage::kFixed);
    }
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
  CHECK(r.events[0].device.storage == Storage::kNone);  // a print queue
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
