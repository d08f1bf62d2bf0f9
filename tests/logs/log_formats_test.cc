// The format table: each row complete and unique, the names users give
// found, the man page's list equal to the table, and detection taking the
// earliest sign in a head with ties to the earlier row.
#include "logs/log_formats.h"

#include "logs/log_reader.h"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace mamori::logs;

TEST_CASE("log_format_table: one complete row per name") {
  std::set<std::string_view> names;
  for (const LogFormatRow& row : log_format_table()) {
    CAPTURE(row.format.name());
    CHECK(!row.format.empty());
    CHECK(names.insert(row.format.name()).second);
    const bool sniffs = row.sniff != nullptr;
    CHECK(sniffs);
    // Exactly one way to read it.
    const bool one_reader =
        (row.make_parser != nullptr) != (row.read_file != nullptr);
    CHECK(one_reader);
    CHECK(!row.description.empty());
    CHECK(find_log_format(row.format.name()) == &row);
    CHECK(log_format_row(row.format) == &row);
  }
  CHECK(find_log_format("C") == nullptr);
  CHECK(find_log_format("") == nullptr);
  CHECK(log_format_row(LogFormat()) == nullptr);
  // format_names() is the table's names, in its order.
  const auto& listed = format_names();
  REQUIRE(listed.size() == log_format_table().size());
  for (size_t i = 0; i < listed.size(); ++i)
    CHECK(listed[i] == log_format_table()[i].format.name());
}

TEST_CASE("LogFormat: a value compared by name, not by where it lives") {
  const std::string text = "samba";
  const LogFormat samba = "samba";
  CHECK(samba == LogFormat("samba"));
  CHECK(samba != LogFormat("syslog"));
  CHECK(samba.name() == text);
  CHECK(LogFormat().empty());
  CHECK(LogFormat() != samba);
}

TEST_CASE("describe_log_formats: every row, aligned, for --help") {
  const std::string text = describe_log_formats(2);
  std::istringstream lines(text);
  std::string line;
  size_t n = 0;
  size_t column = 0;
  while (std::getline(lines, line)) {
    const LogFormatRow& row = log_format_table()[n++];
    CAPTURE(line);
    CHECK(line.substr(0, 2 + row.format.name().size()) ==
          "  " + std::string(row.format.name()));
    const size_t at = line.find(row.description);
    REQUIRE(at != std::string::npos);
    if (column == 0)
      column = at;
    CHECK(at == column);  // descriptions line up
  }
  CHECK(n == log_format_table().size());
}

TEST_CASE("man/mamori.1 lists the formats of the table, in its order") {
  std::ifstream in(MAMORI_TEST_DATA "/../../man/mamori.1");
  REQUIRE(in);
  std::string line;
  while (std::getline(in, line) && line != "forces one of") {
  }
  std::vector<std::string> listed;
  while (std::getline(in, line) && line.rfind(".BR ", 0) == 0) {
    std::string name = line.substr(4);
    name = name.substr(0, name.find(' '));
    listed.push_back(name);
  }
  std::vector<std::string> table;
  for (const LogFormatRow& row : log_format_table())
    table.emplace_back(row.format.name());
  CHECK(listed == table);
}

TEST_CASE("detect_format: the earliest sign wins, ties to the earlier row") {
  const ReadOptions none;
  // A Samba record on the first line, an auditd record on the second.
  CHECK(detect_format("Mar 26 16:10:45 fs smbd_audit[1]: u|ip|openat|ok|r|/x\n"
                      "type=SYSCALL msg=audit(1.2:3): arch=c000003e\n",
                      none) == "samba");
  CHECK(detect_format("type=SYSCALL msg=audit(1.2:3): arch=c000003e\n"
                      "Mar 26 16:10:45 fs smbd_audit[1]: u|ip|openat|ok|r|/x\n",
                      none) == "auditd");
  // Plain syslog framing is only a last resort: a Samba record further down
  // decides.
  CHECK(detect_format("Nov  9 09:56:57 kali kernel: usb 2-1: Product: X\n"
                      "Nov  9 09:56:58 fs smbd_audit[1]: u|ip|openat|ok|r|/x\n",
                      none) == "samba");
  // Same place, two formats: the earlier row (journal before winjson).
  CHECK(detect_format("{\"__CURSOR\":\"s\",\"EventID\":4663}\n", none) ==
        "journal");
  // A JSON head never falls to a line format, with a mapping it is jsonl.
  ReadOptions mapped;
  mapped.columns.time = "ts";
  CHECK(detect_format("{\"ts\":1,\"x\":\"a,b\"}\n", mapped) == "jsonl");
  CHECK(detect_format("ts,user\n1,a\n", mapped) == "csv");
  CHECK(detect_format("Nov  9 09:56:57 h kernel: a,b\n", mapped) == "syslog");
}

TEST_CASE("Log formats: FORMAT:FILE is split only on a format's name") {
  const LogSpec forced = split_log_spec("samba:logs/audit.log");
  CHECK(forced.format.name() == "samba");
  CHECK(forced.file == "logs/audit.log");
  // A drive letter or an unknown word is part of the file.
  for (const char* plain : {"C:/logs/a.log", "nosuch:a.log", "a.log", "-"}) {
    const LogSpec spec = split_log_spec(plain);
    CHECK(spec.format.empty());
    CHECK(spec.file == plain);
  }
  const LogSpec piped = split_log_spec("auditd:-");
  CHECK(piped.format.name() == "auditd");
  CHECK(piped.file == "-");
  // Only the first colon separates: the rest is the file's.
  CHECK(split_log_spec("syslog:a:b").file == "a:b");
}
