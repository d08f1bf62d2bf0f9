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

TEST_CASE(
    "StateFileCache: a file gone from a walked tree is forgotten; files of "
    "trees not walked and of a neighbour that shares the prefix are kept") {
  TempDir tree;
  TempDir state_dir;
  const fs::path state = state_dir / "state.db";
  fs::create_directories(tree / "share/sub");
  fs::create_directories(tree / "share2");
  fs::create_directories(tree / "other");
  write_file(tree / "share/a.txt", "a");
  write_file(tree / "share/sub/b.txt", "b");
  write_file(tree / "share2/c.txt", "c");
  write_file(tree / "other/d.txt", "d");
  RuleFixture rules(kSecretRule);
  const auto kept = [&] {
    state::StateStore store(state.string(), state::StoreOptions{});
    std::vector<std::string> paths;
    state::Statement s(store.database(),
                       "SELECT path FROM file_result ORDER BY path");
    while (s.step())
      paths.push_back(
          fs::path(s.column_text(0)).lexically_relative(tree.path()));
    return paths;
  };
  night(state, tree.path(), rules.get());
  REQUIRE(kept() == std::vector<std::string>{"other/d.txt", "share/a.txt",
                                             "share/sub/b.txt",
                                             "share2/c.txt"});

  // Walked again as "share/" (a trailing slash), with a file gone.
  fs::remove(tree / "share/sub/b.txt");
  const auto walk = [&](const fs::path& root) {
    state::StateStore store(state.string(), state::StoreOptions{});
    const Limits limits;
    state::StateFileCache cache(
        store.database(), result_key(rules.get(), assets::Register(), limits));
    Diagnostics diag;
    scan_paths({root}, rules.get(), assets::Register(), limits, 1, diag,
               nullptr, &cache);
    store.commit();
  };
  walk(fs::path(tree / "share").string() + "/");
  CHECK(kept() ==
        std::vector<std::string>{"other/d.txt", "share/a.txt", "share2/c.txt"});
  // A root that is a file is its own tree.
  fs::remove(tree / "other/d.txt");
  walk(tree / "other/d.txt");
  CHECK(kept() == std::vector<std::string>{"share/a.txt", "share2/c.txt"});
}
