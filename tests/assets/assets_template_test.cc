// samples/assets-template.toml, the starter register shipped to users, must
// load cleanly and its keywords must compile into rules that find them.
#include "assets/register.h"
#include "rules/keyword_rules.h"
#include "rules/rule_set.h"
#include "rules/rules_test_support.h"

#include <doctest/doctest.h>

#include <set>

namespace mamori::assets {
namespace {

const std::filesystem::path kTemplate =
    std::filesystem::path(MAMORI_SOURCE_RULES_DIR).parent_path() / "samples" /
    "assets-template.toml";

TEST_CASE(
    "AssetsTemplate: the starter register loads and covers the prior-report "
    "technologies") {
  Diagnostics diag;
  const auto reg = load_register(kTemplate, diag);
  CHECK(testing::notice_lines(diag) == std::vector<std::string>{});
  REQUIRE(reg.has_value());
  CHECK(reg->assets().size() == 19);
  std::set<std::string> categories;
  for (const Asset& a : reg->assets()) {
    CAPTURE(a.id);
    CHECK_FALSE(a.category.empty());
    CHECK(a.keywords.size() >= 2);
    CHECK_FALSE(a.paths.empty());
    categories.insert(a.category);
  }
  CHECK(categories.size() == 19);
  CHECK(reg->find("mlcc") != nullptr);
  CHECK(reg->match_path("//FS01/rd/mlcc/recipe.xlsx").front()->id == "mlcc");
}

TEST_CASE(
    "AssetsTemplate: its keywords compile and a Shift_JIS placeholder is "
    "found") {
  Diagnostics diag;
  const auto reg = load_register(kTemplate, diag);
  REQUIRE(reg.has_value());
  rules::RuleSources sources;
  sources.default_rules = false;
  auto set = rules::RuleSet::compile(sources, *reg, diag);
  REQUIRE(set.has_value());
  CHECK(diag.size() == 0);
  CHECK(set->size() == 19);
  rules::Scanner scanner(*set);
  const auto sjis =
      rules::encode_text("工程表：内部電極ペースト配合 v3", "CP932");
  REQUIRE(sjis.has_value());
  const auto result = scanner.scan(testing::as_bytes(*sjis));
  REQUIRE(result.matches.size() == 1);
  CHECK(result.matches[0].rule->assets == std::vector<std::string>{"mlcc"});
}

}  // namespace
}  // namespace mamori::assets
