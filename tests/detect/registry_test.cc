// Tests of lib/detect/registry.cc: the detector table is complete and the
// man page lists it in order.
#include "detect/registry.h"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

using namespace mamori::detect;

TEST_CASE(
    "registry: unique names, a description each, log detectors runnable") {
  std::set<std::string_view> names;
  size_t log_detectors = 0;
  for (const DetectorInfo& d : detectors()) {
    CHECK(names.insert(d.name).second);
    CHECK_FALSE(d.description.empty());
    CHECK(find_detector(d.name) == &d);
    if (d.run != nullptr)
      ++log_detectors;
  }
  CHECK(log_detectors == 7);
  CHECK(find_detector("no_such_detector") == nullptr);
}

TEST_CASE("man/mamori.1 lists every detector of the table, in its order") {
  std::ifstream in(MAMORI_TEST_DATA "/../../man/mamori.1");
  REQUIRE(in);
  std::vector<std::pair<std::string, std::string>> listed;
  std::string line;
  bool inside = false;
  bool want_text = false;
  while (std::getline(in, line)) {
    if (line.rfind(".SH ", 0) == 0) {
      inside = line == ".SH DETECTORS";
      continue;
    }
    if (!inside)
      continue;
    if (line.rfind(".B ", 0) == 0) {
      listed.emplace_back(line.substr(3), "");
      want_text = true;
    } else if (want_text) {
      std::string text;
      for (size_t i = 0; i < line.size(); ++i) {
        if (line.compare(i, 2, "\\-") == 0) {
          text += '-';
          ++i;
        } else if (line.compare(i, 4, "\\(aq") == 0) {
          text += '\'';
          i += 3;
        } else {
          text += line[i];
        }
      }
      if (!text.empty() && text.back() == '.')
        text.pop_back();
      listed.back().second = text;
      want_text = false;
    }
  }
  const auto table = detectors();
  REQUIRE(listed.size() == table.size());
  for (size_t i = 0; i < table.size(); ++i) {
    CHECK(listed[i].first == table[i].name);
    CHECK(listed[i].second == table[i].description);
  }
}
