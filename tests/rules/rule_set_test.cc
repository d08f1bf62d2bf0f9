// RuleSet and Scanner: rules tied to assets by their tags, general rules,
// compile errors with file and line, warnings about unknown tags, bad
// severities and duplicate names, and the scan result.
#include "rules/rule_set.h"

#include "rules/rules_test_support.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <thread>

namespace mamori::rules {
namespace {

using testing::as_bytes;
using testing::TempDir;
using V = std::vector<std::string>;

assets::Register load_test_register(const TempDir& dir, std::string_view body) {
  Diagnostics diag;
  auto reg = assets::load_register(dir.write("assets.toml", body), diag);
  REQUIRE(reg.has_value());
  return std::move(*reg);
}

constexpr std::string_view kRegister = R"(version = 1
[[asset]]
id = "mlcc_dielectric"
name = "MLCC dielectric"
sensitivity = "core"
)";

RuleSources only(std::vector<std::filesystem::path> paths) {
  RuleSources s;
  s.paths = std::move(paths);
  s.default_rules = false;
  return s;
}

std::vector<std::string> names(const ScanResult& r) {
  std::vector<std::string> out;
  for (const RuleMatch& m : r.matches)
    out.push_back(m.rule->name);
  return out;
}

const RuleInfo* find_rule(const RuleSet& set, std::string_view name) {
  for (size_t i = 0; i < set.size(); ++i) {
    if (set.rule(i).name == name)
      return &set.rule(i);
  }
  return nullptr;
}

TEST_CASE(
    "RuleSet: tags naming assets tie rules to them; untagged rules are "
    "general") {
  TempDir dir;
  const auto reg = load_test_register(dir, kRegister);
  dir.write("r/a.yar", R"(rule bt07_recipe : mlcc_dielectric
{
  meta:
    severity = "high"
    description = "BT-07 recipe sheet"
  strings:
    $a = "BT-07 recipe"
  condition:
    $a
}

rule stamp
{
  meta:
    severity = "medium"
  strings:
    $s = "STAMP-XYZ"
  condition:
    $s
}
)");
  Diagnostics diag;
  auto set = RuleSet::compile(only({dir / "r"}), reg, diag);
  REQUIRE(set.has_value());
  CHECK(diag.size() == 0);
  CHECK_FALSE(set->from_cache());
  REQUIRE(set->size() == 2);

  const RuleInfo* tied = find_rule(*set, "bt07_recipe");
  REQUIRE(tied != nullptr);
  CHECK(tied->tags == V{"mlcc_dielectric"});
  CHECK(tied->assets == V{"mlcc_dielectric"});
  CHECK(tied->severity == Severity::kHigh);
  CHECK(tied->description == "BT-07 recipe sheet");
  CHECK(tied->file == (dir / "r/a.yar").string());
  CHECK(tied->line == 1);

  const RuleInfo* general = find_rule(*set, "stamp");
  REQUIRE(general != nullptr);
  CHECK(general->assets.empty());
  CHECK(general->severity == Severity::kMedium);
  CHECK(general->line == 12);

  Scanner scanner(*set);
  const ScanResult both = scanner.scan(as_bytes("x STAMP-XYZ y BT-07 recipe"));
  CHECK(names(both) == V{"bt07_recipe", "stamp"});
  CHECK_FALSE(both.timed_out);
  CHECK(both.error.empty());
  CHECK(names(scanner.scan(as_bytes("STAMP-XYZ"))) == V{"stamp"});
  CHECK(scanner.scan(as_bytes("nothing here")).matches.empty());
}

TEST_CASE(
    "RuleSet: a syntax error is reported with its file and line, for every "
    "broken file") {
  TempDir dir;
  const auto reg = load_test_register(dir, kRegister);
  dir.write("r/1_bad.yar",
            "rule ok { condition: true }\n\nrule bad {\n  condition:\n    $x "
            "and\n}\n");
  dir.write("r/2_good.yar", "rule fine { condition: true }\n");
  dir.write("r/3_bad.yara",
            "rule also_bad {\n  strings: $a = \"xyzzy\"\n  condition: $b }\n");
  dir.write("r/notes.txt", "this is not a rule file {");
  Diagnostics diag;
  CHECK_FALSE(RuleSet::compile(only({dir / "r"}), reg, diag).has_value());
  const auto notices = diag.sorted();
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].level == Level::kError);
  CHECK(notices[0].code == "rule");
  CHECK(notices[0].source == (dir / "r/1_bad.yar").string() + ":5");
  CHECK(notices[0].message == "undefined string \"$x\"");
  CHECK(notices[1].source == (dir / "r/3_bad.yara").string() + ":3");
  CHECK(notices[1].message == "undefined string \"$b\"");
}

