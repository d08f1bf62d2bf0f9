// Tests of lib/rules/rule_source.cc: where each rule is declared (comments,
// `private`/`global`, mid-line declarations), and which files a rules path
// yields: *.yar and *.yara found recursively in sorted order, each once.
#include "rules/rule_source.h"

#include "test_util.h"

#include "rules/rule_set.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using namespace mamori;
using namespace mamori::rules;

namespace {

std::vector<std::string> displays(const std::vector<RuleSource>& sources,
                                  const std::filesystem::path& root) {
  std::vector<std::string> out;
  for (const RuleSource& s : sources)
    out.push_back(
        std::filesystem::path(s.display).lexically_relative(root).string());
  return out;
}

}  // namespace

TEST_CASE("find_rule_lines: declarations at the start of a line only") {
  const auto lines = find_rule_lines(
      "import \"pe\"\n"
      "rule first { condition: true }\n"
      "  private rule second\n"
      "{ condition: true }\n"
      "global private rule third { condition: true }\n"
      "/* rule in_comment { condition: true }\n"
      "rule still_in_comment { condition: true }\n"
      "*/ rule after_comment { condition: true }\n"
      "rules_not_a_rule x\n"
      "// a note; rule mid_line { condition: true }\n"
      "rule first { condition: false }\n");
  CHECK(lines ==
        std::map<std::string, int, std::less<>>{
            {"first", 2}, {"second", 3}, {"third", 5}, {"after_comment", 8}});
}

TEST_CASE("RuleSource: line_of is 0 for a rule it did not find") {
  const RuleSource file =
      RuleSource::make_file("r.yar", "\n\nrule kept { condition: true }\n");
  CHECK(file.line_of("kept") == 3);
  CHECK(file.line_of("missing") == 0);
  CHECK_FALSE(file.generated);
  const RuleSource generated = RuleSource::make_generated(
      "assets.toml", "rule kw { condition: true }\n");
  CHECK(generated.generated);
  CHECK(generated.display == "assets.toml");
  CHECK(generated.line_of("kw") == 0);  // its lines are not the register's
}

TEST_CASE(
    "collect_sources: rule files of a folder, sorted and recursive, each read "
    "once") {
  test::TempDir dir;
  dir.write("pack/b.yar", "rule b { condition: true }\n");
  dir.write("pack/a.YARA", "rule a { condition: true }\n");
  dir.write("pack/sub/c.yar", "rule c { condition: true }\n");
  dir.write("pack/readme.txt", "not a rule file");
  RuleSources sources;
  sources.default_rules = false;
  sources.paths = {dir.path() / "pack", dir.path() / "pack" / "b.yar",
                   dir.path() / "pack" / "sub" / ".." / "b.yar"};
  Diagnostics problems;
  bool readable = false;
  const auto out = collect_sources(sources, problems, &readable);
  CHECK(readable);
  CHECK(problems.size() == 0);
  CHECK(
      displays(out, dir.path()) ==
      std::vector<std::string>{"pack/a.YARA", "pack/b.yar", "pack/sub/c.yar"});
  REQUIRE(out.size() == 3);
  CHECK(out[1].text == "rule b { condition: true }\n");
  CHECK(out[1].line_of("b") == 1);
}

TEST_CASE("collect_sources: a missing path is an error, the rest still read") {
  test::TempDir dir;
  dir.write("ok.yar", "rule ok { condition: true }\n");
  RuleSources sources;
  sources.default_rules = false;
  sources.paths = {dir.path() / "missing.yar", dir.path() / "ok.yar"};
  Diagnostics problems;
  bool readable = true;
  const auto out = collect_sources(sources, problems, &readable);
  CHECK_FALSE(readable);
  REQUIRE(out.size() == 1);
  const auto notices = problems.sorted();
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].code == "rule");
  CHECK(notices[0].level == Level::kError);
  CHECK(notices[0].source == (dir.path() / "missing.yar").string());
}
