// Magic numbers come from the formats' own specifications (PKWARE APPNOTE,
// 7-Zip, RAR, POSIX ustar, ECMA-119, MS-CAB, MS-CFB, PDF 1.7...).
#include "content/format_sniffer.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <string_view>

namespace mamori::content {
namespace {

bool has_at(std::span<const std::byte> data, size_t offset,
            std::string_view magic) {
  return has_bytes_at(data, offset, magic);
}

bool is_archive(std::span<const std::byte> d) {
  using namespace std::string_view_literals;
  return has_at(d, 0, "PK\x03\x04"sv) ||  // zip
         has_at(d, 0, "PK\x05\x06"sv) ||  // empty zip
         has_at(d, 0, "PK\x07\x08"sv) ||  // spanned zip marker
         has_at(d, 0, "7z\xBC\xAF\x27\x1C"sv) ||
         has_at(d, 0, "Rar!\x1A\x07"sv) ||  // rar 1.5-4 and rar5
         has_at(d, 257, "ustar"sv) ||       // POSIX and GNU tar
         has_at(d, 0x8001, "CD001"sv) || has_at(d, 0x8801, "CD001"sv) ||
         has_at(d, 0x9001, "CD001"sv) ||    // iso9660 primary descriptor
         has_at(d, 0, "MSCF\0\0\0\0"sv) ||  // cab
         has_at(d, 0, "070707"sv) || has_at(d, 0, "070701"sv) ||
         has_at(d, 0, "070702"sv) ||     // cpio odc, newc, crc
         has_at(d, 0, "!<arch>\n"sv) ||  // ar
         has_at(d, 0, "xar!"sv);
}

bool is_weak_archive(std::span<const std::byte> d) {
  using namespace std::string_view_literals;
  return has_at(d, 0, "\xC7\x71"sv) ||
         has_at(d, 0, "\x71\xC7"sv) ||  // cpio binary, both byte orders
         (has_at(d, 2, "-lh"sv) && has_at(d, 6, "-"sv));  // lha
}

bool is_compressed(std::span<const std::byte> d) {
  using namespace std::string_view_literals;
  return has_at(d, 0, "\x1F\x8B"sv) ||  // gzip
         (has_at(d, 0, "BZh"sv) && d.size() > 3 &&
          std::to_integer<int>(d[3]) >= '1' &&
          std::to_integer<int>(d[3]) <= '9') ||  // bzip2
         has_at(d, 0,
                "\xFD"
                "7zXZ\0"sv) ||                  // xz
         has_at(d, 0, "\x28\xB5\x2F\xFD"sv) ||  // zstd
         has_at(d, 0, "\x04\x22\x4D\x18"sv) ||  // lz4
         has_at(d, 0, "LZIP"sv);                // lzip
}

// A zip appended to something else (a self-extracting program, a JPEG+ZIP
// polyglot hiding an archive behind a picture): its end-of-central-directory
// record sits in the last 64 KiB + 22 bytes, after at most a comment.
bool has_zip_end(std::span<const std::byte> d) {
  constexpr size_t kTail = 65535 + 22;
  const auto* base = reinterpret_cast<const unsigned char*>(d.data());
  size_t low = d.size() > kTail ? d.size() - kTail : 0;
  size_t end = d.size();
  // memrchr on the signature's last byte: fast on every file, since it is
  // done for each one.
  while (end > low + 3) {
    const void* hit = ::memrchr(base + low + 3, 0x06, end - low - 3);
    if (hit == nullptr)
      return false;
    size_t at =
        static_cast<size_t>(static_cast<const unsigned char*>(hit) - base);
    if (std::memcmp(base + at - 3, "PK\x05", 3) == 0)
      return true;
    end = at;
  }
  return false;
}

bool is_pdf(std::span<const std::byte> d) {
  // Readers accept the header anywhere in the first kilobyte.
  std::string_view head(reinterpret_cast<const char*>(d.data()),
                        std::min<size_t>(d.size(), 1024));
  return head.find("%PDF-") != std::string_view::npos;
}

// The fields a mail program writes, as it spells them (a capital first
// letter: "from:" in a YAML file is not a mail header). Those before
// kMailAnchors name a sender, a date or an identity.
constexpr size_t kMailAnchors = 6;
constexpr std::array<std::string_view, 16> kMailFields = {
    "from",        "date",         "message-id", "mime-version",
    "received",    "return-path",  "subject",    "to",
    "cc",          "reply-to",     "sender",     "delivered-to",
    "in-reply-to", "content-type", "x-mailer",   "references"};

// The index of `name` in kMailFields, or kMailFields.size().
size_t mail_field(std::string_view name) {
  if (name.empty() || name.front() < 'A' || name.front() > 'Z')
    return kMailFields.size();
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return static_cast<size_t>(
      std::find(kMailFields.begin(), kMailFields.end(), lower) -
      kMailFields.begin());
}

// The name of the header field `line` starts ("" when it is not one): RFC
// 5322's printable characters but the colon, then the colon.
std::string_view field_name(std::string_view line) {
  const size_t colon = line.substr(0, 77).find(':');
  if (colon == 0 || colon == std::string_view::npos)
    return {};
  for (char c : line.substr(0, colon)) {
    if (c <= ' ' || c > '~')
      return {};
  }
  return line.substr(0, colon);
}

}  // namespace

bool looks_like_mail(std::span<const std::byte> data) {
  // Header blocks of real mail stay well within this (a long Received
  // chain, DKIM signatures); a block not ended by then is not examined as
  // mail.
  constexpr size_t kHeadLimit = 256 << 10;
  std::string_view head(reinterpret_cast<const char*>(data.data()),
                        std::min(data.size(), kHeadLimit));
  std::array<bool, kMailFields.size()> seen{};
  bool first = true;
  while (!head.empty()) {
    const size_t end = head.find('\n');
    if (end == std::string_view::npos && data.size() > kHeadLimit)
      return false;  // cut by the limit, not ended by the data
    std::string_view line = head.substr(0, end);
    head.remove_prefix(end == std::string_view::npos ? head.size() : end + 1);
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    if (line.empty())
      break;  // the end of the header block
    if (line.front() == ' ' || line.front() == '\t') {
      if (first)
        return false;  // a continuation of nothing
      continue;
    }
    const std::string_view name = field_name(line);
    if (name.empty())
      return false;
    if (const size_t known = mail_field(name); known < kMailFields.size())
      seen[known] = true;
    first = false;
  }
  const auto count = std::count(seen.begin(), seen.end(), true);
  const bool anchored = std::find(seen.begin(), seen.begin() + kMailAnchors,
                                  true) != seen.begin() + kMailAnchors;
  return count >= 2 && anchored;
}

bool looks_like_mailbox(std::span<const std::byte> data) {
  // RFC 4155: "From ", the sender (one word: an address, "-" for
  // Thunderbird, MAILER-DAEMON), then the date in asctime form, as in
  // "From sato@example.jp Mon Dec  1 09:00:00 2025". A letter that begins
  // "From the desk of..." has no time of day there.
  constexpr size_t kMarkerLimit = 1024;
  if (!has_bytes_at(data, 0, "From "))
    return false;
  const std::string_view head(reinterpret_cast<const char*>(data.data()),
                              std::min(data.size(), kMarkerLimit));
  const size_t end = head.find('\n');
  if (end == std::string_view::npos)
    return false;
  const std::string_view marker = head.substr(5, end - 5);
  const size_t space = marker.find(' ');
  if (space == 0 || space == std::string_view::npos)
    return false;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const std::string_view date = marker.substr(space + 1);
  bool has_time = false;
  for (size_t i = 0; i + 8 <= date.size() && !has_time; ++i) {
    const std::string_view t = date.substr(i, 8);  // HH:MM:SS
    has_time = digit(t[0]) && digit(t[1]) && t[2] == ':' && digit(t[3]) &&
               digit(t[4]) && t[5] == ':' && digit(t[6]) && digit(t[7]);
  }
  return has_time && looks_like_mail(data.subspan(end + 1));
}

Sniffed sniff_container(std::span<const std::byte> data) {
  using namespace std::string_view_literals;
  if (is_archive(data))
    return {ContainerKind::kArchive, true};
  if (is_compressed(data))
    return {ContainerKind::kCompressed, true};
  if (has_at(data, 0, "\x1F\x9D"sv) ||  // compress (.Z)
      has_at(data, 0, "\x5D\0\0"sv)) {  // lzma alone, usual properties
    return {ContainerKind::kCompressed, false};
  }
  if (is_weak_archive(data))
    return {ContainerKind::kArchive, false};
  if (has_at(data, 0, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) {
    return {ContainerKind::kOle, true};
  }
  if (is_pdf(data))
    return {ContainerKind::kPdf, true};
  if (has_zip_end(data))
    return {ContainerKind::kArchive, false};
  if (looks_like_mailbox(data))
    return {ContainerKind::kMailbox, true};
  if (looks_like_mail(data))
    return {ContainerKind::kMail, true};
  return {};
}

bool has_bytes_at(std::span<const std::byte> data, size_t offset,
                  std::string_view magic) {
  if (data.size() < offset + magic.size())
    return false;
  return std::equal(magic.begin(), magic.end(), data.subspan(offset).begin(),
                    [](char m, std::byte d) {
                      return static_cast<unsigned char>(m) ==
                             std::to_integer<unsigned char>(d);
                    });
}

}  // namespace mamori::content
