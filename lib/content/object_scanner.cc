#include "content/object_scanner.h"

#include "common/sha256.h"
#include "common/text.h"
#include "content/evidence_file.h"
#include "content/format_sniffer.h"
#include "content/gzip_inflate.h"
#include "content/ole_streams.h"
#include "content/pdf_streams.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string_view>

namespace mamori::content {
namespace {

// Files up to this size are read into memory; larger ones are mapped, as
// yara does: no copy through the kernel. (A mapped file truncated by
// another process during its scan raises SIGBUS, as it does in yara.)
constexpr uint64_t kReadLimit = 64ull << 10;
// Below this many expanded bytes the ratio limit does not apply: small,
// highly repetitive files legitimately compress more than 1000x.
constexpr uint64_t kRatioFloor = 1ull << 20;

std::string sha256_of(std::span<const std::byte> data) {
  Sha256 hash;
  hash.update(data.data(), data.size());
  return hash.hex_digest();
}

uint64_t ratio_cap(double ratio, size_t size) {
  double cap = ratio * static_cast<double>(std::max<size_t>(size, 1));
  if (!(cap < 1.8e19))
    return std::numeric_limits<uint64_t>::max();
  return std::max(static_cast<uint64_t>(cap), kRatioFloor);
}

bool starts_with(std::span<const std::byte> data, std::string_view prefix) {
  if (data.size() < prefix.size())
    return false;
  return std::string_view(reinterpret_cast<const char*>(data.data()),
                          prefix.size()) == prefix;
}

}  // namespace

std::string decompressed_name(const std::string& container) {
  std::string_view name = container;
  if (auto slash = name.rfind('/'); slash != std::string_view::npos) {
    name.remove_prefix(slash + 1);
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11>
      kSuffixes{{{".tgz", ".tar"},
                 {".tbz2", ".tar"},
                 {".txz", ".tar"},
                 {".gz", ""},
                 {".bz2", ""},
                 {".xz", ""},
                 {".zst", ""},
                 {".lz4", ""},
                 {".lz", ""},
                 {".lzma", ""},
                 {".Z", ""}}};
  for (const auto& [suffix, replacement] : kSuffixes) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      std::string out(name.substr(0, name.size() - suffix.size()));
      return out.append(replacement);
    }
  }
  return "data";
}

ObjectScanner::ObjectScanner(rules::Scanner& scanner,
                             const assets::Register& reg, const Limits& limits,
                             Diagnostics& diag, WorkerOutput& out)
    : scanner_(scanner),
      reg_(reg),
      limits_(limits),
      diag_(diag),
      out_(out),
      hash_everything_(std::any_of(
          reg.assets().begin(), reg.assets().end(),
          [](const assets::Asset& a) { return !a.hashes.empty(); })) {}

void ObjectScanner::scan_file(const WalkedFile& file) {
  EvidenceFile evidence;
  std::string error;
  if (!evidence.open(file.path, file.follow_link,
                     std::min(kReadLimit, limits_.max_member_size),
                     file_buffer_, error)) {
    error_in("unreadable", {file.path.string()}, "cannot read: {}", error);
    return;
  }
  scan_bytes(evidence.bytes(), file.path.string());
}

void ObjectScanner::scan_bytes(std::span<const std::byte> data,
                               const std::string& name) {
  ++out_.stats.files_scanned;
  out_.stats.bytes_scanned += data.size();
  file_expanded_ = 0;
  file_exhausted_ = false;
  memory_left_ = limits_.max_member_size;
  Location location{name};
  scan_object(data, {}, location);
}

