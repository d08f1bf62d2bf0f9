// The shipped rule pack (rules/): every rule fires on a positive fixture and
// stays quiet on a negative one. Fixtures are built here: Japanese text in
// each of the four encodings, minimal real headers of each engineering file
// kind, and zip/tar archives written with libarchive.
#include "common/handle.h"
#include "rules/keyword_rules.h"
#include "rules/rule_set.h"
#include "rules/rules_test_support.h"

#include <archive.h>
#include <archive_entry.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>

namespace mamori::rules {
namespace {

using testing::as_bytes;
using V = std::vector<std::string>;

constexpr const char* kEncodings[] = {"UTF-8", "UTF-16LE", "CP932", "EUC-JP"};

// The shipped pack, compiled once for all tests of this file.
const RuleSet& shipped() {
  static const RuleSet set = [] {
    RuleSources sources;
    sources.default_rules = false;
    sources.paths = {MAMORI_SOURCE_RULES_DIR};
    Diagnostics diag;
    auto compiled = RuleSet::compile(sources, assets::Register(), diag);
    REQUIRE(compiled.has_value());
    // The pack compiles without a single warning: `rules check` is quiet.
    CHECK(testing::notice_lines(diag) == V{});
    return std::move(*compiled);
  }();
  return set;
}

// The shipped markings count only in text: `data` is given as a text file.
V hits(std::string_view data, ScanInput input = ScanInput::kTextFile) {
  Scanner scanner(shipped());
  V out;
  for (const RuleMatch& m : scanner.scan(as_bytes(data), input).matches) {
    out.push_back(m.rule->name);
  }
  return out;
}

std::string in(std::string_view utf8, const char* encoding) {
  auto out = encode_text(utf8, encoding);
  REQUIRE(out.has_value());
  return *out;
}

TEST_CASE("ShippedRules: every rule is general, low to high, and described") {
  const RuleSet& set = shipped();
  REQUIRE(set.size() >= 20);
  for (size_t i = 0; i < set.size(); ++i) {
    const RuleInfo& r = set.rule(i);
    CAPTURE(r.name);
    CHECK(r.assets.empty());
    CHECK(r.severity.has_value());
    CHECK_FALSE(r.description.empty());
    CHECK(r.line > 0);
    if (r.name.rfind("file_", 0) == 0 || r.name.rfind("source_", 0) == 0) {
      CHECK(r.severity == Severity::kLow);
    }
  }
}

// ---- Japanese markings ------------------------------------------------------

struct JaCase {
  const char* rule;
  const char* positive;
  const char* negative;
};

constexpr JaCase kJapanese[] = {
    {"marking_shagaihi", "本資料は社外秘です。", "社外の秘書に渡した。"},
    {"marking_bugaihi", "部外秘：設計検討会議事録", "部外者の秘書が来た。"},
    {"marking_kankeishagaihi", "関係者外秘　試作評価結果",
     "関係者以外の立入りを禁ずる。"},
    {"marking_gokuhi", "【極秘】量産移管計画", "計画は極秘裏に進められた。"},
    {"marking_gokuhi", "本書は極秘資料である", "極秘に会う約束をした。"},
    {"marking_gokuhi", "機密区分：厳秘", "厳秘とは何かを説明する。"},
    {"marking_himitsu", "「秘密」第3版", "彼は秘密を守った。"},
    {"marking_himitsu", "秘密情報を含む", "秘密の花園を読んだ。"},
    {"marking_himitsu", "秘密区分: 秘密", "秘書課の区分を見直す。"},
    {"marking_himitsu", "（秘）配合表", "秘伝のたれ"},
    {"marking_toriatsukai_chui", "［取扱注意］顧客リスト",
     "この荷物は取扱注意です。"},
    {"marking_toriatsukai_chui", "取扱い注意文書", "取扱いに注意すること。"},
};

TEST_CASE(
    "ShippedRules: Japanese markings fire in all four encodings, and their "
    "near-misses do not") {
  for (const JaCase& c : kJapanese) {
    for (const char* encoding : kEncodings) {
      CAPTURE(std::string(c.rule));
      CAPTURE(std::string(c.positive));
      CAPTURE(encoding);
      CHECK(hits("xx " + in(c.positive, encoding) + " yy") == V{c.rule});
      CHECK(hits("xx " + in(c.negative, encoding) + " yy") == V{});
    }
  }
}

TEST_CASE(
    "ShippedRules: a stamp alone on a line or in a Word text run is a "
    "marking") {
  for (const char* encoding : kEncodings) {
    CAPTURE(encoding);
    CHECK(hits(in("設計書\r\n極秘\r\n第1章", encoding)) == V{"marking_gokuhi"});
    CHECK(hits(in("<w:r><w:t>秘密</w:t></w:r>", encoding)) ==
          V{"marking_himitsu"});
  }
  CHECK(hits(in("<w:t>㊙</w:t>", "UTF-8")) == V{"marking_himitsu"});
  CHECK(hits(in("<w:t>㊙</w:t>", "UTF-16LE")) == V{"marking_himitsu"});
  CHECK(hits(in("㊙の印を押す", "UTF-8")) == V{});
}

// ---- English markings -------------------------------------------------------

struct EnCase {
  const char* rule;
  const char* positive;
  const char* negative;
};

constexpr EnCase kEnglish[] = {
    {"marking_confidential_en", "ACME Corp.\nCONFIDENTIAL\nPage 1",
     "Please keep this confidential between us."},
    {"marking_confidential_en", "Company Confidential - do not forward",
     "The CONFIDENTIAL INFORMATION shall mean any data disclosed."},
    {"marking_confidential_en", "Title [Confidential] draft",
     "CONFIDENTIALITY AGREEMENT between the parties"},
    {"marking_confidential_en", "<w:t>Confidential</w:t>",
     "a confidential source said"},
    {"marking_confidential_en", "Classification: Confidential",
     "classification of confidential data is hard"},
    {"marking_strictly_confidential_en", "Strictly Confidential",
     "strict confidentiality applies"},
    {"marking_strictly_confidential_en", "HIGHLY CONFIDENTIAL",
     "highly confident in the result"},
    {"marking_strictly_confidential_en", "ACME\nStrictly Confidential\nPage 1",
     "The Recipient shall keep the Information strictly confidential."},
    {"marking_strictly_confidential_en", "[Highly Confidential]",
     "the strictly confidential flag of the X.509 extension"},
    {"marking_proprietary_en", "PROPRIETARY\nDo not copy",
     "The device uses a proprietary protocol."},
    {"marking_proprietary_en", "Proprietary & Confidential",
     "ALL PROPRIETARY RIGHTS ARE RESERVED BY THE LICENSOR."},
    {"marking_internal_use_only_en", "For Internal Use Only",
     "for internal use of the team only"},
    {"marking_trade_secret_en", "TRADE SECRET - ACME",
     "the law protects trade secrets"},
    {"marking_trade_secret_en", "This document contains trade secrets of ACME",
     "UNIFORM TRADE SECRETS ACT"},
};

TEST_CASE(
    "ShippedRules: English markings fire as stamps and phrases, not in prose") {
  for (const EnCase& c : kEnglish) {
    CAPTURE(std::string(c.rule));
    CAPTURE(std::string(c.positive));
    CAPTURE(std::string(c.negative));
    const V got = hits(c.positive);
    CHECK(std::find(got.begin(), got.end(), std::string(c.rule)) != got.end());
    CHECK(hits(in(c.positive, "UTF-16LE")) == got);
    CHECK(hits(c.negative) == V{});
    CHECK(hits(in(c.negative, "UTF-16LE")) == V{});
  }
  CHECK(hits("Proprietary & Confidential") ==
        V{"marking_proprietary_en"});  // not also "Confidential" alone
}

TEST_CASE(
    "ShippedRules: markings count only in text, never in a binary object's "
    "bytes") {
  for (const EnCase& c : kEnglish) {
    CAPTURE(std::string(c.positive));
    CHECK_FALSE(hits(c.positive).empty());
    CHECK(hits(c.positive, ScanInput::kBinary) == V{});
    CHECK(hits(c.positive, ScanInput::kExtractedText) == hits(c.positive));
  }
  // 【秘】 in CP932 is four bytes that occur by chance in large binaries.
  const std::string stamp = in("【秘】", "CP932");
  CHECK(hits(stamp) == V{"marking_himitsu"});
  CHECK(hits(stamp, ScanInput::kBinary) == V{});
}

TEST_CASE(
    "ShippedRules: English markings in running prose of changelogs and "
    "licences are not stamps") {
  for (const char* prose : {
           "\tagent,scd: Make sure to set CONFIDENTIAL flag in Assuan.\n",
           "The primordials are meant for internal use only, and are only\n",
           "  kernel commit v3.3-rc5~8 for internal use only.\n",
           "without SONAME change, as they were all for internal use only.\n",
           "(inq_cb): Fix use of assuan_end_confidential in case of nested\n",
           "THE SOFTWARE IS PROVIDED WITHOUT PROPRIETARY RIGHTS OF ANY KIND\n",
       }) {
    CAPTURE(std::string(prose));
    CHECK(hits(prose) == V{});
  }
  CHECK(hits("Design notes\nFor Internal Use Only") ==
        V{"marking_internal_use_only_en"});
  CHECK(hits("ACME Corp. | CONFIDENTIAL\nMinutes") ==
        V{"marking_confidential_en"});
}

// ---- Engineering file kinds -------------------------------------------------

std::string pad(std::string s, size_t width, char fill = ' ') {
  s.resize(width, fill);
  return s;
}

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values)
    out += static_cast<char>(v);
  return out;
}

