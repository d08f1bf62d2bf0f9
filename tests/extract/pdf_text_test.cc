// pdf_text on PDFs assembled here, object by object with a correct xref
// table: each case draws a phrase the way a real producer encodes it
// (plain Tj, kerned TJ, a CID font behind a ToUnicode CMap, predefined
// Japanese CMaps, a Differences encoding) and asserts that the phrase a
// reader sees is in the extracted text. Then hostile input and the limits.
#include "extract/pdf_text.h"

#include "pdf_fixtures.h"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using mamori::extract::ExtractedText;
using mamori::extract::pdf_text;
using mamori::extract::TextLimits;

using namespace mamori::testing::pdf;

namespace {

ExtractedText extract(std::string_view pdf, const TextLimits& limits = {}) {
  return pdf_text(std::as_bytes(std::span(pdf)), limits);
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// The PDF standard security handler, revision 2 (40-bit RC4): enough to
// build a file that is encrypted with a given user password.
std::string md5(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  REQUIRE(EVP_Digest(data.data(), data.size(), digest, &size, EVP_md5(),
                     nullptr) == 1);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

std::string rc4(std::string_view key, std::string_view data) {
  unsigned char s[256];
  for (int i = 0; i < 256; ++i)
    s[i] = static_cast<unsigned char>(i);
  for (size_t i = 0, j = 0; i < 256; ++i) {
    j = (j + s[i] + static_cast<unsigned char>(key[i % key.size()])) % 256;
    std::swap(s[i], s[j]);
  }
  std::string out(data);
  for (size_t n = 0, i = 0, j = 0; n < out.size(); ++n) {
    i = (i + 1) % 256;
    j = (j + s[i]) % 256;
    std::swap(s[i], s[j]);
    out[n] = static_cast<char>(out[n] ^ s[(s[i] + s[j]) % 256]);
  }
  return out;
}

std::string hex(std::string_view bytes) {
  std::string out;
  char digits[3];
  for (const char c : bytes) {
    std::snprintf(digits, sizeof digits, "%02X", static_cast<unsigned char>(c));
    out += digits;
  }
  return out;
}

std::string encrypted_document(std::string_view user_password,
                               std::string_view phrase) {
  const std::string padding(
      "\x28\xBF\x4E\x5E\x4E\x75\x8A\x41\x64\x00\x4E\x56\xFF\xFA\x01\x08"
      "\x2E\x2E\x00\xB6\xD0\x68\x3E\x80\x2F\x0C\xA9\xFE\x64\x53\x69\x7A",
      32);
  REQUIRE(padding.size() == 32);
  const auto pad = [&](std::string_view password) {
    return (std::string(password) + padding).substr(0, 32);
  };
  const std::string id = "0123456789abcdef";
  const std::string owner_key = md5(pad("owner")).substr(0, 5);
  const std::string o = rc4(owner_key, pad(user_password));
  const std::string permissions("\xFC\xFF\xFF\xFF", 4);  // P -4
  const std::string key =
      md5(pad(user_password) + o + permissions + id).substr(0, 5);
  const std::string u = rc4(key, padding);

  PdfBuilder pdf;
  const int font = pdf.add(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
      "/Encoding /WinAnsiEncoding >>");
  const int content_number = 2;  // objects are keyed by number and generation
  const std::string object_key =
      md5(key + std::string("\x02\x00\x00\x00\x00", 5)).substr(0, 10);
  REQUIRE(pdf.add_stream("", rc4(object_key, show("(" + std::string(phrase) +
                                                  ") Tj"))) == content_number);
  const int pages = pdf.add("");
  const int page =
      pdf.add("<< /Type /Page /Parent " + ref(pages) +
              " /MediaBox [0 0 612 792] /Resources << /Font << "
              "/F1 " +
              ref(font) + " >> >> /Contents " + ref(content_number) + " >>");
  pdf.set(pages, "<< /Type /Pages /Kids [" + ref(page) + "] /Count 1 >>");
  const int encrypt = pdf.add("<< /Filter /Standard /V 1 /R 2 /O <" + hex(o) +
                              "> /U <" + hex(u) + "> /P -4 >>");
  const int catalog = pdf.add("<< /Type /Catalog /Pages " + ref(pages) + " >>");
  return pdf.finish(catalog, "/Encrypt " + ref(encrypt) + " /ID [<" + hex(id) +
                                 "> <" + hex(id) + ">]");
}

}  // namespace

TEST_CASE("pdf_text: plain Helvetica text drawn with Tj") {
  const std::string phrase = "Strictly Confidential design";
  SUBCASE("uncompressed content stream") {
    const ExtractedText out =
        extract(helvetica_document({{show("(" + phrase + ") Tj")}}));
    CHECK(out.error == "");
    CHECK_FALSE(out.truncated);
    CHECK(contains(out.text, phrase));
  }
  SUBCASE("FlateDecode content stream") {
    const std::string pdf =
        helvetica_document({{show("(" + phrase + ") Tj"), true}});
    REQUIRE_FALSE(contains(pdf, phrase));
    const ExtractedText out = extract(pdf);
    CHECK(out.error == "");
    CHECK(contains(out.text, phrase));
  }
}

TEST_CASE("pdf_text: a word split by TJ kerning is joined") {
  const std::string pdf = helvetica_document(
      {{show("[(Strictly ) -250 (Conf) -20 (idential)] TJ")}});
  REQUIRE_FALSE(contains(pdf, "Confidential"));
  const ExtractedText out = extract(pdf);
  CHECK(out.error == "");
  CHECK(contains(out.text, "Confidential"));
}

TEST_CASE("pdf_text: an Identity-H CID font is decoded through ToUnicode") {
  const std::string file = to_unicode_document();

  const std::string phrase = "非球面研磨レシピ";
  REQUIRE_FALSE(contains(file, phrase));
  const ExtractedText out = extract(file);
  CHECK(out.error == "");
  CHECK(contains(out.text, phrase));
}

TEST_CASE("pdf_text: predefined Japanese CMaps from poppler-data decode") {
  SUBCASE("90ms-RKSJ-H: Shift_JIS codes") {
    const ExtractedText out =
        extract(predefined_cmap_document("90ms-RKSJ-H", "8BC994E9"));
    CHECK(out.error == "");
    CHECK(contains(out.text, "極秘"));
  }
  SUBCASE("EUC-H: EUC-JP codes") {
    const ExtractedText out =
        extract(predefined_cmap_document("EUC-H", "B6CBC8EB"));
    CHECK(out.error == "");
    CHECK(contains(out.text, "極秘"));
  }
}

TEST_CASE("pdf_text: a Differences encoding maps odd codes to glyph names") {
  PdfBuilder pdf;
  const int font = pdf.add(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << "
      "/Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences "
      "[1 /C /o /n /f /i /d /e /t /a /l] >> >>");
  // C o n f i d e n t i a l
  const std::string file = document(pdf, "/F1 " + ref(font),
                                    {{show("<0102030405060703080509 0A> Tj")}});
  REQUIRE_FALSE(contains(file, "Confidential"));
  const ExtractedText out = extract(file);
  CHECK(out.error == "");
  CHECK(contains(out.text, "Confidential"));
}

TEST_CASE("pdf_text: hostile input gives an error or no text, never a crash") {
  SUBCASE("empty") {
    const ExtractedText out = pdf_text({}, TextLimits{});
    CHECK(out.error != "");
    CHECK(out.text == "");
  }
  SUBCASE("random bytes") {
    std::mt19937 random(20261204);
    for (const size_t size : {1u, 7u, 100u, 4096u, 65536u}) {
      std::string bytes(size, '\0');
      for (char& c : bytes)
        c = static_cast<char>(random());
      const ExtractedText out = extract(bytes);
      CHECK(out.error != "");
      CHECK(out.text == "");
    }
  }
  SUBCASE("a PDF header and then garbage") {
    const ExtractedText out = extract("%PDF-1.7\n1 0 obj << /Type /Cat");
    CHECK(out.error != "");
  }
  SUBCASE("every truncation of a valid PDF") {
    const std::string file =
        helvetica_document({{show("(Strictly Confidential design) Tj")},
                            {show("(second page) Tj"), true}});
    for (size_t size = 0; size < file.size(); size += 7) {
      // Either an error or text: poppler may rebuild a cut xref table.
      const ExtractedText out = extract(std::string_view(file).substr(0, size));
      CHECK((out.error != "" || out.text.size() <= file.size()));
    }
  }
}

TEST_CASE("pdf_text: pages are separated and limits truncate") {
  const std::string file =
      helvetica_document({{show("(first page alpha) Tj")},
                          {show("(second page beta) Tj")},
                          {show("(third page gamma) Tj")}});
  SUBCASE("no limit reached: every page, in order, separated") {
    const ExtractedText out = extract(file);
    CHECK(out.error == "");
    CHECK_FALSE(out.truncated);
    const size_t first = out.text.find("first page alpha");
    const size_t second = out.text.find("second page beta");
    const size_t third = out.text.find("third page gamma");
    REQUIRE(first != std::string::npos);
    REQUIRE(second != std::string::npos);
    REQUIRE(third != std::string::npos);
    CHECK(first < second);
    CHECK(second < third);
    CHECK(contains(out.text.substr(first, second - first), "\n\f\n"));
  }
  SUBCASE("max_text_bytes") {
    for (const size_t limit : {0u, 1u, 10u, 25u}) {
      TextLimits limits;
      limits.max_text_bytes = limit;
      const ExtractedText out = extract(file, limits);
      CHECK(out.error == "");
      CHECK(out.truncated);
      CHECK(out.text.size() <= limit);
      CHECK_FALSE(contains(out.text, "third"));
    }
  }
  SUBCASE("max_time is checked between pages") {
    TextLimits limits;
    limits.max_time = std::chrono::milliseconds(0);
    const ExtractedText out = extract(file, limits);
    CHECK(out.truncated);
    CHECK(contains(out.text, "first page alpha"));
    CHECK_FALSE(contains(out.text, "third page gamma"));
  }
}

TEST_CASE("pdf_text: a cut never splits a UTF-8 character") {
  // 極秘 is two 3-byte characters; every limit below 6 must give a prefix
  // made of whole characters.
  const std::string file = predefined_cmap_document("90ms-RKSJ-H", "8BC994E9");
  const std::string full = extract(file).text;
  const size_t at = full.find("極秘");
  REQUIRE(at != std::string::npos);
  for (size_t limit = at; limit < at + 6; ++limit) {
    TextLimits limits;
    limits.max_text_bytes = limit;
    const ExtractedText out = extract(file, limits);
    CHECK(out.truncated);
    CHECK(out.text.size() <= limit);
    CHECK((out.text.size() - at) % 3 == 0);
    CHECK(full.starts_with(out.text));
  }
}

TEST_CASE("pdf_text: encryption with an empty user password is read") {
  const std::string phrase = "Strictly Confidential design";
  SUBCASE("empty user password: read like any viewer opens it") {
    const std::string file = encrypted_document("", phrase);
    REQUIRE_FALSE(contains(file, phrase));
    const ExtractedText out = extract(file);
    CHECK(out.error == "");
    CHECK(contains(out.text, phrase));
  }
  SUBCASE("a user password: the error is \"encrypted\"") {
    const ExtractedText out = extract(encrypted_document("secret", phrase));
    CHECK(out.error == "encrypted");
    CHECK(out.text == "");
  }
}
