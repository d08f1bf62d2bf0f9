// Keywords of the register are found in every encoding a Japanese office
// writes (UTF-8, UTF-16LE, Shift_JIS/CP932, EUC-JP), in plain text and in
// the XML parts of Office documents, and near-misses are not.
#include "rules/keyword_rules.h"

#include "rules/rule_set.h"
#include "rules/rules_test_support.h"

#include <doctest/doctest.h>

namespace mamori::rules {
namespace {

using testing::as_bytes;
using testing::TempDir;

constexpr std::string_view kRegister = R"(version = 1
[[asset]]
id = "mlcc"
name = "MLCC \"slurry\" \\ formulation"
sensitivity = "core"
keywords = ["誘電体スラリー配合", "BT-07 slurry", "BT-07 誘電体", "say \"hi\\there\""]

[[asset]]
id = "other"
name = "no keywords"
sensitivity = "internal"
)";

class KeywordFixture {
 public:
  KeywordFixture() {
    Diagnostics diag;
    auto reg = assets::load_register(dir_.write("a.toml", kRegister), diag);
    REQUIRE(reg.has_value());
    reg_ = std::move(*reg);
    RuleSources sources;
    sources.default_rules = false;
    auto set = RuleSet::compile(sources, reg_, diag);
    REQUIRE(set.has_value());
    CHECK(diag.size() == 0);
    set_.emplace(std::move(*set));
  }
  // True when the generated rule of asset "mlcc" matches `bytes`.
  bool found(std::string_view bytes) {
    Scanner scanner(*set_);
    const ScanResult r = scanner.scan(as_bytes(bytes));
    for (const RuleMatch& m : r.matches) {
      if (m.rule->name == "asset_mlcc_keywords")
        return true;
    }
    return false;
  }
  const RuleSet& set() const { return *set_; }