void ObjectScanner::scan_object(std::span<const std::byte> data,
                                std::string sha256, Location& location,
                                const std::string* text) {
  Sniffed sniffed = sniff_container(data);
  // Hashed from the same bytes, but only when the hash is used: a declared
  // hash may match, a container is recorded, or (below) a rule matched.
  if (sha256.empty() &&
      (hash_everything_ || sniffed.kind != ContainerKind::kNone)) {
    sha256 = sha256_of(data);
  }
  bool opened = false;
  uint64_t notices_before = notices_;
  switch (sniffed.kind) {
    case ContainerKind::kArchive:
    case ContainerKind::kCompressed:
      opened = expand_archive(data, sha256, location, sniffed);
      break;
    case ContainerKind::kPdf:
      opened = expand_pdf(data, sha256, location);
      break;
    case ContainerKind::kOle:
      opened = expand_ole(data, sha256, location);
      break;
    case ContainerKind::kNone:
      break;
  }
  // An archive whose every member was examined is not matched again as one
  // blob of (mostly compressed) bytes: that would only repeat its members'
  // hits. One that was not fully read is, as yara would match it. A PDF or
  // OLE file always is, as is a zip appended to another file: their parts
  // do not cover all their bytes.
  bool fully_examined = opened && notices_ == notices_before &&
                        sniffed.certain &&
                        (sniffed.kind == ContainerKind::kArchive ||
                         sniffed.kind == ContainerKind::kCompressed);
  std::vector<RuleHit> rules;
  if (!fully_examined)
    rules = match_object(data, location, text);
  if (sha256.empty() && !rules.empty())
    sha256 = sha256_of(data);
  record_hit(location, sha256, data.size(), std::move(rules), opened);
}

std::vector<RuleHit> ObjectScanner::match_object(
    std::span<const std::byte> data, const Location& location,
    const std::string* text) {
  std::vector<RuleHit> rules = match_rules(data, location);
  std::string own_text;
  if (text == nullptr && starts_with(data, "\xFF\xFE")) {  // UTF-16LE BOM
    own_text = utf16_text(data.subspan(2));
    text = &own_text;
  }
  if (text != nullptr && !text->empty()) {
    for (RuleHit& hit :
         match_rules(std::as_bytes(std::span(*text)), location)) {
      bool known =
          std::any_of(rules.begin(), rules.end(),
                      [&](const RuleHit& h) { return h.rule == hit.rule; });
      if (!known)
        rules.push_back(std::move(hit));
    }
  }
  return rules;
}

std::vector<RuleHit> ObjectScanner::match_rules(std::span<const std::byte> data,
                                                const Location& location) {
  rules::ScanResult result = scanner_.scan(data);
  if (result.timed_out) {
    warn_in("rule_timeout", location,
            "rule matching timed out after {} s; matches are partial",
            limits_.rule_timeout_seconds);
  }
  if (result.unreadable) {
    error_in("unreadable", location,
             "the file shrank while it was read (truncated by another "
             "program?); matches are partial");
  }
  if (!result.error.empty()) {
    error_in("rule_error", location, "rule matching failed: {}", result.error);
  }
  std::vector<RuleHit> hits;
  hits.reserve(result.matches.size());
  for (const rules::RuleInfo* rule : result.matches) {
    hits.push_back(
        {rule->name, rule->assets, rule->severity, rule->description});
  }
  return hits;
}

void ObjectScanner::record_hit(const Location& location,
                               const std::string& sha256, uint64_t size,
                               std::vector<RuleHit> rules, bool container) {
  std::vector<std::string> hash_assets;
  if (hash_everything_) {
    for (const assets::Asset* asset : reg_.match_hash(sha256)) {
      hash_assets.push_back(asset->id);
    }
  }
  if (rules.empty() && hash_assets.empty())
    return;
  std::sort(hash_assets.begin(), hash_assets.end());
  hash_assets.erase(std::unique(hash_assets.begin(), hash_assets.end()),
                    hash_assets.end());
  std::sort(rules.begin(), rules.end(),
            [](const RuleHit& a, const RuleHit& b) { return a.rule < b.rule; });
  out_.hits.push_back({location, sha256, size, std::move(rules),
                       std::move(hash_assets), container});
}

