// The frames and payloads of worker_protocol.h; each payload is a record
// in common/byte_codec.h's encoding, its fields in declaration order.
#include "content/worker_protocol.h"

#include "common/byte_codec.h"

namespace mamori::content {

std::string encode_frame(MessageKind kind, std::string_view payload) {
  std::string out;
  out.reserve(kFrameHeader + payload.size());
  out.push_back(static_cast<char>(kind));
  const auto size = static_cast<uint32_t>(payload.size());
  for (int i = 0; i < 4; ++i)
    out.push_back(static_cast<char>((size >> (8 * i)) & 0xff));
  out.append(payload);
  return out;
}

std::optional<Frame> FrameReader::next() {
  if (broken_)
    return std::nullopt;
  const std::string_view rest = std::string_view(buffer_).substr(start_);
  if (rest.size() < kFrameHeader)
    return std::nullopt;
  const auto kind = static_cast<uint8_t>(rest[0]);
  size_t size = 0;
  for (size_t i = 0; i < 4; ++i)
    size |= size_t{static_cast<unsigned char>(rest[1 + i])} << (8 * i);
  if (kind < static_cast<uint8_t>(MessageKind::kFile) ||
      kind > static_cast<uint8_t>(MessageKind::kProbe) || size > kMaxPayload) {
    broken_ = true;
    return std::nullopt;
  }
  if (rest.size() < kFrameHeader + size)
    return std::nullopt;
  Frame frame{static_cast<MessageKind>(kind),
              std::string(rest.substr(kFrameHeader, size))};
  start_ += kFrameHeader + size;
  if (start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  } else if (start_ > buffer_.size() / 2) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  return frame;
}

std::string encode_file(const WalkedFile& file) {
  ByteWriter out;
  out.text(file.path.native());
  out.u64(file.size);
  out.flag(file.follow_link);
  return out.take();
}

std::optional<WalkedFile> decode_file(std::string_view payload) {
  ByteReader in(payload);
  WalkedFile file;
  std::string path;
  const bool ok =
      in.text(path) && in.u64(file.size) && in.flag(file.follow_link);
  file.path = std::move(path);
  return read_whole(in, ok, std::move(file));
}

std::string encode_hit(const ObjectHit& hit) {
  ByteWriter out;
  out.texts(hit.location);
  out.text(hit.sha256);
  out.u64(hit.size);
  out.u64(hit.rules.size());
  for (const RuleHit& r : hit.rules) {
    out.text(r.rule);
    out.texts(r.assets);
    // 0: no severity; otherwise the severity's value plus one.
    out.u64(r.severity ? static_cast<uint64_t>(*r.severity) + 1 : 0);
    out.text(r.description);
    out.u64(r.strings.size());
    for (const StringMatch& m : r.strings) {
      out.text(m.id);
      out.text(m.keyword);
      out.text(m.encoding);
      out.u64(m.offset);
      out.u64(m.length);
      out.text(m.excerpt);
      out.text(m.layer);
    }
    out.u64(r.strings_omitted);
  }
  out.texts(hit.hash_assets);
  out.flag(hit.container);
  out.u64(hit.similar.size());
  for (const assets::Resemblance& r : hit.similar) {
    out.text(r.asset);
    out.text(r.file);
    out.text(r.part);
    out.text(r.layer);
    out.u64(static_cast<uint64_t>(r.score));
  }
  return out.take();
}

std::optional<ObjectHit> decode_hit(std::string_view payload) {
  ByteReader in(payload);
  ObjectHit hit;
  uint64_t rules = 0;
  bool ok = in.texts(hit.location) && in.text(hit.sha256) && in.u64(hit.size) &&
            in.u64(rules) && rules <= payload.size();
  for (uint64_t i = 0; ok && i < rules; ++i) {
    RuleHit r;
    uint64_t severity = 0;
    uint64_t strings = 0;
    ok = in.text(r.rule) && in.texts(r.assets) && in.u64(severity) &&
         severity <= static_cast<uint64_t>(Severity::kCritical) + 1 &&
         in.text(r.description) && in.u64(strings) && strings <= payload.size();
    if (severity > 0)
      r.severity = static_cast<Severity>(severity - 1);
    for (uint64_t k = 0; ok && k < strings; ++k) {
      StringMatch m;
      ok = in.text(m.id) && in.text(m.keyword) && in.text(m.encoding) &&
           in.u64(m.offset) && in.u64(m.length) && in.text(m.excerpt) &&
           in.text(m.layer);
      r.strings.push_back(std::move(m));
    }
    ok = ok && in.u64(r.strings_omitted);
    hit.rules.push_back(std::move(r));
  }
  ok = ok && in.texts(hit.hash_assets) && in.flag(hit.container);
  uint64_t similar = 0;
  ok = ok && in.u64(similar) && similar <= payload.size();
  for (uint64_t i = 0; ok && i < similar; ++i) {
    assets::Resemblance r;
    uint64_t score = 0;
    ok = in.text(r.asset) && in.text(r.file) && in.text(r.part) &&
         in.text(r.layer) && in.u64(score) && score <= 100;
    r.score = static_cast<int>(score);
    hit.similar.push_back(std::move(r));
  }
  return read_whole(in, ok, std::move(hit));
}

std::string encode_container(const ContainerRecord& record) {
  ByteWriter out;
  out.texts(record.location);
  out.text(record.sha256);
  out.u64(record.size);
  out.flag(record.document);
  out.u64(record.members);
  out.flag(record.encrypted);
  out.texts(record.encrypted_members);
  return out.take();
}

std::optional<ContainerRecord> decode_container(std::string_view payload) {
  ByteReader in(payload);
  ContainerRecord record;
  const bool ok = in.texts(record.location) && in.text(record.sha256) &&
                  in.u64(record.size) && in.flag(record.document) &&
                  in.u64(record.members) && in.flag(record.encrypted) &&
                  in.texts(record.encrypted_members);
  return read_whole(in, ok, std::move(record));
}

std::string encode_notice(const Notice& notice) {
  ByteWriter out;
  out.flag(notice.level == Level::kError);
  out.text(notice.code);
  out.texts(notice.location);
  out.text(notice.source);
  out.text(notice.message);
  return out.take();
}

std::optional<Notice> decode_notice(std::string_view payload) {
  ByteReader in(payload);
  Notice notice;
  bool error = false;
  const bool ok = in.flag(error) && in.text(notice.code) &&
                  in.texts(notice.location) && in.text(notice.source) &&
                  in.text(notice.message);
  notice.level = error ? Level::kError : Level::kWarning;
  return read_whole(in, ok, std::move(notice));
}

std::string encode_stats(const Stats& stats) {
  ByteWriter out;
  out.u64(stats.files_scanned);
  out.u64(stats.bytes_scanned);
  out.u64(stats.archive_members);
  return out.take();
}

std::optional<Stats> decode_stats(std::string_view payload) {
  ByteReader in(payload);
  Stats stats;
  const bool ok = in.u64(stats.files_scanned) && in.u64(stats.bytes_scanned) &&
                  in.u64(stats.archive_members);
  return read_whole(in, ok, stats);
}

}  // namespace mamori::content