TEST_CASE(
    "RuleSet: a tag naming no declared asset is a warning at the rule's line") {
  TempDir dir;
  const auto reg = load_test_register(dir, kRegister);
  const auto file = dir.write("t.yar",
                              "// typo below\n\nrule r1 : mlcc_dielectrc "
                              "general\n{ condition: true }\n");
  Diagnostics diag;
  auto set = RuleSet::compile(only({file}), reg, diag);
  REQUIRE(set.has_value());  // warnings do not stop the run
  CHECK(testing::notice_lines(diag) ==
        V{"warning " + file.string() +
              ":3: rule 'r1': tag 'mlcc_dielectrc' names no declared asset",
          "warning " + file.string() +
              ":3: rule 'r1': tag 'general' names no declared asset"});
  CHECK(set->rule(0).assets.empty());
}

TEST_CASE("RuleSet: a bad severity is a warning and the rule has none") {
  TempDir dir;
  const auto reg = load_test_register(dir, kRegister);
  const auto file =
      dir.write("s.yar",
                "rule r { meta: severity = \"urgent\" condition: true }\nrule "
                "n { meta: severity = 3 condition: true }\n");
  Diagnostics diag;
  auto set = RuleSet::compile(only({file}), reg, diag);
  REQUIRE(set.has_value());
  CHECK(testing::notice_lines(diag) ==
        V{"warning " + file.string() +
              ":1: rule 'r': bad severity 'urgent' (expected info, low, "
              "medium, high or critical); ignored",
          "warning " + file.string() +
              ":2: rule 'n': severity must be a string (info, low, medium, "
              "high or critical); ignored"});
  CHECK_FALSE(set->rule(0).severity.has_value());
}

TEST_CASE(
    "Scanner: a rule's layer says where its matches count; by default and for "
    "keyword rules in bytes and in text") {
  TempDir dir;
  const auto reg = load_test_register(
      dir, std::string(kRegister) + "keywords = [\"dielectric\"]\n");
  const auto file = dir.write("l.yar", R"(rule in_text { meta: layer = "text"
  strings: $a = "dielectric" condition: $a }
rule in_bytes { meta: layer = "bytes" strings: $a = "dielectric" condition: $a }
rule by_default { strings: $a = "dielectric" condition: $a }
rule in_any { meta: layer = "any" strings: $a = "dielectric" condition: $a }
rule odd { meta: layer = "paper" condition: false }
)");
  Diagnostics diag;
  auto set = RuleSet::compile(only({file}), reg, diag);
  REQUIRE(set.has_value());
  CHECK(testing::notice_lines(diag) ==
        V{"warning " + file.string() +
          ":6: rule 'odd': layer must be \"bytes\", \"text\" or \"any\"; "
          "taken as \"any\""});
  Scanner scanner(*set);
  const std::string data = "a dielectric layer";
  CHECK(
      names(scanner.scan(as_bytes(data), ScanInput::kBinary)) ==
      V{"asset_mlcc_dielectric_keywords", "by_default", "in_any", "in_bytes"});
  CHECK(names(scanner.scan(as_bytes(data), ScanInput::kExtractedText)) ==
        V{"asset_mlcc_dielectric_keywords", "by_default", "in_any", "in_text"});
  CHECK(names(scanner.scan(as_bytes(data), ScanInput::kTextFile)) ==
        V{"asset_mlcc_dielectric_keywords", "by_default", "in_any", "in_bytes",
          "in_text"});
}

