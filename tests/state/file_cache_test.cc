// The content scanner's file cache over the state (state/file_results.h,
// content::FileCache): an unchanged file is not matched again and gives
// what it gave, hits inside archives included; a changed file, changed
// rules or changed limits match again; a file that gave a notice is
// examined again.
#include "../content/content_fixtures.h"
#include "state/file_results.h"
#include "state/state_store.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;
namespace fs = std::filesystem;

namespace {

// One run: the scan through a cache in a state that is then committed.
Results night(const fs::path& state_path, const fs::path& tree,
              const rules::RuleSet& rules, const Limits& limits = {}) {
  state::StateStore store(state_path.string(), state::StoreOptions{});
  state::StateFileCache cache(store.database(),
                              result_key(rules, assets::Register(), limits));
  Diagnostics diag;
  Results results = scan_paths({tree}, rules, assets::Register(), limits, 2,
                               diag, nullptr, &cache);
  store.commit();
  return results;
}

}  // namespace

TEST_CASE(
    "StateFileCache: unchanged files give their hits without being matched; "
    "a changed file is matched again") {
  TempDir tree;
  TempDir state_dir;
  const fs::path state = state_dir / "state.db";
  write_file(tree / "notes.txt", std::string("notes ") + kSecret + "\n");
  write_file(tree / "plain.txt", "nothing to see");
  write_file(tree / "bundle.zip",
             make_zip({{"a/secret.txt", std::string("x ") + kSecret}}));
  RuleFixture rules(kSecretRule);

  const Results first = night(state, tree.path(), rules.get());
  CHECK(first.stats.files_scanned == 3);
  CHECK(first.stats.files_cached == 0);
  REQUIRE(first.hits.size() == 2);

  const Results second = night(state, tree.path(), rules.get());
  CHECK(second.stats.files_scanned == 0);
  CHECK(second.stats.files_cached == 3);
  REQUIRE(second.hits.size() == first.hits.size());
  for (size_t i = 0; i < first.hits.size(); ++i) {
    CHECK(second.hits[i].location == first.hits[i].location);
    CHECK(second.hits[i].sha256 == first.hits[i].sha256);
    REQUIRE(second.hits[i].rules.size() == first.hits[i].rules.size());
    CHECK(second.hits[i].rules[0].strings == first.hits[i].rules[0].strings);
  }
  REQUIRE(second.archives.size() == first.archives.size());
  CHECK(second.archives[0].members == first.archives[0].members);

  // The secret leaves notes.txt: it is matched again, and no longer hits.
  write_file(tree / "notes.txt", "notes, nothing secret\n");
  fs::last_write_time(
      tree / "notes.txt",
      fs::last_write_time(tree / "notes.txt") + std::chrono::seconds(5));
  const Results third = night(state, tree.path(), rules.get());
  CHECK(third.stats.files_scanned == 1);
  CHECK(third.stats.files_cached == 2);
  REQUIRE(third.hits.size() == 1);
  CHECK(third.hits[0].location.front() == (tree / "bundle.zip").string());
}

TEST_CASE(
    "StateFileCache: other rules or other limits match every file again") {
  TempDir tree;
  TempDir state_dir;
  const fs::path state = state_dir / "state.db";
  write_file(tree / "notes.txt", std::string("notes ") + kSecret + "\n");
  RuleFixture rules(kSecretRule);
  night(state, tree.path(), rules.get());

  RuleFixture other(std::string(kSecretRule) +
                    "rule other { strings: $a = \"notes\" condition: $a }\n");
  const Results with_other = night(state, tree.path(), other.get());
  CHECK(with_other.stats.files_cached == 0);
  REQUIRE(with_other.hits.size() == 1);
  CHECK(with_other.hits[0].rules.size() == 2);

  Limits limits;
  limits.excerpts = false;
  const Results without_excerpts =
      night(state, tree.path(), other.get(), limits);
  CHECK(without_excerpts.stats.files_cached == 0);
}

TEST_CASE("StateFileCache: a file that gave a notice is examined again") {
  TempDir tree;
  TempDir state_dir;
  const fs::path state = state_dir / "state.db";
  // A zip cut short: a corrupt_archive notice every time it is examined.
  const std::string zip = make_zip({{"a.txt", std::string(4000, 'a')}});
  write_file(tree / "cut.zip", zip.substr(0, zip.size() / 2));
  write_file(tree / "plain.txt", "nothing");
  RuleFixture rules(kSecretRule);
  night(state, tree.path(), rules.get());
  const Results second = night(state, tree.path(), rules.get());
  CHECK(second.stats.files_cached == 1);
  CHECK(second.stats.files_scanned == 1);
}
