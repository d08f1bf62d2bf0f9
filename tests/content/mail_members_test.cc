// MailMembers: an e-mail's decoded headers and MIME parts as members, then
// mail end to end through the sandboxed content scanner: a keyword in an
// ISO-2022-JP subject and body, in a zipped Word file attached in base64,
// split by a quoted-printable soft line break in HTML; ordinary text that
// is not mail; a truncated message. Every message is written here.
#include "content/mail_members.h"

#include "member_fixtures.h"

#include "assets/register.h"
#include "common/encoding.h"
#include "content/format_sniffer.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {

constexpr std::string_view kPhrase = "非球面研磨レシピ";
const std::string kKeywordRule = "asset_lens_keywords";

std::string base64(std::string_view in, size_t line = 76) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t column = 0;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(in[i])) << 16;
    if (i + 1 < in.size())
      n |= static_cast<uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8;
    if (i + 2 < in.size())
      n |= static_cast<unsigned char>(in[i + 2]);
    out += kDigits[(n >> 18) & 63];
    out += kDigits[(n >> 12) & 63];
    out += i + 1 < in.size() ? kDigits[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kDigits[n & 63] : '=';
    column += 4;
    if (line > 0 && column >= line) {
      out += "\r\n";
      column = 0;
    }
  }
  return out;
}

std::string iso2022jp(std::string_view utf8) {
  std::optional<std::string> out =
      convert_encoding(utf8, "UTF-8", "ISO-2022-JP");
  REQUIRE(out.has_value());
  return *out;
}

// An RFC 2047 encoded word in ISO-2022-JP, as Japanese mail programs write
// a subject.
std::string encoded_word(std::string_view utf8) {
  return "=?ISO-2022-JP?B?" + base64(iso2022jp(utf8), 0) + "?=";
}

// A 7bit ISO-2022-JP message: its keyword in the subject and the body.
std::string japanese_mail() {
  return "Return-Path: <sato@example.jp>\r\n"
         "From: =?ISO-2022-JP?B?" +
         base64(iso2022jp("佐藤"), 0) +
         "?= <sato@example.jp>\r\n"
         "To: rival@example.com\r\n"
         "Subject: " +
         encoded_word(std::string(kPhrase) + "の件") +
         "\r\n"
         "Date: Mon, 1 Dec 2025 09:00:00 +0900\r\n"
         "Message-ID: <1@example.jp>\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=ISO-2022-JP\r\n"
         "Content-Transfer-Encoding: 7bit\r\n"
         "\r\n" +
         iso2022jp("添付の" + std::string(kPhrase) + "をご確認ください。") +
         "\r\n";
}

// multipart/mixed: a short text, then `attachment` in base64 under the
// file name `name` (RFC 2231, UTF-8).
std::string mail_with_attachment(const std::string& attachment,
                                 const std::string& percent_name) {
  return "From: a@example.com\r\n"
         "To: b@example.com\r\n"
         "Subject: plan\r\n"
         "Date: Mon, 1 Dec 2025 09:00:00 +0900\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n"
         "\r\n"
         "This is a multi-part message in MIME format.\r\n"
         "--XYZ\r\n"
         "Content-Type: text/plain; charset=us-ascii\r\n"
         "\r\n"
         "see attached\r\n"
         "--XYZ\r\n"
         "Content-Type: application/octet-stream\r\n"
         "Content-Transfer-Encoding: base64\r\n"
         "Content-Disposition: attachment; filename*=UTF-8''" +
         percent_name +
         "\r\n"
         "\r\n" +
         base64(attachment) +
         "\r\n"
         "--XYZ--\r\n";
}

const std::string kDocument =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"x\">"
    "<w:body><w:p><w:r><w:t>" +
    std::string(kPhrase) + "</w:t></w:r></w:p></w:body></w:document>";

// "設計書.docx", percent-encoded UTF-8 as RFC 2231 writes it.
const std::string kPercentName = "%E8%A8%AD%E8%A8%88%E6%9B%B8.docx";
const std::string kAttachmentName = "設計書.docx";