void free_archive(archive* a) noexcept {
  archive_write_free(a);
}

// An archive in memory: `format` is "zip" or "ustar".
std::string make_archive(
    const char* format,
    const std::vector<std::pair<std::string, std::string>>& members) {
  CHandle<archive, free_archive> a(archive_write_new());
  REQUIRE(a);
  REQUIRE(archive_write_set_format_by_name(a.get(), format) == ARCHIVE_OK);
  std::string buffer(1 << 20, '\0');
  size_t used = 0;
  REQUIRE(archive_write_open_memory(a.get(), buffer.data(), buffer.size(),
                                    &used) == ARCHIVE_OK);
  for (const auto& [name, content] : members) {
    CHandle<archive_entry, archive_entry_free> entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(),
                           static_cast<la_int64_t>(content.size()));
    REQUIRE(archive_write_header(a.get(), entry.get()) == ARCHIVE_OK);
    REQUIRE(archive_write_data(a.get(), content.data(), content.size()) ==
            static_cast<la_ssize_t>(content.size()));
  }
  REQUIRE(archive_write_close(a.get()) == ARCHIVE_OK);
  buffer.resize(used);
  return buffer;
}

std::vector<std::pair<std::string, std::string>> numbered(
    const std::string& stem, const std::string& ext, int n) {
  std::vector<std::pair<std::string, std::string>> out;
  for (int i = 0; i < n; ++i) {
    out.emplace_back(stem + std::to_string(i) + ext,
                     "int f(void) { return " + std::to_string(i) + "; }\n");
  }
  return out;
}

