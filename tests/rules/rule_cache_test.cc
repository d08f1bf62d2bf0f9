// The compiled-rules cache: a second compile of unchanged sources loads the
// cache and behaves the same; a changed rule file, a changed register or a
// damaged entry is compiled afresh.
#include "rules/rule_set.h"
#include "rules/rules_test_support.h"

#include <doctest/doctest.h>

namespace mamori::rules {
namespace {

using testing::as_bytes;
using testing::TempDir;

struct CacheFixture {
  TempDir dir;
  assets::Register reg;
  RuleSources sources;

  explicit CacheFixture(std::string_view keyword = "BT-07 slurry") {
    write_register(keyword);
    dir.write("r/a.yar",
              "rule warn_me : nosuchasset {\n  meta: severity = \"high\"\n"
              "  strings: $a = \"a\"\n  condition: $a }\n"
              "rule mark { meta: description = \"d\" strings: $m = \"MARK-1\" "
              "condition: $m }\n");
    sources.paths = {dir / "r"};
    sources.default_rules = false;
    sources.cache_dir = dir / "cache";
  }
  void write_register(std::string_view keyword) {
    Diagnostics diag;
    auto loaded = assets::load_register(
        dir.write("a.toml", fmt::format("version = 1\n[[asset]]\nid = \"m\"\n"
                                        "name = \"M\"\nsensitivity = \"core\"\n"
                                        "keywords = [\"{}\"]\n",
                                        keyword)),
        diag);
    REQUIRE(loaded.has_value());
    reg = std::move(*loaded);
  }
  std::optional<RuleSet> compile(Diagnostics& diag) {
    return RuleSet::compile(sources, reg, diag);
  }
};

std::vector<std::string> match_names(const RuleSet& set,
                                     std::string_view data) {
  Scanner scanner(set);
  std::vector<std::string> out;
  for (const RuleMatch& m : scanner.scan(as_bytes(data)).matches) {
    out.push_back(m.rule->name);
  }
  return out;
}

TEST_CASE(
    "RuleCache: a second compile loads the cache, with the same rules, "
    "metadata and warnings") {
  CacheFixture f;
  Diagnostics first_diag;
  auto first = f.compile(first_diag);
  REQUIRE(first.has_value());
  CHECK_FALSE(first->from_cache());
  Diagnostics second_diag;
  auto second = f.compile(second_diag);
  REQUIRE(second.has_value());
  CHECK(second->from_cache());
  CHECK(testing::notice_lines(second_diag) ==
        testing::notice_lines(first_diag));
  // Unknown tag, libyara's short-string warning (speed) and mamori's
  // (specificity).
  CHECK(first_diag.size() == 3);
  REQUIRE(second->size() == first->size());
  for (size_t i = 0; i < first->size(); ++i) {
    const RuleInfo& a = first->rule(i);
    const RuleInfo& b = second->rule(i);
    CHECK(a.name == b.name);
    CHECK(a.tags == b.tags);
    CHECK(a.assets == b.assets);
    CHECK(a.severity == b.severity);
    CHECK(a.description == b.description);
    CHECK(a.file == b.file);
    CHECK(a.line == b.line);
  }
  const std::string data = "MARK-1 ab bt-07 SLURRY";
  CHECK(match_names(*second, data) == match_names(*first, data));
  CHECK(match_names(*second, data) ==
        std::vector<std::string>{"asset_m_keywords", "mark", "warn_me"});
}

TEST_CASE("RuleCache: a changed rule file or register is compiled afresh") {
  CacheFixture f;
  Diagnostics diag;
  REQUIRE(f.compile(diag).has_value());
  SUBCASE("rule file") {
    f.dir.write("r/a.yar",
                "rule mark { strings: $m = \"MARK-2\" condition: $m }\n");
    auto changed = f.compile(diag);
    REQUIRE(changed.has_value());
    CHECK_FALSE(changed->from_cache());
    CHECK(match_names(*changed, "MARK-2") == std::vector<std::string>{"mark"});
    CHECK(match_names(*changed, "MARK-1").empty());
    CHECK(f.compile(diag)->from_cache());
  }
  SUBCASE("register keywords") {
    f.write_register("other word");
    auto changed = f.compile(diag);
    REQUIRE(changed.has_value());
    CHECK_FALSE(changed->from_cache());
    CHECK(match_names(*changed, "other word") ==
          std::vector<std::string>{"asset_m_keywords"});
  }
}

TEST_CASE("RuleCache: a damaged cache entry is ignored and rewritten") {
  CacheFixture f;
  Diagnostics diag;
  REQUIRE(f.compile(diag).has_value());
  std::filesystem::path yarc;
  for (const auto& e : std::filesystem::directory_iterator(f.dir / "cache")) {
    if (e.path().extension() == ".yarc")
      yarc = e.path();
  }
  REQUIRE_FALSE(yarc.empty());
  SUBCASE("truncated") {
    std::filesystem::resize_file(yarc, std::filesystem::file_size(yarc) / 2);
  }
  SUBCASE("garbage of the same size") {
    f.dir.write(std::filesystem::relative(yarc, f.dir.path()).string(),
                std::string(std::filesystem::file_size(yarc), 'x'));
  }
  auto again = f.compile(diag);
  REQUIRE(again.has_value());
  CHECK_FALSE(again->from_cache());
  CHECK(match_names(*again, "MARK-1") == std::vector<std::string>{"mark"});
  CHECK(f.compile(diag)->from_cache());
}

TEST_CASE("RuleCache: no cache directory means no cache") {
  CacheFixture f;
  f.sources.cache_dir.clear();
  Diagnostics diag;
  REQUIRE(f.compile(diag).has_value());
  CHECK_FALSE(f.compile(diag)->from_cache());
  CHECK_FALSE(std::filesystem::exists(f.dir / "cache"));
}

TEST_CASE(
    "RuleSet::check: a logs-only run learns whether the rules compile, from "
    "the cache when it can, and hears only of errors") {
  CacheFixture f;  // a.yar has warnings: an unknown tag, a 1-byte string
  Diagnostics warned;
  REQUIRE(f.compile(warned).has_value());
  REQUIRE(warned.size() > 0);
  REQUIRE_FALSE(warned.has_errors());
  std::filesystem::path cached;
  for (const auto& e : std::filesystem::directory_iterator(f.dir / "cache")) {
    if (e.path().extension() == ".yarc")
      cached = e.path();
  }
  REQUIRE_FALSE(cached.empty());

  Diagnostics diag;
  CHECK(RuleSet::check(f.sources, f.reg, diag));
  CHECK(diag.sorted().empty());
  // The entry's .meta is proof enough: the compiled rules are not read.
  std::filesystem::resize_file(cached, 1);
  CHECK(RuleSet::check(f.sources, f.reg, diag));
  CHECK(diag.sorted().empty());

  // Changed sources miss the cache and are compiled: an error is reported
  // with its file and line, warnings are not.
  f.dir.write("r/b.yar", "rule broken { condition: nosuchthing }\n");
  CHECK_FALSE(RuleSet::check(f.sources, f.reg, diag));
  const std::vector<Notice> notices = diag.sorted();
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].level == Level::kError);
  CHECK(notices[0].source.find("b.yar:1") != std::string::npos);
  // A register whose keywords changed makes other generated rules: compiled
  // again, and cached for the next check.
  std::filesystem::remove(f.dir / "r/b.yar");
  f.write_register("SPM-900 spindle");
  Diagnostics fresh;
  CHECK(RuleSet::check(f.sources, f.reg, fresh));
  CHECK(fresh.sorted().empty());
  CHECK(f.compile(fresh)->from_cache());
  // Without a cache directory every check compiles.
  f.sources.cache_dir.clear();
  CHECK(RuleSet::check(f.sources, f.reg, fresh));
}

}  // namespace
}  // namespace mamori::rules
