// The asset register loader: every key of spec/assets.md, every problem
// reported with its exact file:line:column, all in one pass, nothing partly
// applied; and the path and hash look-ups.
#include "assets/register.h"

#include "rules/rules_test_support.h"

#include <doctest/doctest.h>

namespace mamori::assets {
namespace {

using testing::TempDir;

constexpr std::string_view kGood = R"(version = 1

[[asset]]
id          = "mlcc_dielectric"
name        = "MLCC dielectric slurry formulation"
sensitivity = "core"
owner       = "materials-rd"
category    = "MLCC"
export_controlled = true
paths       = ["//fs01/rd/mlcc/**", "/srv/rd/mlcc/**"]
authorized  = ["group:mlcc-team", "tanaka"]
keywords    = ["BT-07 slurry", "誘電体スラリー配合"]
hashes      = ["9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"]
hash_files  = ["hashes/mlcc.sha256"]

[[asset]]
id = "saw_filter"
name = "SAW filter electrode design"
sensitivity = "confidential"
)";

constexpr std::string_view kHashList =
    "# known drawings\n"
    "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae  "
    "a.dwg\n"
    "\n"
    "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9 "
    "*b.step\n";

// Loads `text` as a register (with the hash list beside it) and returns the
// problems as "error FILE:LINE:COL: message" with FILE shortened to "r".
std::vector<std::string> problems_of(std::string_view text,
                                     bool* loaded = nullptr) {
  TempDir dir;
  dir.write("hashes/mlcc.sha256", kHashList);
  const auto file = dir.write("r.toml", text);
  Diagnostics diag;
  const auto reg = load_register(file, diag);
  if (loaded != nullptr)
    *loaded = reg.has_value();
  CHECK(reg.has_value() == !diag.has_errors());
  std::vector<std::string> out;
  for (std::string line : testing::notice_lines(diag)) {
    const std::string prefix = (dir / "").string();
    if (auto at = line.find(prefix); at != std::string::npos) {
      line.erase(at, prefix.size());
    }
    out.push_back(line);
  }
  return out;
}

TEST_CASE("Register: a register with every key loads completely") {
  TempDir dir;
  dir.write("hashes/mlcc.sha256", kHashList);
  const auto file = dir.write("r.toml", kGood);
  Diagnostics diag;
  const auto reg = load_register(file, diag);
  REQUIRE(reg.has_value());
  CHECK(diag.size() == 0);
  REQUIRE(reg->assets().size() == 2);
  const Asset& a = reg->assets()[0];
  CHECK(a.id == "mlcc_dielectric");
  CHECK(a.name == "MLCC dielectric slurry formulation");
  CHECK(a.sensitivity == Sensitivity::kCore);
  CHECK(a.owner == "materials-rd");
  CHECK(a.category == "MLCC");
  CHECK(a.export_controlled);
  CHECK(a.paths.size() == 2);
  CHECK(a.authorized == std::vector<std::string>{"group:mlcc-team", "tanaka"});
  CHECK(a.keywords ==
        std::vector<std::string>{"BT-07 slurry", "誘電体スラリー配合"});
  CHECK(
      a.hashes ==
      std::vector<std::string>{
          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
          "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9"});
  CHECK(a.line == 3);
  const Asset& b = reg->assets()[1];
  CHECK(b.sensitivity == Sensitivity::kConfidential);
  CHECK_FALSE(b.export_controlled);
  CHECK(reg->find("saw_filter") == &b);
  CHECK(reg->find("nope") == nullptr);
  CHECK(reg->file() == file);
}

TEST_CASE("Register: paths and hashes find their asset") {
  TempDir dir;
  dir.write("hashes/mlcc.sha256", kHashList);
  Diagnostics diag;
  const auto reg = load_register(dir.write("r.toml", kGood), diag);
  REQUIRE(reg.has_value());
  const auto by_share = reg->match_path("//FS01/RD/MLCC/recipes/bt07.xlsx");
  REQUIRE(by_share.size() == 1);
  CHECK(by_share[0]->id == "mlcc_dielectric");
  CHECK(reg->match_path("/srv/rd/mlcc/a/b.txt").size() == 1);
  CHECK(reg->match_path("/srv/rd/saw/a.txt").empty());
  CHECK(
      reg->match_hash(
             "FCDE2B2EDBA56BF408601FB721FE9B5C338D10EE429EA04FAE5511B68FBF8FB9")
          .size() == 1);
  CHECK(
      reg->match_hash(
             "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
          .front()
          ->id == "mlcc_dielectric");
  CHECK(reg->match_hash(std::string(64, '0')).empty());
}

TEST_CASE("Register: an empty register with only a version is valid") {
  bool loaded = false;
  CHECK(problems_of("version = 1\n", &loaded).empty());
  CHECK(loaded);
}

TEST_CASE(
    "Register: each malformed key or value is reported at its line and "
    "column") {
  using V = std::vector<std::string>;
  const std::string head = "version = 1\n[[asset]]\n";
  const std::string ok_asset =
      "id = \"a\"\nname = \"A\"\nsensitivity = \"core\"\n";
  SUBCASE("TOML syntax error") {
    CHECK(problems_of("version = 1\n[[asset]\n") ==
          V{"error r.toml:2:9: TOML syntax error: Error while parsing table "
            "header: expected ']', saw '\\n'"});
  }
  SUBCASE("missing version") {
    CHECK(problems_of("[[asset]]\n" + ok_asset) ==
          V{"error r.toml:1:1: missing required key 'version'"});
  }
  SUBCASE("wrong version") {
    CHECK(problems_of("version = 2\n") ==
          V{"error r.toml:1:11: unsupported register version 2 (expected 1)"});
    CHECK(problems_of("version = \"1\"\n") ==
          V{"error r.toml:1:11: 'version' must be an integer"});
  }
  SUBCASE("unknown top-level key") {
    CHECK(problems_of("version = 1\nassets = []\n") ==
          V{"error r.toml:2:1: unknown key 'assets'"});
  }
  SUBCASE("unknown key in an asset") {
    CHECK(problems_of(head + ok_asset + "  keyword = [\"x\"]\n") ==
          V{"error r.toml:6:3: unknown key 'keyword' in [[asset]]"});
  }
  SUBCASE("missing required keys") {
    CHECK(
        problems_of(head + "owner = \"x\"\n") ==
        V{"error r.toml:2:1: missing required key 'id' in [[asset]]",
          "error r.toml:2:1: missing required key 'name' in [[asset]]",
          "error r.toml:2:1: missing required key 'sensitivity' in [[asset]]"});
  }
  SUBCASE("wrong types") {
    CHECK(problems_of(head +
                      "id = 7\nname = \"A\"\nsensitivity = \"core\"\n"
                      "export_controlled = \"yes\"\npaths = \"/srv/**\"\n"
                      "keywords = [\"kiln\", 3]\n") ==
          V{"error r.toml:3:6: 'id' must be a string",
            "error r.toml:6:21: 'export_controlled' must be true or false",
            "error r.toml:7:9: 'paths' must be an array of strings",
            "warning r.toml:8:13: keyword 'kiln' is not specific enough: 4 "
            "characters: so short a word occurs in ordinary text, and as "
            "bytes once per 4 GiB of random data, far more often in real "
            "files; give at least 5 characters",
            "error r.toml:8:21: entries of 'keywords' must be strings"});
  }
  SUBCASE("asset is not a table array") {
    CHECK(problems_of("version = 1\nasset = 3\n") ==
          V{"error r.toml:2:9: 'asset' must be a list of [[asset]] tables"});
  }
  SUBCASE("duplicate id") {
    CHECK(problems_of(head + ok_asset + "[[asset]]\n" + ok_asset) ==
          V{"error r.toml:7:6: duplicate asset id 'a' (first declared on line "
            "3)"});
  }
  SUBCASE("id that is not a YARA identifier") {
    CHECK(problems_of(head + "id = \"9-lives\"\nname = \"A\"\nsensitivity = "
                             "\"core\"\n") ==
          V{"error r.toml:3:6: asset id '9-lives' is not a YARA identifier "
            "([A-Za-z_][A-Za-z0-9_]*, at most 100 characters, not a YARA "
            "keyword)"});
    CHECK(problems_of(head + "id = \"rule\"\nname = \"A\"\nsensitivity = "
                             "\"core\"\n")
              .size() == 1);
  }
  SUBCASE("bad sensitivity") {
    CHECK(problems_of(head + "id = \"a\"\nname = \"A\"\nsensitivity = "
                             "\"secret\"\n") ==
          V{"error r.toml:5:15: bad sensitivity 'secret' (expected core, "
            "confidential or internal)"});
  }
  SUBCASE("glob that cannot compile") {
    CHECK(
        problems_of(head + ok_asset + "paths = [\"/ok/**\", \"/srv/[ab\"]\n") ==
        V{"error r.toml:6:20: bad path glob '/srv/[ab': unclosed '[' in "
          "glob"});
  }
  SUBCASE("hash that is not 64 hex digits") {
    CHECK(problems_of(head + ok_asset + "hashes = [\"abc\"]\n") ==
          V{"error r.toml:6:11: hash 'abc' is not 64 hex digits (SHA-256)"});
  }
  SUBCASE("unreadable hash file") {
    const auto lines =
        problems_of(head + ok_asset + "hash_files = [\"missing.sha256\"]\n");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] ==
          "error r.toml:6:15: cannot read hash file 'missing.sha256': No such "
          "file or directory");
  }
  SUBCASE("malformed line in a hash file") {
    TempDir dir;
    dir.write("h.sha256", "# ok\nnot a hash\n");
    const auto file =
        dir.write("r.toml", head + ok_asset + "hash_files = [\"h.sha256\"]\n");
    Diagnostics diag;
    CHECK_FALSE(load_register(file, diag).has_value());
    CHECK(testing::notice_lines(diag) ==
          V{"error " + (dir / "h.sha256").string() +
            ":2:1: not a sha256sum line (expected '<64 hex digits>  <file "
            "name>')"});
  }
}

