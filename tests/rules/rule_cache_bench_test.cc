// Benchmark, skipped in normal runs: the time of a cold compile of the
// shipped pack plus a 20-asset register against loading the same rules from
// the cache. Run on a Release build with
//   mamori_tests --no-skip -tc='RuleCacheBench*'
// It prints figures and asserts only behaviour (which path was taken).
#include "rules/rule_set.h"
#include "rules/rules_test_support.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>

namespace mamori::rules {
namespace {

std::string twenty_asset_register() {
  std::string out = "version = 1\n";
  for (int i = 0; i < 20; ++i) {
    out += fmt::format(
        "[[asset]]\nid = \"asset_{0}\"\nname = \"技術 {0}\"\n"
        "sensitivity = \"core\"\nkeywords = [\"配合条件{0}番\", "
        "\"PROCESS-SPEC-{0:03}\", \"焼成プロファイル第{0}版\"]\n",
        i);
  }
  return out;
}

double median_ms(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

TEST_CASE(
    "RuleCacheBench: cold compile against cached load of the shipped pack and "
    "20 assets" *
    doctest::skip()) {
  testing::TempDir dir;
  Diagnostics diag;
  const auto reg =
      assets::load_register(dir.write("a.toml", twenty_asset_register()), diag);
  REQUIRE(reg.has_value());
  RuleSources sources;
  sources.default_rules = false;
  sources.paths = {MAMORI_SOURCE_RULES_DIR};
  using Clock = std::chrono::steady_clock;
  std::vector<double> cold;
  std::vector<double> cached;
  size_t rules = 0;
  for (int round = 0; round < 5; ++round) {
    sources.cache_dir = dir / fmt::format("cache{}", round);
    auto t0 = Clock::now();
    auto first = RuleSet::compile(sources, *reg, diag);
    auto t1 = Clock::now();
    auto second = RuleSet::compile(sources, *reg, diag);
    auto t2 = Clock::now();
    REQUIRE(first.has_value());
    REQUIRE(second.has_value());
    CHECK_FALSE(first->from_cache());
    CHECK(second->from_cache());
    rules = second->size();
    cold.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    cached.push_back(
        std::chrono::duration<double, std::milli>(t2 - t1).count());
  }
  MESSAGE(
      fmt::format("{} rules; cold compile + cache write: median {:.1f} ms; "
                  "cached load: median {:.1f} ms (5 rounds)",
                  rules, median_ms(cold), median_ms(cached)));
}

}  // namespace
}  // namespace mamori::rules
