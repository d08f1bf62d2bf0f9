// Tests of lib/state/file_results.cc: an unchanged file under the same rule
// set hits; a change of size, time, inode or rule set misses.
#include "state/file_results.h"

#include "state/state_store.h"
#include "test_util.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::state;

TEST_CASE("file results: unchanged hits, any change misses") {
  test::TempDir dir;
  StateStore store((dir.path() / "state.db").string(), {});
  Database& db = store.database();
  const FileKey key{"/srv/share/a.step", 1234, 1700000000123456789, 42};
  CHECK_FALSE(cached_file_result(db, key, "rules1"));
  save_file_result(db, key, "rules1", "[\"step_file\"]");
  CHECK(cached_file_result(db, key, "rules1") == "[\"step_file\"]");
  CHECK_FALSE(cached_file_result(db, key, "rules2"));
  FileKey grown = key;
  grown.size = 1235;
  CHECK_FALSE(cached_file_result(db, grown, "rules1"));
  FileKey touched = key;
  touched.mtime_ns += 1;
  CHECK_FALSE(cached_file_result(db, touched, "rules1"));
  FileKey replaced = key;
  replaced.inode = 43;
  CHECK_FALSE(cached_file_result(db, replaced, "rules1"));
  // Matching again replaces the row.
  save_file_result(db, key, "rules2", "[]");
  CHECK(cached_file_result(db, key, "rules2") == "[]");
  CHECK_FALSE(cached_file_result(db, key, "rules1"));
  CHECK(db.query_int("SELECT count(*) FROM file_result") == 1);
}