TEST_CASE(
    "Register: all problems are reported in one pass and nothing is applied") {
  bool loaded = true;
  const auto lines = problems_of(
      "version = 1\ncolour = \"red\"\n"
      "[[asset]]\nid = \"a\"\nname = \"A\"\nsensitivity = \"top\"\n"
      "[[asset]]\nid = \"a\"\nname = \"B\"\nsensitivity = \"core\"\n"
      "hashes = [\"xyz\"]\n",
      &loaded);
  CHECK_FALSE(loaded);
  // In the order of the file: line 2 before line 11.
  CHECK(lines == std::vector<std::string>{
                     "error r.toml:2:1: unknown key 'colour'",
                     "error r.toml:6:15: bad sensitivity 'top' (expected core, "
                     "confidential or internal)",
                     "error r.toml:8:6: duplicate asset id 'a' (first declared "
                     "on line 4)",
                     "error r.toml:11:11: hash 'xyz' is not 64 hex digits "
                     "(SHA-256)"});
}

TEST_CASE("Register: an unreadable register is one error naming the file") {
  Diagnostics diag;
  CHECK_FALSE(load_register("/nonexistent/r.toml", diag).has_value());
  CHECK(testing::notice_lines(diag) ==
        std::vector<std::string>{"error /nonexistent/r.toml: cannot read "
                                 "register: No such file or directory"});
}

TEST_CASE(
    "Register: a table name nested 40,000 levels deep is one error, not a "
    "stack overflow") {
  std::string deep = "version = 1\n\n[a";
  for (int i = 0; i < 40000; ++i)
    deep += ".a";
  deep += "]\n";
  bool loaded = true;
  CHECK(problems_of(deep, &loaded) ==
        std::vector<std::string>{
            "error r.toml:3: TOML nested deeper than 64 levels (table names, "
            "dotted keys, arrays): not read"});
  CHECK_FALSE(loaded);
  // Nested arrays count too.
  CHECK(problems_of("version = 1\nx = " + std::string(50000, '[')).size() == 1);
}

}  // namespace
}  // namespace mamori::assets
