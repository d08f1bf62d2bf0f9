// Tests of lib/detect/content_detectors.cc: rule and hash matches of plain
// files, one staged_archive per outermost archive, documents kept apart
// from archives, and encrypted archives judged by their member names.
#include "detect/content_detectors.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <vector>

using namespace mamori;
using namespace mamori::detect;

namespace {

assets::Register make_register() {
  assets::Register reg;
  std::string error;
  assets::Asset ltcc;
  ltcc.id = "ltcc";
  ltcc.name = "LTCC stack";
  ltcc.sensitivity = assets::Sensitivity::kCore;
  ltcc.keywords = {"LTCC"};
  reg.add(std::move(ltcc));
  assets::Asset mlcc;
  mlcc.id = "mlcc";
  mlcc.sensitivity = assets::Sensitivity::kConfidential;
  mlcc.export_controlled = true;
  mlcc.paths.push_back(*PathGlob::compile("//fs01/rd/mlcc/**", &error));
  reg.add(std::move(mlcc));
  return reg;
}

content::RuleHit rule(std::string name, std::vector<std::string> assets,
                      std::optional<Severity> severity = std::nullopt) {
  return {std::move(name), std::move(assets), severity, ""};
}

content::ObjectHit hit(content::Location location,
                       std::vector<content::RuleHit> rules,
                       std::vector<std::string> hash_assets = {}) {
  content::ObjectHit h;
  h.location = std::move(location);
  h.sha256 = std::string(64, 'c');
  h.size = 100;
  h.rules = std::move(rules);
  h.hash_assets = std::move(hash_assets);
  return h;
}

content::ContainerRecord container(content::Location location, uint64_t members,
                                   bool document = false) {
  content::ContainerRecord c;
  c.location = std::move(location);
  c.sha256 = std::string(64, 'a');
  c.size = 4096;
  c.members = members;
  c.document = document;
  return c;
}

}  // namespace

TEST_CASE(
    "detect_from_content: a copy of a declared file that also matches a rule "
    "is one hash_match, the rule in its reasons") {
  const auto reg = make_register();
  content::Results results;
  results.hits.push_back(hit({"/data/a.xlsx"},
                             {rule("ltcc_keyword", {"ltcc"}, Severity::kHigh)},
                             {"ltcc"}));
  const auto findings = detect_from_content(results, reg, {"/data"});
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.detector == "hash_match");
  // The strongest of its reasons: the declared hash of a core asset (80).
  CHECK(f.score == 80);
  CHECK(f.severity == Severity::kCritical);
  CHECK(f.reasons == std::vector<std::string>{
                         "matches rule ltcc_keyword of asset ltcc (core)",
                         "SHA-256 is a declared file of asset ltcc"});
  CHECK(f.title == "/data/a.xlsx holds ltcc (LTCC stack)");
  CHECK(f.rules == std::vector<std::string>{"ltcc_keyword"});
  CHECK(f.id == make_id("hash_match", {"a.xlsx", f.sha256}));
}

TEST_CASE(
    "detect_from_content: ids survive a move of the media and another "
    "spelling of the root") {
  const auto reg = make_register();
  auto id_of = [&](const std::string& file,
                   const std::vector<std::filesystem::path>& roots) {
    content::Results results;
    results.hits.push_back(
        hit({file, "inner/plan.txt"}, {rule("ltcc_keyword", {"ltcc"})}));
    const auto findings = detect_from_content(results, reg, roots);
    REQUIRE(findings.size() == 1);
    return findings[0].id;
  };
  const std::string id = id_of("/mnt/usb/docs/x.zip", {"/mnt/usb"});
  CHECK(id_of("/media/ito/USB/docs/x.zip", {"/media/ito/USB/"}) == id);
  CHECK(id_of("usb-moved/docs/x.zip", {"usb-moved", "other"}) == id);
  CHECK(id_of("./docs/x.zip", {"."}) == id);
  // The file itself as the root: its name, wherever it lies.
  CHECK(id_of("copy/x.zip", {"copy/x.zip"}) == id_of("./x.zip", {"./x.zip"}));
  // Another path below the root is another object.
  CHECK(id_of("/mnt/usb/old/x.zip", {"/mnt/usb"}) != id);
}

