// Tests of lib/assets/fingerprint.cc and the similar_file detector end to
// end: the files a register's hash_files listing names are fingerprinted,
// and a scan finds their re-saved and edited copies (issue 12 item 6) but
// not unrelated files of the same kind, nor an exact copy twice.
#include "assets/fingerprint.h"

#include "common/sha256.h"
#include "content/content_fixtures.h"
#include "detect/content_detectors.h"

#include <fmt/format.h>

#include <algorithm>

using namespace mamori;
using namespace mamori::content::testing;

namespace {

uint32_t next(uint32_t& seed) {
  seed = seed * 1103515245u + 12345u;
  return seed >> 8;
}

// A drawing as a CAD program exports it: a part outline per rectangle,
// each labelled. `moved`: that many parts nudged, as in a small edit.
std::string svg(uint32_t seed, int moved = 0) {
  std::string out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" "
      "height=\"600\">\n";
  for (int i = 0; i < 60; ++i) {
    uint32_t x = next(seed) % 800, y = next(seed) % 600;
    const uint32_t w = next(seed) % 90 + 5, h = next(seed) % 90 + 5;
    if (i % 10 == 3 && moved-- > 0) {
      x += 3;
      y += 2;
    }
    out += fmt::format(
        "<rect id=\"r{0}\" x=\"{1}\" y=\"{2}\" width=\"{3}\" height=\"{4}\" "
        "stroke=\"black\" fill=\"none\"/>\n<text x=\"{1}\" y=\"{2}\">"
        "part-{0}</text>\n",
        i, x, y, w, h);
  }
  return out + "</svg>\n";
}

std::vector<std::string> paragraphs(uint32_t seed, int count) {
  static const char* const kWords[] = {
      "layer",  "ceramic", "sinter",  "glass",  "frit",   "paste",
      "green",  "sheet",   "via",     "punch",  "stack",  "press",
      "kiln",   "profile", "alumina", "silver", "binder", "solvent",
      "tape",   "cast",    "dry",     "cut",    "fire",   "test",
      "shrink", "warp",    "density", "bake",   "cool",   "ramp"};
  std::vector<std::string> out;
  for (int p = 0; p < count; ++p) {
    std::string text;
    for (int i = 0; i < 40; ++i) {
      text += kWords[next(seed) % std::size(kWords)];
      text += ' ';
    }
    out.push_back(text);
  }
  return out;
}

// word/document.xml; `rsid`: the revision id Word writes anew at each save.
std::string document_xml(const std::vector<std::string>& paras,
                         const std::string& rsid) {
  std::string body;
  for (const std::string& p : paras) {
    body += fmt::format(
        "<w:p w:rsidR=\"{0}\" w:rsidRDefault=\"{0}\"><w:r><w:t>{1}</w:t>"
        "</w:r></w:p>",
        rsid, p);
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
         "wordprocessingml/2006/main\"><w:body>" +
         body + "</w:body></w:document>";
}

// The parts every document of the program has alike.
std::string styles_xml() {
  std::string out =
      "<?xml version=\"1.0\"?><w:styles xmlns:w=\"http://schemas."
      "openxmlformats.org/wordprocessingml/2006/main\">";
  for (int i = 0; i < 40; ++i) {
    out += fmt::format(
        "<w:style w:type=\"paragraph\" w:styleId=\"S{0}\"><w:name "
        "w:val=\"Style {0}\"/><w:rPr><w:sz w:val=\"{1}\"/></w:rPr></w:style>",
        i, 20 + i % 8);
  }
  return out + "</w:styles>";
}

// A .docx: stored (not deflated) and its parts in reverse order when
// `resaved`, as another program or version writes it.
std::string docx(const std::string& document, bool resaved) {
  std::vector<Entry> parts = {
      {"[Content_Types].xml", "<Types/>"},
      {"word/document.xml", document},
      {"word/styles.xml", styles_xml()},
  };
  if (resaved) {
    std::reverse(parts.begin(), parts.end());
    return make_archive(spec("zip", "none", {"zip:compression=store"}), parts);
  }
  return make_archive(spec("zip", "none", {"zip:compression=deflate"}), parts);
}

struct World {
  TempDir declared;  // the register and the files it declares
  TempDir evidence;
  std::optional<assets::Register> reg;
  std::string spec_docx;
  std::string drawing;

  World() {
    const auto paras = paragraphs(7, 14);
    spec_docx = docx(document_xml(paras, "00A1B2C3"), false);
    drawing = svg(11);
    write_file(declared / "files/spec.docx", spec_docx);
    write_file(declared / "files/k12.svg", drawing);
    write_file(declared / "files/list.sha256",
               sha256_hex(spec_docx) + "  spec.docx\n" + sha256_hex(drawing) +
                   "  k12.svg\n" + std::string(64, 'a') + "  absent.dwg\n");
    write_file(
        declared / "assets.toml",
        "version = 1\n[[asset]]\nid = \"ltcc_stack\"\nname = \"LTCC "
        "stack-up\"\n"
        "sensitivity = \"core\"\nhash_files = [\"files/list.sha256\"]\n");
    Diagnostics problems;
    reg = assets::load_register(declared / "assets.toml", problems);
    REQUIRE(reg.has_value());
  }

  std::vector<detect::Finding> scan(const content::Limits& limits = {}) {
    RuleFixture rules(kSecretRule, *reg);
    Diagnostics diag;
    const content::Results results = content::scan_paths(
        {evidence.path()}, rules.get(), *reg, limits, 2, diag);
    return detect::detect_from_content(results, *reg, {evidence.path()});
  }
};

const detect::Finding* finding_at(const std::vector<detect::Finding>& all,
                                  const content::Location& location) {
  for (const detect::Finding& f : all) {
    if (f.location == location)
      return &f;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("fingerprint: a document's parts by text, a drawing by its bytes") {
  World world;
  const assets::Asset& asset = world.reg->assets().at(0);
  std::vector<std::string> got;
  for (const assets::Fingerprint& f : asset.fingerprints)
    got.push_back(f.file + "|" + f.part + "|" + f.layer);
  std::sort(got.begin(), got.end());
  CAPTURE(fmt::format("{}", fmt::join(got, "; ")));
  // No digest of the docx's text-poor or boilerplate parts' bytes, none of
  // the absent file; the zip's own bytes are fingerprinted all the same.
  // The drawing's few words of text are below ssdeep's useful size: its
  // bytes alone are fingerprinted.
  CHECK(got == std::vector<std::string>{"k12.svg||bytes",
                                        "spec.docx|word/document.xml|text",
                                        "spec.docx||bytes"});
  CHECK(asset.hashes.size() == 3);
}

TEST_CASE("similar_file: a re-saved Word file and an edited drawing") {
  World world;
  // Re-saved: another zip layout, new revision ids, one paragraph edited.
  auto paras = paragraphs(7, 14);
  paras[5] = paragraphs(99, 1)[0];
  const std::string resaved = docx(document_xml(paras, "00D4E5F6"), true);
  REQUIRE(resaved != world.spec_docx);
  write_file(world.evidence / "usb/resaved.docx", resaved);
  write_file(world.evidence / "usb/edited.svg", svg(11, 3));
  write_file(world.evidence / "usb/other.docx",
             docx(document_xml(paragraphs(8, 14), "00A1B2C3"), false));
  write_file(world.evidence / "usb/other.svg", svg(12));
  const auto findings = world.scan();

  const std::string usb = (world.evidence / "usb").string();
  const detect::Finding* doc =
      finding_at(findings, {usb + "/resaved.docx", "word/document.xml"});
  REQUIRE(doc != nullptr);
  CHECK(doc->detector == "similar_file");
  CHECK(doc->assets == std::vector<std::string>{"ltcc_stack"});
  CHECK(doc->severity >= Severity::kHigh);
  REQUIRE(!doc->reasons.empty());
  CHECK(doc->reasons.back().find("its text resembles spec.docx > "
                                 "word/document.xml, a declared file of "
                                 "asset ltcc_stack (core): ssdeep score ") !=
        std::string::npos);
  CHECK(doc->title.find("resembles spec.docx > word/document.xml of "
                        "ltcc_stack (LTCC stack-up)") != std::string::npos);
  REQUIRE(doc->content_evidence.size() == 1);
  CHECK(doc->content_evidence[0].detector == "similar_file");

  const detect::Finding* drawing = finding_at(findings, {usb + "/edited.svg"});
  REQUIRE(drawing != nullptr);
  CHECK(drawing->detector == "similar_file");
  CHECK(drawing->score > 60);

  // Unrelated files of the same kind: nothing, and nothing else either.
  CHECK(findings.size() == 2);
}

TEST_CASE("similar_file: an exact copy is a hash_match only") {
  World world;
  write_file(world.evidence / "copy.docx", world.spec_docx);
  write_file(world.evidence / "copy.svg", world.drawing);
  const auto findings = world.scan();
  REQUIRE(findings.size() == 2);
  for (const detect::Finding& f : findings) {
    CHECK(f.detector == "hash_match");
    CHECK(f.location.size() == 1);
  }
}

TEST_CASE("similar_file: the threshold is the least score that fires") {
  World world;
  write_file(world.evidence / "edited.svg", svg(11, 3));
  content::Limits strict;
  strict.similarity_threshold = 100;
  CHECK(world.scan(strict).empty());
  content::Limits loose;
  loose.similarity_threshold = 1;
  CHECK(world.scan(loose).size() == 1);
}