 private:
  TempDir dir_;
  assets::Register reg_;
  std::optional<RuleSet> set_;
};

std::string in(std::string_view utf8, const char* encoding) {
  auto out = encode_text(utf8, encoding);
  REQUIRE(out.has_value());
  return *out;
}

TEST_CASE("KeywordRules: one rule per asset with keywords, tied to the asset") {
  KeywordFixture f;
  REQUIRE(f.set().size() == 1);
  const RuleInfo& info = f.set().rule(0);
  CHECK(info.name == "asset_mlcc_keywords");
  CHECK(info.assets == std::vector<std::string>{"mlcc"});
  CHECK(info.severity == Severity::kHigh);
  CHECK(info.file.empty());
  CHECK(info.description ==
        "keywords of asset mlcc: MLCC \"slurry\" \\ formulation");
}

TEST_CASE(
    "KeywordRules: a Japanese sentence is found in each of the four "
    "encodings") {
  KeywordFixture f;
  const std::string sentence = "本書は誘電体スラリー配合の手順を示す。";
  for (const char* encoding : {"UTF-8", "UTF-16LE", "CP932", "EUC-JP"}) {
    CAPTURE(encoding);
    CHECK(f.found("header " + in(sentence, encoding) + " trailer"));
  }
  // Bytes written out by hand, so the test does not only trust iconv:
  // 誘電体スラリー配合 in Shift_JIS and in EUC-JP.
  CHECK(
      f.found("\x97\x55\x93\x64\x91\xcc\x83\x58\x83\x89\x83\x8a\x81\x5b"
              "\x94\x7a\x8d\x87"));
  CHECK(
      f.found("\xcd\xb6\xc5\xc5\xc2\xce\xa5\xb9\xa5\xe9\xa5\xea\xa1\xbc"
              "\xc7\xdb\xb9\xe7"));
}

TEST_CASE("KeywordRules: near-misses are not found") {
  KeywordFixture f;
  for (const char* encoding : {"UTF-8", "UTF-16LE", "CP932", "EUC-JP"}) {
    CAPTURE(encoding);
    // A different kanji (調合 for 配合) and a partial keyword.
    CHECK_FALSE(
        f.found(in("本書は誘電体スラリー調合の手順を示す。", encoding)));
    CHECK_FALSE(f.found(in("本書は誘電体スラリーの手順を示す。", encoding)));
  }
  CHECK_FALSE(f.found("the BT-08 slurry"));
  CHECK_FALSE(f.found("BT-07 slurrying"));  // ASCII keywords are whole words
  CHECK_FALSE(f.found("BT-07 slur"));
}

TEST_CASE("KeywordRules: ASCII keywords match in any case, also as UTF-16LE") {
  KeywordFixture f;
  CHECK(f.found("mixing the bt-07 SLURRY today"));
  CHECK(f.found(in("mixing the Bt-07 Slurry today", "UTF-16LE")));
  CHECK(f.found("quote: say \"hi\\there\" end"));
  CHECK_FALSE(f.found("quote: say \"hi\\\\there\" end"));
}

TEST_CASE(
    "KeywordRules: ASCII letters in a Japanese keyword fold case in every "
    "encoding") {
  KeywordFixture f;
  for (const char* encoding : {"UTF-8", "UTF-16LE", "CP932", "EUC-JP"}) {
    CAPTURE(encoding);
    CHECK(f.found(in("規格 bt-07 誘電体 の件", encoding)));
    CHECK_FALSE(f.found(in("規格 bt-07 誘電率 の件", encoding)));
  }
}

TEST_CASE(
    "KeywordRules: keywords are found inside .docx and .xlsx XML parts and an "
    "old UTF-16LE document body") {
  KeywordFixture f;
  // word/document.xml of a .docx, as the content engine hands it over after
  // unzipping.
  CHECK(f.found(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                "\r\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>本書は"
                "誘電体スラリー配合の手順を示す。</w:t></w:r></w:p></w:body>"
                "</w:document>"));
  // xl/sharedStrings.xml of an .xlsx.
  CHECK(f.found(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
                "2006/main\" count=\"2\" uniqueCount=\"2\"><si><t>Lot</t></si>"
                "<si><t>BT-07 Slurry</t></si></sst>"));
  CHECK_FALSE(
      f.found("<sst><si><t>BT-07</t></si><si><t>Slurry</t></si></sst>"));
  // A Word 97-2003 body: the text stream of the WordDocument is UTF-16LE,
  // after the OLE header and the FIB.
  std::string doc("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
  doc += std::string(504, '\0');
  doc += std::string("\xec\xa5\xc1\x00", 4) + std::string(60, '\0');
  doc += in("第3章 誘電体スラリー配合\r", "UTF-16LE");
  CHECK(f.found(doc));
}

TEST_CASE(
    "KeywordRules: a character with no Shift_JIS form only drops that "
    "encoding") {
  // "𠮷" (U+20BB7) has no CP932 or EUC-JP code.
  CHECK_FALSE(encode_text("𠮷野家", "CP932").has_value());
  CHECK(encode_text("𠮷野家", "UTF-16LE").has_value());
  TempDir dir;
  Diagnostics diag;
  auto reg = assets::load_register(
      dir.write("a.toml",
                "version = 1\n[[asset]]\nid = \"y\"\nname = \"Y\"\n"
                "sensitivity = \"core\"\nkeywords = [\"𠮷野家\"]\n"),
      diag);
  REQUIRE(reg.has_value());
  const std::string text = generate_keyword_rules(*reg);
  CHECK(text.find("$k0_utf8") != std::string::npos);
  CHECK(text.find("$k0_utf16le") != std::string::npos);
  CHECK(text.find("$k0_cp932") == std::string::npos);
  RuleSources sources;
  sources.default_rules = false;
  auto set = RuleSet::compile(sources, *reg, diag);
  REQUIRE(set.has_value());
  Scanner scanner(*set);
  CHECK(
      scanner.scan(as_bytes(in("店は𠮷野家です", "UTF-16LE"))).matches.size() ==
      1);
}

TEST_CASE(
    "KeywordRules: text escaping covers quotes, backslashes and control "
    "bytes") {
  CHECK(escape_yara_text("a\"b\\c\n\xe3") == "a\\\"b\\\\c\\x0a\\xe3");
}

}  // namespace
}  // namespace mamori::rules
