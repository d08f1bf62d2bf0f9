// ArchiveMembers: libarchive through unpack::ArchiveReader, with the gzip
// fast path (gzip_inflate.h) in front of it.
#include "content/archive_members.h"

#include "common/sha256.h"
#include "common/text.h"
#include "content/gzip_inflate.h"
#include "content/pdf_streams.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace mamori::content {

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

ArchiveMembers::ArchiveMembers(std::span<const std::byte> data,
                               const Sniffed& sniffed,
                               ExpansionContext& context)
    : data_(data), sniffed_(sniffed), context_(context) {}

bool ArchiveMembers::open(const Location& /*location*/) {
  ratio_cap_ = context_.ratio_cap(data_.size());
  const bool compressed = sniffed_.kind == ContainerKind::kCompressed;
  // A gzip stream that fits the memory allowed is inflated at once (much
  // faster than libarchive's streaming zlib); libarchive then reads the
  // inflated bytes as it would have read the stream: a tar, or one file.
  if (compressed) {
    inflated_ =
        inflate_gzip(data_, std::min({context_.member_allowance(), ratio_cap_,
                                      context_.expansion_left()}));
  }
  inflated_lease_.emplace(context_.memory, inflated_ ? inflated_->size() : 0);
  open_reader(/*tar=*/true);
  archive_from_ = consumed_input();
  return true;
}

void ArchiveMembers::open_reader(bool tar) {
  const bool compressed = sniffed_.kind == ContainerKind::kCompressed;
  unpack::ReaderOptions options{unpack::Formats::kEvidence,
                                /*single_file=*/compressed};
  options.tar = tar;
  reader_.emplace(inflated_ ? std::span<const std::byte>(*inflated_) : data_,
                  options);
}

MemberSource::Header ArchiveMembers::next(ContainerRecord& record,
                                          std::string& name) {
  while (true) {
    std::string error;
    const unpack::ArchiveReader::Next next = reader_->next(error);
    if (next == unpack::ArchiveReader::Next::kEnd) {
      if (!any_header_ && sniffed_.kind == ContainerKind::kCompressed &&
          !tar_refused_) {
        // libarchive takes data that starts with a block of 512 NUL bytes
        // for an empty tar, checking no header: a compressed disk image
        // or dump would be examined as nothing. Read it again as one file.
        tar_refused_ = true;
        open_reader(/*tar=*/false);
        continue;
      }
      // An empty archive behind a weak magic: none at all.
      return !any_header_ && !sniffed_.certain ? Header::kNotContainer
                                               : Header::kEnd;
    }
    if (next == unpack::ArchiveReader::Next::kFatal) {
      if (!any_header_ && !sniffed_.certain)
        return Header::kNotContainer;  // not an archive
      if (reader_->saw_encryption()) {
        record.encrypted = true;
      } else if (!member_failed_) {
        context_.notices.error_in(
            "corrupt_archive", record.location,
            "corrupt or truncated archive after {} members: {}", record.members,
            escape_for_display(error));
      }
      return Header::kEnd;
    }
    any_header_ = true;
    if (!carries_data())
      continue;
    name = reader_->is_single_file() ? decompressed_name(record.location.back())
                                     : reader_->name();
    if (name.empty())  // a 7z member stored from standard input, say
      name = fmt::format("(member {})", record.members + 1);
    if (name == "[Content_Types].xml")
      document_ = true;
    return Header::kMember;
  }
}

MemberStep ArchiveMembers::read(const Location& location,
                                ContainerRecord& record, MemberData& member) {
  buffer_.clear();
  MemberStep step = MemberStep::kNext;
  if (reader_->is_encrypted()) {
    record.encrypted = true;
    record.encrypted_members.push_back(location.back());
    member_failed_ = false;
  } else if (inflated_ && inflated_lease_ && reader_->is_plain()) {
    // The one member of a gzip inflated whole: its bytes are the inflated
    // buffer, held once (the lease moves to the loop), not copied again.
    std::span<const std::byte> bytes;
    Outcome outcome = take_in_memory(*inflated_, bytes);
    inflated_lease_.reset();
    step = report(outcome, location, record, member);
    if (step == MemberStep::kMatch)
      member.bytes = bytes;
  } else if (reader_->is_symlink()) {
    // libarchive gives a zip link's stored data as its target.
    link_target_ = reader_->symlink_target();
    std::span<const std::byte> bytes;
    Outcome outcome =
        take_in_memory(std::as_bytes(std::span(link_target_)), bytes);
    step = report(outcome, location, record, member);
    if (step == MemberStep::kMatch)
      member.bytes = bytes;
  } else {
    Outcome outcome = read_member();
    member_failed_ = outcome.status == Status::kError;
    const std::optional<uint64_t> declared = reader_->declared_size();
    if (outcome.status == Status::kComplete && outcome.size == 0 &&
        !reader_->is_regular() && declared && *declared > 0) {
      // libarchive hands out no data for a zip member whose mode says
      // device, directory or socket, though unzip extracts it as a file.
      context_.notices.warn_in(
          "special_member", location,
          "member of {} whose mode is not a regular file's; its data could "
          "not be read and was not examined",
          human_bytes(*declared));
      return MemberStep::kNext;
    }
    step = report(outcome, location, record, member);
  }
  // ODF names itself in a first member "mimetype".
  if (location.back() == "mimetype" &&
      has_bytes_at(buffer_, 0, "application/vnd.oasis.opendocument")) {
    document_ = true;
  }
  return step;
}