TEST_CASE(
    "RuleSet: a literal string shorter than 4 bytes is a warning, a regular "
    "expression that is one too") {
  TempDir dir;
  const auto reg = load_test_register(dir, kRegister);
  const auto file = dir.write(
      "short.yar",
      "rule s { strings: $a = \"PK\" $b = \"PRJ-SECRET\" condition: $a and "
      "$b }\nrule h { strings: $x = { 8B C9 94 } condition: $x }\n"
      "rule r { strings: $re = /ab/ condition: $re }\n");
  Diagnostics diag;
  auto set = RuleSet::compile(only({file}), reg, diag);
  REQUIRE(set.has_value());
  const V lines = testing::notice_lines(diag);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].starts_with("warning " + file.string() +
                             ":1: rule 's': string $a is 2 bytes: "));
  CHECK(lines[1].starts_with("warning " + file.string() +
                             ":2: rule 'h': string $x is 3 bytes: "));
  CHECK(lines[2].starts_with("warning " + file.string() +
                             ":3: rule 'r': string $re is 2 bytes: "));
}

TEST_CASE("RuleSet: the same rule name in two files compiles and is reported") {
  TempDir dir;
  const auto reg = load_test_register(dir, kRegister);
  const auto a = dir.write(
      "d/a.yar", "rule twin { strings: $a = \"alpha\" condition: $a }\n");
  const auto b = dir.write(
      "d/b.yar", "\nrule twin { strings: $b = \"beta\" condition: $b }\n");
  Diagnostics diag;
  auto set = RuleSet::compile(only({dir / "d"}), reg, diag);
  REQUIRE(set.has_value());
  CHECK(testing::notice_lines(diag) ==
        V{"warning " + b.string() +
          ":2: duplicate rule name 'twin' (also declared at " + a.string() +
          ":1)"});
  Scanner scanner(*set);
  const auto result = scanner.scan(as_bytes("beta"));
  REQUIRE(result.matches.size() == 1);
  CHECK(result.matches[0].rule->file == b.string());
}

TEST_CASE("RuleSet: a missing rules path is an error naming it") {
  TempDir dir;
  const auto reg = load_test_register(dir, kRegister);
  Diagnostics diag;
  CHECK_FALSE(
      RuleSet::compile(only({dir / "nope.yar"}), reg, diag).has_value());
  CHECK(testing::notice_lines(diag) ==
        V{"error " + (dir / "nope.yar").string() +
          ": cannot read rules: No such file or directory"});
}

TEST_CASE(
    "RuleSet: include is refused, so every rule source is in the cache key") {
  TempDir dir;
  const auto reg = load_test_register(dir, kRegister);
  dir.write("other.yar", "rule other { condition: true }\n");
  const auto file = dir.write(
      "inc.yar", "include \"other.yar\"\nrule r { condition: true }\n");
  Diagnostics diag;
  CHECK_FALSE(RuleSet::compile(only({file}), reg, diag).has_value());
  REQUIRE(diag.size() == 1);
  CHECK(diag.sorted()[0].source == file.string() + ":1");
}

TEST_CASE("Scanner: an empty object and scanners on worker threads work") {
  testing::TempDir dir;
  const auto reg = load_test_register(dir, kRegister);
  const auto file =
      dir.write("e.yar",
                "rule empty { condition: filesize == 0 }\n"
                "rule word { strings: $w = \"needle\" condition: $w }\n");
  Diagnostics diag;
  auto set = RuleSet::compile(only({file}), reg, diag);
  REQUIRE(set.has_value());
  Scanner scanner(*set);
  CHECK(names(scanner.scan({})) == V{"empty"});
  std::vector<V> results(4);
  std::vector<std::thread> workers;
  for (size_t t = 0; t < results.size(); ++t) {
    workers.emplace_back([&, t] {
      Scanner own(*set);  // made on the worker thread
      for (int i = 0; i < 50; ++i)
        results[t] = names(own.scan(as_bytes("hay needle hay")));
    });
  }
  for (auto& w : workers)
    w.join();
  for (const V& r : results)
    CHECK(r == V{"word"});
}

TEST_CASE("Scanner: a scan that runs out of time says so") {
  TempDir dir;
  const auto reg = load_test_register(dir, kRegister);
  // A loop over every byte of a large buffer, evaluated many times, takes
  // far more than one second.
  const auto file = dir.write("slow.yar", R"(rule slow {
  condition:
    for all i in (0..filesize - 1) : (
      for all j in (0..filesize - 1) : ( uint8(i) == uint8(j) )
    )
})");
  Diagnostics diag;
  auto set = RuleSet::compile(only({file}), reg, diag);
  REQUIRE(set.has_value());
  Scanner scanner(*set, 1);
  const std::string data(200000, 'a');
  const ScanResult r = scanner.scan(as_bytes(data));
  CHECK(r.timed_out);
}

}  // namespace
}  // namespace mamori::rules