std::string docx() {
  return make_zip(
      {{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", kDocument}});
}

// A register whose one asset has the phrase as its keyword.
struct Fixture {
  TempDir dir;
  assets::Register reg;
  std::optional<RuleFixture> rules;

  Fixture() {
    reg = keyword_register(dir.path(), kPhrase);
    rules.emplace("rule unused { condition: false }\n", reg);
  }

  // Scans one file in sandboxed workers (Limits' default).
  Results scan_file(const std::string& name, const std::string& bytes,
                    Diagnostics& diag) {
    write_file(tree.path() / name, bytes);
    return scan_paths({tree.path()}, rules->get(), reg, Limits{}, 1, diag);
  }
  std::string path(const std::string& name) const {
    return (tree.path() / name).string();
  }
  TempDir tree;
};

// The members (after the file's path) of each object the keyword rule hit.
std::vector<Location> keyword_hits(const Results& r) {
  std::vector<Location> out;
  for (const ObjectHit& hit : r.hits) {
    const bool keyword =
        std::any_of(hit.rules.begin(), hit.rules.end(),
                    [](const RuleHit& h) { return h.rule == kKeywordRule; });
    if (keyword)
      out.emplace_back(hit.location.begin() + 1, hit.location.end());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const ReadMember* member(const Drained& d, const std::string& name) {
  for (const ReadMember& m : d.members) {
    if (m.name == name)
      return &m;
  }
  return nullptr;
}

bool is_mail(const std::string& s) {
  return looks_like_mail(as_span(s));
}

}  // namespace

TEST_CASE("looks_like_mail: a header block of mail fields, nothing else") {
  CHECK(is_mail(japanese_mail()));
  CHECK(
      is_mail("Received: from x by y; Mon, 1 Dec 2025\n"
              "\tid 42\nFrom: a@b\nSubject: hi\n\nbody"));
  CHECK(is_mail("X-Mozilla-Status: 0001\nMessage-ID: <1@x>\nDate: now\n"));
  CHECK_FALSE(is_mail("From the desk of the director\n\nSubject: budget\n"));
  CHECK_FALSE(is_mail("Notes for Monday\nFrom: sales\nDate: today\n"));
  CHECK_FALSE(is_mail("Subject: budget\nAuthor: me\n\nnotes"));  // one field
  CHECK_FALSE(is_mail("Subject: a\nTo: b\n\n"));  // no sender, date or id
  CHECK_FALSE(is_mail("from: a\ndate: b\n"));     // YAML, not mail
  CHECK_FALSE(is_mail(" From: a\nDate: b\n"));
  CHECK_FALSE(is_mail(""));
  CHECK(sniff_container(as_span(japanese_mail())).kind == ContainerKind::kMail);
}

TEST_CASE("MailMembers: decoded headers, then the parts converted to UTF-8") {
  const std::string mail = japanese_mail();
  MemberHarness h;
  MailMembers source(as_span(mail), h.context);
  Drained d = drain(source, {"a.eml"});
  REQUIRE(d.opened);
  REQUIRE(d.members.size() == 2);
  const ReadMember& headers = d.members[0];
  CHECK(headers.name == "headers.txt");
  CHECK(headers.step == MemberStep::kMatch);
  CHECK(headers.data.starts_with("Return-Path: <sato@example.jp>\n"));
  CHECK(headers.data.find("Subject: " + std::string(kPhrase) + "の件\n") !=
        std::string::npos);
  CHECK(headers.data.find("From: 佐藤 <sato@example.jp>") != std::string::npos);
  CHECK(headers.data.find("Date: Mon, 1 Dec 2025") != std::string::npos);
  const ReadMember& body = d.members[1];
  CHECK(body.name == "part-1.txt");
  // The bytes as sent, the text in UTF-8.
  CHECK(body.data.find(kPhrase) == std::string::npos);
  const std::string opening = iso2022jp("添付の");
  CHECK(body.data.starts_with(opening.substr(0, opening.size() - 3)));
  CHECK(body.text.find(kPhrase) != std::string::npos);
  CHECK(h.diag.size() == 0);
}

TEST_CASE("MailMembers: an attachment is named by its decoded file name") {
  const std::string zip = docx();
  SUBCASE("RFC 2231") {
    const std::string mail = mail_with_attachment(zip, kPercentName);
    MemberHarness h;
    MailMembers source(as_span(mail), h.context);
    Drained d = drain(source, {"a.eml"});
    REQUIRE(d.members.size() == 3);
    CHECK(d.members[1].name == "part-1.txt");
    CHECK(d.members[1].data == "see attached");
    REQUIRE(member(d, kAttachmentName) != nullptr);
    CHECK(member(d, kAttachmentName)->data == zip);
    CHECK(member(d, kAttachmentName)->text.empty());
  }
  SUBCASE("RFC 2047 in a quoted name, as Japanese mail programs write it") {
    std::string mail = mail_with_attachment(zip, "x");
    const std::string header = "filename*=UTF-8''x";
    mail.replace(mail.find(header), header.size(),
                 "filename=\"" + encoded_word("設計書.docx") + "\"");
    MemberHarness h;
    MailMembers source(as_span(mail), h.context);
    Drained d = drain(source, {"a.eml"});
    REQUIRE(member(d, kAttachmentName) != nullptr);
  }
  SUBCASE("a path in the name keeps only its last component") {
    const std::string mail = mail_with_attachment(zip, "..%2F..%2Fevil.docx");
    MemberHarness h;
    MailMembers source(as_span(mail), h.context);
    Drained d = drain(source, {"a.eml"});
    CHECK(member(d, "evil.docx") != nullptr);
  }
}

TEST_CASE("MailMembers: an attached message is one member, whole") {
  const std::string inner =
      "From: b@example.com\r\nDate: Mon, 1 Dec 2025 09:00:00 +0900\r\n"
      "Subject: inner\r\n\r\nsecret body\r\n";
  const std::string mail =
      "From: a@example.com\r\nDate: Tue, 2 Dec 2025 09:00:00 +0900\r\n"
      "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n"
      "\r\n--b1\r\nContent-Type: message/rfc822\r\n\r\n" +
      inner + "--b1--\r\n";
  MemberHarness h;
  MailMembers source(as_span(mail), h.context);
  Drained d = drain(source, {"a.eml"});
  REQUIRE(d.members.size() == 2);
  CHECK(d.members[1].name == "part-1.eml");
  CHECK(d.members[1].data.find("Subject: inner") != std::string::npos);
  CHECK(d.members[1].data.find("secret body") != std::string::npos);
  CHECK(looks_like_mail(as_span(d.members[1].data)));
  CHECK(d.record.document);
}

TEST_CASE("MailMembers: a part over the memory left is noted, not decoded") {
  const std::string mail =
      mail_with_attachment(std::string(20000, 'x'), "big.bin");
  Limits limits;
  limits.max_member_size = 8000;
  MemberHarness h(limits);
  MailMembers source(as_span(mail), h.context);
  Drained d = drain(source, {"a.eml"});
  REQUIRE(member(d, "big.bin") != nullptr);
  CHECK(member(d, "big.bin")->step == MemberStep::kNext);
  std::optional<Notice> n = find_notice(h.diag, "limit_member_size");
  REQUIRE(n);
  CHECK(n->location == Location{"a.eml", "big.bin"});
}

TEST_CASE("mail end to end: an ISO-2022-JP subject and body are matched") {
  Fixture f;
  Diagnostics diag;
  const Results r = f.scan_file("msg.eml", japanese_mail(), diag);
  CHECK(diag.size() == 0);
  CHECK(keyword_hits(r) ==
        std::vector<Location>{{"headers.txt"}, {"part-1.txt"}});
  const ContainerRecord* mail = find_archive(r, {f.path("msg.eml")});
  REQUIRE(mail != nullptr);
  CHECK(mail->document);  // reported as a document and its parts
  CHECK(mail->members == 2);
}

TEST_CASE("mail end to end: a keyword in a Word file attached in base64") {
  Fixture f;
  Diagnostics diag;
  const Results r =
      f.scan_file("msg.eml", mail_with_attachment(docx(), kPercentName), diag);
  CHECK(diag.size() == 0);
  CHECK(keyword_hits(r) ==
        std::vector<Location>{{kAttachmentName, "word/document.xml"}});
}

TEST_CASE(
    "mail end to end: quoted-printable HTML split by a soft line break, and "
    "an attached message") {
  Fixture f;
  const std::string phrase(kPhrase);
  // The phrase's UTF-8 bytes as =XX, broken after its third character.
  std::string qp;
  for (size_t i = 0; i < phrase.size(); ++i) {
    if (i == 9)
      qp += "=\r\n";
    qp += fmt::format("={:02X}", static_cast<unsigned char>(phrase[i]));
  }
  const std::string html_mail =
      "From: a@example.com\r\nDate: Mon, 1 Dec 2025 09:00:00 +0900\r\n"
      "Subject: html\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/html; charset=UTF-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
      "<html><body><p>" +
      qp + "</p></body></html>\r\n";
  REQUIRE(html_mail.find(phrase) == std::string::npos);
  Diagnostics diag;
  SUBCASE("the HTML body") {
    const Results r = f.scan_file("msg.eml", html_mail, diag);
    CHECK(keyword_hits(r) == std::vector<Location>{{"part-1.html"}});
  }
  SUBCASE("forwarded as message/rfc822") {
    const std::string outer =
        "From: c@example.com\r\nDate: Tue, 2 Dec 2025 09:00:00 +0900\r\n"
        "Subject: fwd\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=b1\r\n\r\n"
        "--b1\r\nContent-Type: text/plain\r\n\r\nfyi\r\n"
        "--b1\r\nContent-Type: message/rfc822\r\n\r\n" +
        html_mail + "--b1--\r\n";
    const Results r = f.scan_file("fwd.eml", outer, diag);
    CHECK(keyword_hits(r) ==
          std::vector<Location>{{"part-2.eml", "part-1.html"}});
  }
  CHECK(diag.size() == 0);
}

TEST_CASE(
    "mail end to end: Shift_JIS HTML whose <meta> names its charset has its "
    "text layer read in UTF-8") {
  Fixture f;
  std::optional<std::string> sjis = convert_encoding(
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=Shift_JIS\"></head><body><p>非球面<b>研磨</b>レシピ</p>"
      "</body></html>",
      "UTF-8", "CP932");
  REQUIRE(sjis.has_value());
  const std::string mail =
      "From: a@example.com\r\nDate: Mon, 1 Dec 2025 09:00:00 +0900\r\n"
      "MIME-Version: 1.0\r\nContent-Type: text/html; charset=Shift_JIS\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" +
      base64(*sjis) + "\r\n";
  Diagnostics diag;
  const Results r = f.scan_file("msg.eml", mail, diag);
  CHECK(keyword_hits(r) == std::vector<Location>{{"part-1.html"}});
  CHECK(diag.size() == 0);
}

TEST_CASE("mail end to end: a plain text file is not taken for mail") {
  Fixture f;
  Diagnostics diag;
  const std::string letter =
      "From the desk of the director\nSubject: " + std::string(kPhrase) +
      "\nDate: Monday\n\nPlease keep this to yourselves.\n";
  const Results r = f.scan_file("letter.txt", letter, diag);
  CHECK(keyword_hits(r) == std::vector<Location>{{}});
  CHECK(r.archives.empty());
}

TEST_CASE("mail end to end: a truncated message still gives its parts") {
  Fixture f;
  std::string mail = mail_with_attachment(docx(), kPercentName);
  // A second text part with the phrase, then the attachment, whose end
  // (and the closing boundary) is lost.
  const std::string second =
      "--XYZ\r\nContent-Type: text/plain; charset=UTF-8\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" +
      base64("見積: " + std::string(kPhrase)) + "\r\n";
  mail.insert(mail.find("--XYZ\r\nContent-Type: application"), second);
  SUBCASE("in the zip's central directory: its entries are still read") {
    mail.resize(mail.size() - 200);
    Diagnostics diag;
    const Results r = f.scan_file("cut.eml", mail, diag);
    CHECK(keyword_hits(r) ==
          std::vector<Location>{{"part-2.txt"},
                                {kAttachmentName, "word/document.xml"}});
  }
  SUBCASE("in the first bytes of the attachment") {
    mail.resize(mail.find("UEsDB") + 40);  // "PK\3\4" in base64
    Diagnostics diag;
    const Results r = f.scan_file("cut.eml", mail, diag);
    CHECK(keyword_hits(r) == std::vector<Location>{{"part-2.txt"}});
    CHECK_FALSE(find_notice(diag, "worker_crash"));
  }
}

namespace {

// A mailbox as Thunderbird writes one: each message after a "From " line,
// a blank line between them; a body line that starts with "From " is
// quoted (">From ").
std::string mailbox(const std::vector<std::string>& messages) {
  std::string out;
  for (const std::string& m : messages) {
    out += "From - Mon Dec  1 09:00:00 2025\r\n";
    out += m;
    if (!m.ends_with("\r\n"))
      out += "\r\n";
    out += "\r\n";
  }
  return out;
}

const std::string kPlainMail =
    "From: a@example.com\r\nTo: b@example.com\r\nSubject: lunch\r\n"
    "Date: Mon, 1 Dec 2025 12:00:00 +0900\r\n\r\n"
    "Noon?\r\n>From the canteen, as usual.\r\n";

}  // namespace

TEST_CASE("looks_like_mailbox: a From line, then a message") {
  CHECK(looks_like_mailbox(as_span(mailbox({kPlainMail}))));
  CHECK(sniff_container(as_span(mailbox({kPlainMail}))).kind ==
        ContainerKind::kMailbox);
  CHECK_FALSE(looks_like_mailbox(as_span(kPlainMail)));  // a message alone
  CHECK_FALSE(looks_like_mailbox(
      as_span(std::string("From the desk of the director\nSubject: x\n"))));
  CHECK_FALSE(looks_like_mailbox(as_span(std::string("From "))));
  // The sender is one word, the date has a time of day.
  CHECK(looks_like_mailbox(
      as_span("From sato@example.jp Mon Dec  1 09:00:00 2025\n" + kPlainMail)));
  CHECK_FALSE(looks_like_mailbox(
      as_span("From the desk of the director\n" + kPlainMail)));
  CHECK_FALSE(looks_like_mailbox(as_span("From  Mon 09:00:00\n" + kPlainMail)));
}

TEST_CASE("MailboxMembers: each message in order, its bytes in place") {
  const std::string box = mailbox({kPlainMail, japanese_mail(),
                                   mail_with_attachment(docx(), kPercentName)});
  MemberHarness h;
  MailboxMembers source(as_span(box), h.context);
  Drained d = drain(source, {"Sent"});
  REQUIRE(d.opened);
  REQUIRE(d.members.size() == 3);
  CHECK(d.members[0].name == "message-1.eml");
  CHECK(d.members[2].name == "message-3.eml");
  // Each member is its message: the From line left out, the quoted body
  // line kept as it is stored.
  CHECK(d.members[0].data.starts_with("From: a@example.com\r\n"));
  CHECK(d.members[0].data.find(">From the canteen") != std::string::npos);
  CHECK(d.members[0].data.find("From - Mon") == std::string::npos);
  CHECK(d.members[1].data.starts_with("Return-Path: <sato@example.jp>"));
  CHECK(d.members[2].data.find("--XYZ--") != std::string::npos);
  CHECK(d.record.document);
}

TEST_CASE(
    "mail end to end: a keyword in the attachment of the third message of "
    "a mailbox, and in the subject of the second") {
  Fixture f;
  Diagnostics diag;
  const Results r =
      f.scan_file("Sent",
                  mailbox({kPlainMail, japanese_mail(),
                           mail_with_attachment(docx(), kPercentName)}),
                  diag);
  CHECK(diag.size() == 0);
  CHECK(keyword_hits(r) ==
        std::vector<Location>{
            {"message-2.eml", "headers.txt"},
            {"message-2.eml", "part-1.txt"},
            {"message-3.eml", kAttachmentName, "word/document.xml"}});
}