bool ObjectScanner::can_open_container(const Location& location) {
  if (file_exhausted_)
    return false;  // limit_expanded already reported
  auto depth = static_cast<int>(location.size()) - 1;
  if (depth < limits_.max_depth)
    return true;
  warn_in("limit_depth", location,
          "archive nested deeper than {} levels; not opened",
          limits_.max_depth);
  return false;
}

bool ObjectScanner::expand_archive(std::span<const std::byte> data,
                                   const std::string& sha256,
                                   Location& location, const Sniffed& sniffed) {
  if (!can_open_container(location))
    return false;
  // A gzip stream that fits the memory allowed is inflated at once (much
  // faster than libarchive's streaming zlib); libarchive then reads the
  // inflated bytes as it would have read the stream: a tar, or one file.
  std::optional<std::vector<std::byte>> inflated;
  if (sniffed.kind == ContainerKind::kCompressed) {
    inflated = inflate_gzip(
        data, std::min({limits_.max_member_size, memory_left_,
                        ratio_cap(limits_.max_ratio, data.size())}));
  }
  const uint64_t held = inflated ? inflated->size() : 0;
  memory_left_ -= held;
  struct Restore {
    uint64_t& left;
    uint64_t held;
    ~Restore() { left += held; }
  } restore{memory_left_, held};
  unpack::ArchiveReader reader(
      inflated ? std::span<const std::byte>(*inflated) : data,
      {unpack::Formats::kEvidence, sniffed.kind == ContainerKind::kCompressed});
  ArchiveInfo info;
  info.location = location;
  info.sha256 = sha256;
  info.size = data.size();
  ArchiveBudget budget{0, ratio_cap(limits_.max_ratio, data.size())};
  std::vector<std::byte> buffer;
  bool any_header = false;
  bool document = false;
  bool member_failed = false;  // its error already explains a fatal next()
  while (true) {
    std::string error;
    unpack::ArchiveReader::Next next = reader.next(error);
    if (next == unpack::ArchiveReader::Next::kEnd) {
      if (!any_header && !sniffed.certain)
        return false;  // an empty archive behind a weak magic: none at all
      break;
    }
    if (next == unpack::ArchiveReader::Next::kFatal) {
      if (!any_header && !sniffed.certain)
        return false;  // not an archive
      if (reader.saw_encryption()) {
        info.encrypted = true;
      } else if (!member_failed) {
        error_in("corrupt_archive", location,
                 "corrupt or truncated archive after {} members: {}",
                 info.members, escape_for_display(error));
      }
      break;
    }
    any_header = true;
    if (!reader.is_regular())
      continue;
    std::string name = reader.is_single_file()
                           ? decompressed_name(location.back())
                           : reader.name();
    if (name == "[Content_Types].xml")
      document = true;
    location.push_back(std::move(name));
    After after = expand_member(reader, budget, info, buffer, location);
    if (location.back() == "mimetype" &&
        starts_with(buffer, "application/vnd.oasis.opendocument")) {
      document = true;
    }
    location.pop_back();
    if (after == After::kStop)
      break;
    member_failed = after == After::kFailed;
  }
  if (info.encrypted) {
    if (info.encrypted_members.empty()) {
      warn_in("encrypted", location,
              "encrypted archive; member names and contents cannot be "
              "read");
    } else {
      warn_in("encrypted", location,
              "{} of {} members are encrypted and were not examined",
              info.encrypted_members.size(), info.members);
    }
  }
  info.document = document;
  out_.archives.push_back(std::move(info));
  return true;
}