bool ArchiveMembers::carries_data() const {
  if (reader_->is_regular())
    return true;
  const std::optional<uint64_t> declared = reader_->declared_size();
  // A zip link's data is its target (in zip, and only there, the member's
  // stored bytes): a hostile zip labels a file a link to hide it.
  if (reader_->is_symlink())
    return reader_->format_name().find("ZIP") != std::string::npos &&
           !reader_->symlink_target().empty();
  // A device, fifo or socket entry that says it holds data (as a zip's
  // mode bits or a 7z member stored from standard input do) is read like
  // a file; one that holds none has nothing to examine. So is a zip
  // directory with data (unzip extracts it as a file); other formats give
  // a directory the size of its own listing (iso9660).
  if (reader_->is_directory() &&
      reader_->format_name().find("ZIP") == std::string::npos)
    return false;
  return !declared || *declared > 0;
}

ArchiveMembers::Outcome ArchiveMembers::take_in_memory(
    std::span<const std::byte> bytes, std::span<const std::byte>& out) {
  const uint64_t count = bytes.size();
  expanded_ += count;
  const bool within_file = context_.count_expanded(count);
  if (expanded_ > ratio_cap_)
    return {Status::kRatio, {}, count, {}};
  if (!within_file)
    return {Status::kExpanded, {}, count, {}};
  if (count > context_.member_allowance() + (inflated_lease_ ? count : 0))
    return {Status::kTooLarge, {}, count, {}};
  Outcome outcome;
  outcome.size = count;
  if (context_.hash_everything) {
    Sha256 hash;
    hash.update(bytes.data(), bytes.size());
    outcome.sha256 = hash.hex_digest();
  }
  out = bytes;
  return outcome;
}

ArchiveMembers::Outcome ArchiveMembers::read_member() {
  Outcome outcome;
  const bool hash_everything = context_.hash_everything;
  const uint64_t allowed = context_.member_allowance();
  const std::optional<uint64_t> declared = reader_->declared_size();
  bool keep = !declared || *declared <= allowed;
  // Without declared hashes, a member too large to match is not read at
  // all: nothing could come of its bytes.
  if (!keep && !hash_everything)
    return {Status::kTooLarge, {}, *declared, {}};
  if (keep && declared)
    buffer_.reserve(static_cast<size_t>(*declared));
  Sha256 hash;
  std::span<const std::byte> block;
  uint64_t member_from = consumed_input();
  while (true) {
    std::string error;
    const unpack::ArchiveReader::Read read = reader_->read_block(block, error);
    // The ratios are judged before the block just read is counted: a
    // format that hands out stored data (a tar, a stored zip member) from
    // memory gives a member in one block and consumes it only when asked
    // for the next.
    const uint64_t consumed_now = consumed_input();
    member_from = std::min(member_from, consumed_now);  // it seeked back
    archive_from_ = std::min(archive_from_, consumed_now);
    if (member_over_ratio(outcome.size, consumed_now - member_from))
      return {Status::kMemberRatio, {}, outcome.size, {}};
    // All its members together, against all it consumed: zeros in a
    // compressed tar, which no single member shows when the filter reads
    // ahead.
    if (expanded_ > kRatioFloor &&
        over_ratio(expanded_, consumed_now - archive_from_)) {
      return {Status::kRatio, {}, outcome.size, {}};
    }
    if (read == unpack::ArchiveReader::Read::kError)
      return {Status::kError, {}, outcome.size, std::move(error)};
    if (read == unpack::ArchiveReader::Read::kEnd) {
      if (reader_->compresses_members_alone() &&
          over_ratio(outcome.size, consumed_now - member_from)) {
        over_ratio_bytes_ += outcome.size;
      }
      break;
    }
    const uint64_t count = block.size();
    outcome.size += count;
    expanded_ += count;
    const bool within_file = context_.count_expanded(count);
    if (expanded_ > ratio_cap_)
      return {Status::kRatio, {}, outcome.size, {}};
    if (!within_file)
      return {Status::kExpanded, {}, outcome.size, {}};
    if (hash_everything)
      hash.update(block.data(), block.size());
    if (keep && buffer_.size() + count > allowed) {
      keep = false;
      std::vector<std::byte>().swap(buffer_);  // give the memory back now
      if (!hash_everything)
        return {Status::kTooLarge, {}, outcome.size, {}};
    }
    if (keep)
      buffer_.insert(buffer_.end(), block.begin(), block.end());
  }
  if (hash_everything)
    outcome.sha256 = hash.hex_digest();
  outcome.status = keep ? Status::kComplete : Status::kTooLarge;
  return outcome;
}

