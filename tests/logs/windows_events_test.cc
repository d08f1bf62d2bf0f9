// Tests of lib/logs/windows_events.cc: Windows paths as the events write
// them. Each event id's mapping is tested through its carriers, in
// evtx_reader_test.cc, win_xml_test.cc and winjson_parser_test.cc.
#include "logs/windows_events.h"

#include "log_test_util.h"

#include <doctest/doctest.h>

using namespace mamori::logs;

TEST_CASE(
    "windows_path: drive, device, UNC and Mup paths use forward slashes") {
  CHECK(windows_path("C:\\Users\\IEUser\\a.txt") == "C:/Users/IEUser/a.txt");
  CHECK(windows_path("\\??\\C:\\") == "C:/");
  CHECK(windows_path("\\\\fs01\\share\\x.docx") == "//fs01/share/x.docx");
  CHECK(windows_path("\\Device\\Mup\\fs01\\share\\x") == "//fs01/share/x");
  CHECK(windows_path("\\Device\\HarddiskVolume3\\d\\f") ==
        "/Device/HarddiskVolume3/d/f");
}