struct FileCase {
  const char* rule;
  std::string positive;
  std::string negative;
};

std::vector<FileCase> file_cases() {
  const std::string ole =
      bytes({0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) +
      std::string(504, '\0');
  const std::string iges_s =
      pad("Drawing exported by ACME CAD", 72) + "S      1\n";
  const std::string iges_g = pad("1H,,1H;,4HPART,", 72) + "G      1\n";
  const std::string parasolid_header =
      "**ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz******************"
      "********\n"
      "**PARASOLID "
      "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~0123456789**************************\n"
      "**PART1;\nMC=x86;MC_MODEL=;MC_ID=unknown;OS=Windows;\n";
  return {
      {"file_dwg",
       "AC1032" + std::string(5, '\0') + bytes({0x00, 0x03}) +
           std::string(64, '\x11'),
       "AC1032 is the version code of AutoCAD 2018 drawings.\n"},
      {"file_dxf",
       "  0\r\nSECTION\r\n  2\r\nHEADER\r\n  9\r\n$ACADVER\r\n  "
       "1\r\nAC1015\r\n  0\r\nENDSEC\r\n",
       "The header is 0 SECTION 2 HEADER on separate lines.\n"},
      {"file_dxf", "999\nmade by a script\n0\nSECTION\n2\nENTITIES\n0\nLINE\n",
       "0\nSECTIONS\n2\nHEADER\n"},
      {"file_step",
       "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('part'),'2;1');\nENDSEC;"
       "\nDATA;\n",
       "This exporter writes ISO-10303-21; the HEADER; section comes first.\n"},
      {"file_iges", iges_s + iges_g + pad("", 72) + "D      1\n",
       iges_s + pad("1H,,1H;,4HPART,", 72) + "D      1\n"},
      {"file_parasolid", parasolid_header + "SCH_3000000_30000_13006\n",
       std::string(300, '.') + parasolid_header.substr(0, 82)},
      {"file_solidworks",
       ole + in("ISolidWorksInformation", "UTF-16LE") + std::string(16, '\0'),
       ole + in("WordDocument", "UTF-16LE") +
           in("SummaryInformation", "UTF-16LE")},
      {"file_catia_v5",
       "V5_CFV2" + bytes({0x00, 0x00, 0x00, 0x08}) + std::string(64, '\x02'),
       pad("Notes about CATIA files:", 40) + " they begin with V5_CFV2\n"},
      {"file_jt",
       pad("Version 9.5 JT", 80) + bytes({0x00, 0x00, 0x00, 0x00, 0x00}),
       "Release notes for Version 9.5 JT translator\n"},
      {"file_gerber_rs274x",
       "G04 ACME board, top "
       "copper*\n%FSLAX26Y26*%\n%MOMM*%\n%ADD10C,0.100*%\nD10*\nX0Y0D02*\nM02*"
       "\n",
       "G04 RS-274D without extended commands*\nX0Y0D02*\nX100Y0D01*\nM02*\n"},
      {"file_excellon", "M48\nMETRIC,TZ\nT1C0.300\n%\nT1\nX1000Y1000\nM30\n",
       "G21\nM48\nT1 M6\nG0 X0 Y0\nM30\n"},
      {"file_odbpp",
       "STEP {\n   COL=1\n   NAME=PCB\n}\n\nLAYER {\n   ROW=1\n   "
       "CONTEXT=BOARD\n   TYPE=SIGNAL\n   NAME=TOP\n   POLARITY=POSITIVE\n}\n",
       "LAYER {\n   ROW=1\n   NAME=TOP\n}\n"},
      {"file_odbpp",
       make_archive("ustar", {{"job/matrix/matrix", "x"},
                              {"job/steps/pcb/stephdr", "x"}}),
       make_archive("ustar", {{"job/matrix/readme.txt", "x"},
                              {"job/notes/steps.txt", "x"}})},
      {"file_gdsii",
       bytes({0x00, 0x06, 0x00, 0x02, 0x02, 0x58, 0x00, 0x1C, 0x01, 0x02}) +
           std::string(24, '\0'),
       bytes({0x00, 0x06, 0x00, 0x02, 0x02, 0x58, 0x00, 0x1C, 0x05, 0x02}) +
           std::string(24, '\0')},
      {"file_oasis",
       std::string("%SEMI-OASIS\r\n") + bytes({0x01, 0x03}) + "1.0",
       "%SEMI-OASIS is the magic of OASIS files\n"},
      {"file_kicad",
       "(kicad_pcb (version 20211014) (generator pcbnew)\n  (general "
       "(thickness 1.6))\n)\n",
       "Open the file, it starts with (kicad_pcb (version 20211014) "
       "somewhere.\n"},
      {"file_kicad", "(kicad_sch (version 20230121) (generator eeschema)\n)\n",
       "(kicad_sch)\n"},
      {"file_kicad", "EESchema Schematic File Version 4\nEELAYER 30 0\n",
       "eeschema schematic file version 4\n"},
      {"file_altium",
       ole + std::string("\x60\x00\x00\x00", 4) +
           "|HEADER=Protel for Windows - Schematic Capture Binary File Version "
           "5.0|WEIGHT=54",
       ole + "|HEADER=Something else"},
      {"file_altium",
       "|RECORD=1|OWNERPARTID=-1|LOCATION.X=100\n|RECORD=2|OWNERPARTID=-1|"
       "LOCATION.X=200\n|RECORD=4|LOCATION.X=300\n",
       "Altium files contain |RECORD= entries.\n"},
      {"source_code_archive",
       make_archive("zip", numbered("src/module", ".c", 25)),
       make_archive("zip", numbered("docs/chapter", ".txt", 25))},
      {"source_code_archive",
       make_archive("zip", {{"proj/.git/HEAD", "ref: refs/heads/main\n"},
                            {"proj/README", "x"}}),
       make_archive("zip", numbered("src/module", ".c", 5))},
      {"source_code_archive",
       make_archive("ustar", numbered("pkg/mod", ".py", 25)),
       make_archive("ustar", numbered("pkg/mod", ".pyc", 25))},
      {"source_git_files", "ref: refs/heads/main\n",
       "ref: refs/heads/main\n" + std::string(300, 'x')},
      {"source_git_files",
       "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n",
       "[user]\n\tname = tanaka\n"},
      {"source_git_files", "# v2 git bundle\n1234abcd refs/heads/main\n\nPACK",
       "# v2 git bundle format notes\n"},
      {"source_git_files",
       bytes({0xFF, 0x74, 0x4F, 0x63, 0x00, 0x00, 0x00, 0x02}) +
           std::string(1024, '\0'),
       bytes({0xFF, 0x74, 0x4F, 0x63, 0x00, 0x00, 0x00, 0x01}) +
           std::string(1024, '\0')},
  };
}

TEST_CASE(
    "ShippedRules: each engineering file kind is recognised by its signature "
    "and not by look-alikes") {
  for (const FileCase& c : file_cases()) {
    CAPTURE(std::string(c.rule));
    CHECK(hits(c.positive) == V{c.rule});
    CAPTURE(c.negative);
    CHECK(hits(c.negative) == V{});
  }
}

TEST_CASE("ShippedRules: the CRLF form of an IGES file is recognised too") {
  const std::string s =
      pad("x", 72) + "S0000001\r\n" + pad("1H,", 72) + "G0000001\r\n";
  CHECK(hits(s) == V{"file_iges"});
}

TEST_CASE("ShippedRules: default_rules_dir honours MAMORI_RULES_DIR") {
  testing::TempDir dir;
  ::setenv("MAMORI_RULES_DIR", dir.path().c_str(), 1);
  CHECK(default_rules_dir() == dir.path());
  ::unsetenv("MAMORI_RULES_DIR");
  CHECK(std::filesystem::is_directory(default_rules_dir()));
}

}  // namespace
}  // namespace mamori::rules