namespace mamori::rules {
namespace {

TEST_CASE(
    "Scanner: a keyword found in CP932 names its string, offset and length, "
    "and the rule maps the string back to the keyword as declared") {
  TempDir dir;
  const auto reg = load_test_register(
      dir, std::string(kRegister) + "keywords = [\"LTCC\", \"非球面研磨\"]\n");
  Diagnostics diag;
  auto set = RuleSet::compile(only({}), reg, diag);
  REQUIRE(set.has_value());
  Scanner scanner(*set);
  // 非球面研磨 in Shift_JIS (CP932), after 6 bytes.
  const std::string cp932 = "\x94\xf1\x8b\x85\x96\xca\x8c\xa4\x96\x81";
  const ScanResult r = scanner.scan(as_bytes("head: " + cp932 + " tail"));
  REQUIRE(r.matches.size() == 1);
  const RuleMatch& m = r.matches[0];
  CHECK(m.rule->name == "asset_mlcc_dielectric_keywords");
  CHECK(m.strings == std::vector<StringMatch>{{"$k1_cp932", 6, 10}});
  CHECK(m.strings_omitted == 0);
  const KeywordString* k = m.rule->keyword_string("$k1_cp932");
  REQUIRE(k != nullptr);
  CHECK(k->keyword == "非球面研磨");
  CHECK(k->encoding == "CP932");
  // An ASCII keyword says whether it was found as ASCII or as UTF-16LE.
  const ScanResult wide =
      scanner.scan(as_bytes(std::string(" \0l\0t\0c\0c\0", 10)));
  REQUIRE(wide.matches.size() == 1);
  CHECK(wide.matches[0].strings ==
        std::vector<StringMatch>{{"$k0_utf16le", 2, 8}});
  REQUIRE(m.rule->keyword_string("$k0_utf16le") != nullptr);
  CHECK(m.rule->keyword_string("$k0_utf16le")->keyword == "LTCC");
  CHECK(m.rule->keyword_string("$k0_utf16le")->encoding == "UTF-16LE");
  CHECK(m.rule->keyword_string("$k0_ascii")->encoding == "ASCII");
  CHECK(m.rule->keyword_string("$nothing") == nullptr);
}

TEST_CASE(
    "Scanner: string matches are listed up to 3 per string and 10 per rule, "
    "every string first, and the rest counted") {
  TempDir dir;
  const auto file = dir.write("m.yar", R"(rule many {
  strings: $a = "AA" $b = "BB" $c = "CC" $d = "DD" $plain = "x1"
  condition: any of them }
rule none_of_mine { strings: $z = "ZZZ" condition: $z or true })");
  Diagnostics diag;
  auto set = RuleSet::compile(only({file}), assets::Register{}, diag);
  REQUIRE(set.has_value());
  Scanner scanner(*set);
  // Each of $a..$d four times, $plain once: 17 matches.
  const ScanResult r = scanner.scan(
      as_bytes("AA.BB.CC.DD.AA.BB.CC.DD.AA.BB.CC.DD.AA.BB.CC.DD.x1"));
  REQUIRE(r.matches.size() == 2);
  const RuleMatch& many = r.matches[0];
  CHECK(many.rule->name == "many");
  REQUIRE(many.strings.size() == kMatchesPerRule);
  CHECK(many.strings_omitted == 17 - kMatchesPerRule);
  std::map<std::string, size_t> per_string;
  for (const StringMatch& s : many.strings)
    ++per_string[s.id];
  // Round by round: the first of each of the five, then the second of
  // $a..$d, then one more.
  CHECK(per_string["$plain"] == 1);
  CHECK(per_string["$a"] == 3);
  CHECK(per_string["$b"] == 2);
  CHECK(per_string["$d"] == 2);
  CHECK(std::is_sorted(many.strings.begin(), many.strings.end(),
                       [](const StringMatch& x, const StringMatch& y) {
                         return x.offset < y.offset;
                       }));
  CHECK(many.strings.front() == StringMatch{"$a", 0, 2});
  // A rule that matched by its condition alone lists nothing.
  CHECK(r.matches[1].strings.empty());
  CHECK(r.matches[1].strings_omitted == 0);
}

}  // namespace
}  // namespace mamori::rules
