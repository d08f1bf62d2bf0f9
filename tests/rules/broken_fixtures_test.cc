// The deliberately broken register and rules folder of
// tests/data/rules/broken/ (used by the golden CLI cases of `assets check`
// and `rules check`): every problem is reported, with its exact location,
// in one run. Lines are printed as the CLI prints them, with paths relative
// to the source tree.
#include "assets/register.h"
#include "rules/rule_set.h"
#include "rules/rules_test_support.h"

#include <doctest/doctest.h>

namespace mamori::rules {
namespace {

using V = std::vector<std::string>;

const std::string kData = MAMORI_TEST_DATA;

// "source: [warning: ]message", with the absolute test-data prefix replaced
// by the path the golden cases use.
V cli_lines(const Diagnostics& diag) {
  V out;
  for (const Notice& n : diag.sorted()) {
    std::string line = n.source + ": " +
                       (n.level == Level::kWarning ? "warning: " : "") +
                       n.message;
    for (size_t at; (at = line.find(kData)) != std::string::npos;) {
      line.replace(at, kData.size(), "tests/data");
    }
    out.push_back(line);
  }
  return out;
}

TEST_CASE(
    "BrokenFixtures: every problem of the broken register is reported with "
    "line and column") {
  Diagnostics diag;
  CHECK_FALSE(assets::load_register(kData + "/rules/broken/assets.toml", diag));
  CHECK(cli_lines(diag) ==
        V{"tests/data/rules/broken/assets.toml:4:1: unknown key 'colour'",
          "tests/data/rules/broken/assets.toml:7:6: asset id 'mlcc-dielectric' "
          "is not a YARA identifier ([A-Za-z_][A-Za-z0-9_]*, at most 100 "
          "characters, not a YARA keyword)",
          "tests/data/rules/broken/assets.toml:9:15: bad sensitivity 'secret' "
          "(expected core, confidential or internal)",
          "tests/data/rules/broken/assets.toml:10:10: bad path glob "
          "'//fs01/rd/[mlcc/**': unclosed '[' in glob",
          "tests/data/rules/broken/assets.toml:11:11: hash 'abc123' is not 64 "
          "hex digits (SHA-256)",
          "tests/data/rules/broken/assets.toml:12:15: cannot read hash file "
          "'missing.sha256': No such file or directory",
          "tests/data/rules/broken/assets.toml:13:1: unknown key 'keyword' in "
          "[[asset]]",
          "tests/data/rules/broken/assets.toml:15:1: missing required key "
          "'name' in [[asset]]",
          "tests/data/rules/broken/assets.toml:18:21: 'export_controlled' must "
          "be true or false",
          "tests/data/rules/broken/assets.toml:19:14: 'authorized' must be an "
          "array of strings",
          "tests/data/rules/broken/assets.toml:22:6: duplicate asset id "
          "'saw_filter' (first declared on line 16)",
          "tests/data/rules/broken/assets.toml:25:24: entries of 'keywords' "
          "must be strings",
          "tests/data/rules/broken/hashes/bad.sha256:2:1: not a sha256sum line "
          "(expected '<64 hex digits>  <file name>')"});
}

TEST_CASE("BrokenFixtures: a TOML syntax error is reported at its position") {
  Diagnostics diag;
  CHECK_FALSE(assets::load_register(kData + "/rules/broken/syntax.toml", diag));
  CHECK(cli_lines(diag) ==
        V{"tests/data/rules/broken/syntax.toml:4:21: TOML syntax error: Error "
          "while parsing string: unescaped control characters other than TAB "
          "(U+0009) are explicitly prohibited"});
}

TEST_CASE(
    "BrokenFixtures: every problem of the broken rules folder is reported with "
    "file and line") {
  Diagnostics diag;
  const auto reg =
      assets::load_register(kData + "/rules/broken/valid-assets.toml", diag);
  REQUIRE(reg.has_value());
  RuleSources sources;
  sources.default_rules = false;
  sources.paths = {kData + "/rules/broken/rules"};
  CHECK_FALSE(RuleSet::compile(sources, *reg, diag));
  CHECK(cli_lines(diag) ==
        V{"tests/data/rules/broken/rules/a_undefined.yar:7: undefined string "
          "\"$b\"",
          "tests/data/rules/broken/rules/b_syntax.yar:5: syntax error",
          "tests/data/rules/broken/rules/c_tags.yar:2: warning: rule "
          "'recipe_sheet': bad severity 'urgent' (expected info, low, medium, "
          "high or critical); ignored",
          "tests/data/rules/broken/rules/c_tags.yar:2: warning: rule "
          "'recipe_sheet': tag 'mlcc_dielectrc' names no declared asset",
          "tests/data/rules/broken/rules/e_twin.yar:2: warning: duplicate rule "
          "name 'twin' (also declared at "
          "tests/data/rules/broken/rules/d_twin.yar:1)"});
}

}  // namespace
}  // namespace mamori::rules