ObjectScanner::After ObjectScanner::expand_member(
    unpack::ArchiveReader& reader, ArchiveBudget& budget, ArchiveInfo& info,
    std::vector<std::byte>& buffer, Location& location) {
  ++info.members;
  ++out_.stats.archive_members;
  buffer.clear();
  if (reader.is_encrypted()) {
    info.encrypted = true;
    info.encrypted_members.push_back(location.back());
    return After::kNext;
  }
  Member member = read_member(reader, budget, buffer);
  if (member.status == ReadStatus::kComplete) {
    memory_left_ -= buffer.size();
    scan_object(buffer, member.sha256, location);
    memory_left_ += buffer.size();
    return file_exhausted_ ? After::kStop : After::kNext;
  }
  report_member_problem(member, reader, info, location);
  switch (member.status) {
    case ReadStatus::kTooLarge:
      return After::kNext;
    case ReadStatus::kError:
      return After::kFailed;
    default:
      return After::kStop;
  }
}

ObjectScanner::Member ObjectScanner::read_member(
    unpack::ArchiveReader& reader, ArchiveBudget& budget,
    std::vector<std::byte>& buffer) {
  Member member;
  uint64_t allowed = std::min(limits_.max_member_size, memory_left_);
  std::optional<uint64_t> declared = reader.declared_size();
  bool keep = !declared || *declared <= allowed;
  // Without declared hashes, a member too large to match is not read at
  // all: nothing could come of its bytes.
  if (!keep && !hash_everything_) {
    return {ReadStatus::kTooLarge, {}, *declared, {}};
  }
  if (keep && declared)
    buffer.reserve(static_cast<size_t>(*declared));
  Sha256 hash;
  std::span<const std::byte> block;
  while (true) {
    std::string error;
    unpack::ArchiveReader::Read read = reader.read_block(block, error);
    if (read == unpack::ArchiveReader::Read::kError) {
      return {ReadStatus::kError, {}, member.size, std::move(error)};
    }
    if (read == unpack::ArchiveReader::Read::kEnd)
      break;
    uint64_t count = block.size();
    member.size += count;
    budget.expanded += count;
    file_expanded_ += count;
    if (budget.expanded > budget.ratio_cap) {
      return {ReadStatus::kRatio, {}, member.size, {}};
    }
    if (file_expanded_ > limits_.max_expanded) {
      return {ReadStatus::kExpanded, {}, member.size, {}};
    }
    if (hash_everything_)
      hash.update(block.data(), block.size());
    if (keep && buffer.size() + count > allowed) {
      keep = false;
      std::vector<std::byte>().swap(buffer);  // give the memory back now
      if (!hash_everything_)
        return {ReadStatus::kTooLarge, {}, member.size, {}};
    }
    if (keep)
      buffer.insert(buffer.end(), block.begin(), block.end());
  }
  if (hash_everything_)
    member.sha256 = hash.hex_digest();
  member.status = keep ? ReadStatus::kComplete : ReadStatus::kTooLarge;
  return member;
}

void ObjectScanner::report_member_problem(const Member& member,
                                          unpack::ArchiveReader& reader,
                                          ArchiveInfo& info,
                                          const Location& location) {
  switch (member.status) {
    case ReadStatus::kComplete:
      break;
    case ReadStatus::kTooLarge:
      warn_in(
          "limit_member_size", location,
          "member of {}{} is over the {} limit (or the memory left "
          "by its containers); {}",
          member.sha256.empty() ? "at least " : "", human_bytes(member.size),
          human_bytes(limits_.max_member_size),
          member.sha256.empty() ? "not examined" : "hashed but not matched");
      if (!member.sha256.empty()) {
        record_hit(location, member.sha256, member.size, {}, false);
      }
      break;
    case ReadStatus::kError:
      if (reader.is_encrypted() || reader.saw_encryption()) {
        info.encrypted = true;
        info.encrypted_members.push_back(location.back());
      } else {
        error_in("corrupt_archive", location, "cannot read member: {}",
                 escape_for_display(member.error));
      }
      break;
    case ReadStatus::kRatio:
      warn_in("limit_ratio", location,
              "archive expands more than {}x its size; not examined "
              "further",
              limits_.max_ratio);
      break;
    case ReadStatus::kExpanded:
      report_expanded(location);
      break;
  }
}