TEST_CASE(
    "detect_from_content: members of nested archives are one staged_archive "
    "of the outermost") {
  const auto reg = make_register();
  content::Results results;
  results.archives = {container({"/usb/q1.zip"}, 3),
                      container({"/usb/q1.zip", "inner.zip"}, 1)};
  results.hits = {
      hit({"/usb/q1.zip", "a.dwg"}, {rule("ltcc_keyword", {"ltcc"})}),
      hit({"/usb/q1.zip", "b.xlsx"}, {}, {"mlcc"}),
      hit({"/usb/q1.zip", "inner.zip", "c.txt"}, {rule("generic", {})})};
  const auto findings = detect_from_content(results, reg, {"/"});
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.detector == "staged_archive");
  CHECK(f.location == std::vector<std::string>{"/usb/q1.zip"});
  CHECK(f.sha256 == std::string(64, 'a'));
  CHECK(f.assets == std::vector<std::string>{"ltcc", "mlcc"});
  CHECK(f.evidence_total == 3);
  REQUIRE(f.content_evidence.size() == 3);
  CHECK(f.content_evidence[1].detector == "hash_match");
  // The strongest member (core, 75), +5 staged, +5 for a second asset.
  CHECK(f.score == 85);
  CHECK(f.title == "/usb/q1.zip holds files of 2 assets");
  CHECK(f.reasons ==
        std::vector<std::string>{"3 of 3 members match assets ltcc, mlcc"});
}

TEST_CASE(
    "detect_from_content: an archive of general matches only, and a "
    "document's part, are content_match") {
  const auto reg = make_register();
  content::Results results;
  results.archives = {container({"/docs/spec.docx"}, 12, true),
                      container({"/tmp/logs.tar"}, 10)};
  results.hits = {hit({"/docs/spec.docx", "word/document.xml"},
                      {rule("secret_marking", {}, Severity::kMedium)}),
                  hit({"/tmp/logs.tar", "x.txt"},
                      {rule("secret_marking", {}, Severity::kMedium)})};
  const auto findings = detect_from_content(results, reg, {"/"});
  REQUIRE(findings.size() == 2);
  const Finding& part = findings[0];
  CHECK(part.detector == "content_match");
  CHECK(part.location ==
        std::vector<std::string>{"/docs/spec.docx", "word/document.xml"});
  CHECK(part.title ==
        "/docs/spec.docx > word/document.xml matches secret_marking");
  CHECK(part.severity == Severity::kMedium);
  const Finding& tar = findings[1];
  CHECK(tar.detector == "content_match");
  CHECK(tar.location == std::vector<std::string>{"/tmp/logs.tar"});
  CHECK(tar.title == "/tmp/logs.tar holds 1 member matching secret_marking");
  CHECK(tar.reasons ==
        std::vector<std::string>{"1 of 10 members match general rules"});
  CHECK(tar.score == 50);
}

TEST_CASE(
    "detect_from_content: an encrypted archive is judged by the member names "
    "it shows") {
  const auto reg = make_register();
  content::Results results;
  content::ContainerRecord named = container({"/usb/enc.zip"}, 0);
  named.encrypted = true;
  named.encrypted_members = {"MLCC/K12.xlsx", "notes.txt", "LTCC_stack.pdf"};
  content::ContainerRecord blind = container({"/usb/blind.7z"}, 0);
  blind.encrypted = true;
  results.archives = {blind, named};
  const auto findings = detect_from_content(results, reg, {"/"});
  REQUIRE(findings.size() == 2);

  const Finding& b = findings[0];
  CHECK(b.detector == "encrypted_archive");
  CHECK(b.score == 45);
  CHECK(b.assets.empty());
  CHECK(b.title ==
        "/usb/blind.7z is encrypted; its contents could not be "
        "checked");
  CHECK(b.reasons ==
        std::vector<std::string>{"encrypted: its members could not be read"});

  const Finding& n = findings[1];
  // A folder of an asset glob (case folded: a share path) and a keyword.
  CHECK(n.assets == std::vector<std::string>{"ltcc", "mlcc"});
  CHECK(n.evidence_total == 2);
  CHECK(n.score == 80);  // core 75 + 5
  CHECK(n.reasons.front() == "encrypted: 3 members could not be read");
  CHECK(n.title ==
        "/usb/enc.zip is encrypted and its member names point to ltcc (LTCC "
        "stack), mlcc");
}

namespace {

content::StringMatch keyword_match(std::string id, std::string keyword,
                                   std::string encoding, uint64_t offset,
                                   std::string layer) {
  return {std::move(id), std::move(keyword), std::move(encoding), offset, 15,
          "…excerpt…",   std::move(layer)};
}

}  // namespace