bool ArchiveMembers::over_ratio(uint64_t size, uint64_t consumed) const {
  return static_cast<double>(size) >
         context_.limits.max_ratio *
             static_cast<double>(std::max<uint64_t>(consumed, 1));
}

bool ArchiveMembers::member_over_ratio(uint64_t size, uint64_t consumed) const {
  // Only where each member is compressed alone: in a solid or compressed
  // stream (7z, tar.xz) a member's bytes may be consumed with another's, and
  // a copy of an earlier member legitimately costs almost nothing.
  if (!reader_->compresses_members_alone() || !over_ratio(size, consumed))
    return false;
  return over_ratio_bytes_ + size > kRatioFloor;
}

uint64_t ArchiveMembers::consumed_input() const {
  const uint64_t consumed = reader_->bytes_consumed();
  if (!inflated_ || inflated_->empty())
    return consumed;
  // A gzip inflated whole: its consumed bytes, in proportion.
  return static_cast<uint64_t>(static_cast<double>(consumed) *
                               static_cast<double>(data_.size()) /
                               static_cast<double>(inflated_->size()));
}

MemberStep ArchiveMembers::report(const Outcome& outcome,
                                  const Location& location,
                                  ContainerRecord& record, MemberData& member) {
  Notices& notices = context_.notices;
  switch (outcome.status) {
    case Status::kComplete:
      member.bytes = buffer_;
      member.sha256 = outcome.sha256;
      return MemberStep::kMatch;
    case Status::kTooLarge:
      notices.warn_in(
          "limit_member_size", location,
          "member of {}{} is over the {} limit (or the memory left "
          "by its containers); {}",
          outcome.sha256.empty() ? "at least " : "", human_bytes(outcome.size),
          human_bytes(context_.limits.max_member_size),
          outcome.sha256.empty() ? "not examined" : "hashed but not matched");
      if (outcome.sha256.empty())
        return MemberStep::kNext;
      member.sha256 = outcome.sha256;
      member.size = outcome.size;
      return MemberStep::kHashOnly;
    case Status::kError:
      if (reader_->is_encrypted() || reader_->saw_encryption()) {
        record.encrypted = true;
        record.encrypted_members.push_back(location.back());
      } else {
        notices.error_in("corrupt_archive", location, "cannot read member: {}",
                         escape_for_display(outcome.error));
      }
      return MemberStep::kNext;
    case Status::kRatio:
      notices.warn_in("limit_ratio", location,
                      "archive expands more than {}x its size; not examined "
                      "further",
                      context_.limits.max_ratio);
      return MemberStep::kStop;
    case Status::kMemberRatio:
      notices.warn_in("limit_ratio", location,
                      "member expands more than {}x its compressed size; the "
                      "archive is not examined further",
                      context_.limits.max_ratio);
      // Not kNext: skipping the rest of the member would inflate it all
      // (a tar.gz has no way around its members' data).
      return MemberStep::kStop;
    case Status::kExpanded:
      return MemberStep::kExpanded;
  }
  return MemberStep::kStop;
}

void ArchiveMembers::finish(const Location& location, ContainerRecord& record) {
  if (record.encrypted) {
    if (record.encrypted_members.empty()) {
      context_.notices.warn_in(
          "encrypted", location,
          "encrypted archive; member names and contents cannot be read");
    } else {
      context_.notices.warn_in(
          "encrypted", location,
          "{} of {} members are encrypted and were not examined",
          record.encrypted_members.size(), record.members);
    }
  }
  record.document = document_;
}

}  // namespace mamori::content
