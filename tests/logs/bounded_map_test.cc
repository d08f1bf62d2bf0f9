// BoundedMap and BoundedSet: never more than their capacity, emptied only
// for a new key, updates of a held key kept.
#include "logs/bounded_map.h"

#include <doctest/doctest.h>

#include <string>

using namespace mamori::logs;

TEST_CASE("BoundedMap: a new key at capacity empties it first") {
  BoundedMap<std::string, int, 3> m;
  m["a"] = 1;
  m["b"] = 2;
  m["c"] = 3;
  CHECK(m.size() == 3);
  // A held key is updated without losing the others.
  CHECK_FALSE(m.clears_for("b"));
  m["b"] = 20;
  CHECK(m.size() == 3);
  CHECK(m.find("b")->second == 20);
  // A new one: the old state goes, the new entry stays.
  CHECK(m.clears_for("d"));
  m["d"] = 4;
  CHECK(m.size() == 1);
  CHECK(m.find("a") == m.end());
  CHECK(m.find("d")->second == 4);
  m.erase(m.find("d"));
  CHECK(m.empty());
}

TEST_CASE("BoundedMap: memory stays bounded under a flood of keys") {
  BoundedMap<int, int> m;
  for (int i = 0; i < 100000; ++i) {
    m[i] = i;
    REQUIRE(m.size() <= kBoundedEntries);
  }
  CHECK(m.find(99999) != m.end());
  CHECK(m.capacity() == 4096);
}

TEST_CASE("BoundedSet: insert says whether the key is new") {
  BoundedSet<std::string, 2> s;
  CHECK(s.insert("x"));
  CHECK_FALSE(s.insert("x"));
  CHECK(s.insert("y"));
  CHECK_FALSE(s.insert("y"));  // held: no emptying
  CHECK(s.size() == 2);
  CHECK(s.insert("z"));  // full: emptied, then added
  CHECK(s.size() == 1);
  CHECK(s.insert("x"));  // forgotten, so new again
}