TEST_CASE(
    "detect_from_content: a content finding's evidence names what matched, "
    "and its reasons the keywords") {
  const auto reg = make_register();
  content::RuleHit keywords = rule("asset_ltcc_keywords", {"ltcc"});
  keywords.strings = {
      keyword_match("$k0_cp932", "非球面研磨", "CP932", 40, "bytes"),
      keyword_match("$k0_cp932", "非球面研磨", "CP932", 90, "bytes"),
      keyword_match("$k0_utf8", "非球面研磨", "UTF-8", 12, "text")};
  keywords.strings_omitted = 4;
  content::RuleHit general = rule("generic", {});
  general.strings = {{"$m", "", "", 7, 3, "", "bytes"}};
  content::Results results;
  results.hits.push_back(hit({"/data/spec.doc"}, {general, keywords}));
  const auto findings = detect_from_content(results, reg, {"/data"});
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.detector == "content_match");
  // One reason per keyword, encoding and layer, after its rule's reason.
  CHECK(f.reasons ==
        std::vector<std::string>{
            "matches rule generic",
            "matches rule asset_ltcc_keywords of asset ltcc (core)",
            "keyword \"非球面研磨\" (CP932) in bytes of /data/spec.doc",
            "keyword \"非球面研磨\" (UTF-8) in text of /data/spec.doc"});
  REQUIRE(f.content_evidence.size() == 1);
  const ContentEvidence& e = f.content_evidence[0];
  REQUIRE(e.matches.size() == 4);
  CHECK(e.matches[0] ==
        MatchEvidence{"generic", "$m", "", "", "bytes", 7, 3, ""});
  CHECK(e.matches[1] == MatchEvidence{"asset_ltcc_keywords", "$k0_cp932",
                                      "非球面研磨", "CP932", "bytes", 40, 15,
                                      "…excerpt…"});
  CHECK(e.matches[3].layer == "text");
  CHECK(e.matches_omitted == 4);
}

TEST_CASE(
    "detect_from_content: in a staged archive, a member with a declared hash "
    "is hash_match evidence even when a rule matched it too") {
  const auto reg = make_register();
  content::RuleHit keywords = rule("asset_ltcc_keywords", {"ltcc"});
  keywords.strings = {
      keyword_match("$k0_utf16le", "LTCC", "UTF-16LE", 8, "bytes")};
  content::Results results;
  results.archives = {container({"/usb/q1.zip"}, 2)};
  results.hits = {hit({"/usb/q1.zip", "docs/a.doc"}, {keywords}, {"mlcc"}),
                  hit({"/usb/q1.zip", "b.txt"}, {rule("generic", {})})};
  const auto findings = detect_from_content(results, reg, {"/usb"});
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.detector == "staged_archive");
  REQUIRE(f.content_evidence.size() == 2);
  CHECK(f.content_evidence[0].detector == "hash_match");
  CHECK(f.content_evidence[0].matches.size() == 1);
  CHECK(f.content_evidence[1].detector == "content_match");
  CHECK(f.reasons ==
        std::vector<std::string>{
            "2 of 2 members match assets ltcc, mlcc",
            "keyword \"LTCC\" (UTF-16LE) in bytes of member docs/a.doc"});
}

TEST_CASE(
    "detect_from_content: evidence is capped at max_evidence, its total "
    "always counted") {
  const auto reg = make_register();
  content::Results results;
  results.archives = {container({"/usb/big.zip"}, 25)};
  for (int i = 0; i < 25; ++i) {
    results.hits.push_back(hit({"/usb/big.zip", fmt::format("m{:02}.txt", i)},
                               {rule("ltcc_keyword", {"ltcc"})}));
  }
  const auto capped = detect_from_content(results, reg, {"/usb"});
  REQUIRE(capped.size() == 1);
  CHECK(capped[0].content_evidence.size() == kMaxEvidence);
  CHECK(capped[0].evidence_total == 25);
  const auto all = detect_from_content(results, reg, {"/usb"}, SIZE_MAX);
  REQUIRE(all.size() == 1);
  CHECK(all[0].content_evidence.size() == 25);
  CHECK(all[0].evidence_total == 25);
  const auto three = detect_from_content(results, reg, {"/usb"}, 3);
  CHECK(three[0].content_evidence.size() == 3);
}
