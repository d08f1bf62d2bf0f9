// Tests of lib/logs/gworkspace_parser.cc: Drive activities, split events and
// whole API pages.
#include "logs/gworkspace_parser.h"

#include "log_test_util.h"
#include "recovery_fixtures.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::logs;
using namespace mamori::logs::testing;

TEST_CASE("Gworkspace: Drive activities, split events and whole API pages") {
  auto r = read_text(
      R"({"kind":"admin#reports#activity","id":{"time":"2020-10-02T15:00:00Z","uniqueQualifier":1,"applicationName":"drive","customerId":"1"},"actor":{"callerType":"USER","email":"foo@bar.com","profileId":1},"ownerDomain":"elastic.com","ipAddress":"67.43.156.13","events":{"type":"access","name":"download","parameters":[{"name":"billable","boolValue":false},{"name":"doc_id","value":"1234"},{"name":"doc_title","value":"document title"},{"name":"doc_type","value":"document"},{"name":"owner","value":"owner@example.com"},{"name":"primary_event","boolValue":true},{"name":"visibility","value":"people_with_link"}]}})"
      "\n"
      R"({"kind":"admin#reports#activities","items":[{"kind":"admin#reports#activity","id":{"time":"2020-10-02T15:01:00.5Z"},"actor":{"email":"kim@corp.example"},"events":[{"name":"view","parameters":[{"name":"doc_id","value":"99"}]},{"name":"rename","parameters":[{"name":"doc_title","value":"new"},{"name":"old_value","multiValue":["old"]},{"name":"new_value","multiValue":["new"]}]},{"name":"change_user_access","parameters":[]}]}]})"
      "\n");
  REQUIRE(r.ok);
  CHECK(r.stats.lines_rejected == 0);
  CHECK(r.stats.records_skipped == 1);
  REQUIRE(r.events.size() == 3);
  CHECK(r.events[0].format == "gworkspace");
  CHECK(r.events[0].action == Action::kDownload);
  CHECK(r.events[0].user == "foo@bar.com");
  CHECK(r.events[0].path == "document title");
  CHECK(time_of(r.events[0]) == "2020-10-02T15:00:00Z");
  CHECK(r.events[1].action == Action::kRead);
  CHECK(r.events[1].path == "99");
  CHECK(r.events[2].action == Action::kRename);
  CHECK(r.events[2].target == "new");
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