void ObjectScanner::report_expanded(const Location& location) {
  file_exhausted_ = true;
  warn_in("limit_expanded", location,
          "more than {} expanded from {}; the rest is not examined",
          human_bytes(limits_.max_expanded),
          escape_for_display(location.front()));
}

bool ObjectScanner::scan_part(std::vector<std::byte>& buffer,
                              Location& location, const std::string* text) {
  file_expanded_ += buffer.size();
  if (file_expanded_ > limits_.max_expanded) {
    report_expanded(location);
    return false;
  }
  memory_left_ -= std::min<uint64_t>(memory_left_, buffer.size());
  scan_object(buffer, {}, location, text);
  memory_left_ += buffer.size();
  return !file_exhausted_;
}

bool ObjectScanner::expand_pdf(std::span<const std::byte> data,
                               const std::string& sha256, Location& location) {
  std::vector<PdfStream> streams = find_flate_streams(data);
  // Without compressed streams, the PDF's own bytes were all there is.
  if (streams.empty() || !can_open_container(location))
    return false;
  ArchiveInfo info;
  info.location = location;
  info.sha256 = sha256;
  info.size = data.size();
  info.document = true;
  uint64_t cap = ratio_cap(limits_.max_ratio, data.size());
  uint64_t expanded = 0;
  std::vector<std::byte> buffer;
  for (const PdfStream& stream : streams) {
    ++info.members;
    ++out_.stats.archive_members;
    location.push_back(stream.name);
    uint64_t allowed = std::min(limits_.max_member_size, memory_left_);
    uint64_t ratio_left = cap > expanded ? cap - expanded : 0;
    InflateStatus status =
        inflate_stream(stream.data, std::min(allowed, ratio_left), buffer);
    bool go_on = true;
    if (status == InflateStatus::kCorrupt) {
      warn_in("corrupt_archive", location,
              "PDF stream cannot be inflated; not examined");
    } else if (status == InflateStatus::kTooLarge) {
      ReadStatus why =
          ratio_left < allowed ? ReadStatus::kRatio : ReadStatus::kTooLarge;
      warn_in(why == ReadStatus::kRatio ? "limit_ratio" : "limit_member_size",
              location, "PDF stream inflates beyond {}; not examined",
              human_bytes(std::min(allowed, ratio_left)));
      go_on = why != ReadStatus::kRatio;
    } else {
      expanded += buffer.size();
      go_on = scan_part(buffer, location, nullptr);
    }
    location.pop_back();
    if (!go_on)
      break;
  }
  out_.archives.push_back(std::move(info));
  return true;
}

bool ObjectScanner::expand_ole(std::span<const std::byte> data,
                               const std::string& sha256, Location& location) {
  if (!can_open_container(location))
    return false;
  OleFile ole;
  std::string error;
  if (!ole.open(data, error)) {
    error_in("corrupt_archive", location, "{}", error);
    return false;
  }
  ArchiveInfo info;
  info.location = location;
  info.sha256 = sha256;
  info.size = data.size();
  info.document = true;
  std::vector<std::byte> buffer;
  for (const OleStream& stream : ole.streams()) {
    ++info.members;
    ++out_.stats.archive_members;
    location.push_back(stream.name);
    bool go_on = true;
    if (stream.size > std::min(limits_.max_member_size, memory_left_)) {
      warn_in("limit_member_size", location,
              "stream of {} is over the {} limit; not examined",
              human_bytes(stream.size), human_bytes(limits_.max_member_size));
    } else if (!ole.read(stream, buffer, error)) {
      error_in("corrupt_archive", location, "{}", error);
    } else {
      std::string text = utf16_text(buffer);
      go_on = scan_part(buffer, location, &text);
    }
    location.pop_back();
    if (!go_on)
      break;
  }
  out_.archives.push_back(std::move(info));
  return true;
}

}  // namespace mamori::content
