// See detection_memo.h. Each finding is one record, its fields in declaration
// order; an optional is a flag and, when set, its value.
#include "state/detection_memo.h"

#include "common/byte_codec.h"

#include <algorithm>

namespace mamori::state {
namespace {

// The memo's format. A memo of another version is not read; detection runs.
constexpr uint64_t kMemoVersion = 1;

// A field added to these records must be encoded below as well: the sizes
// remind whoever adds one (on the platform mamori is built for).
#if defined(__x86_64__) && defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG)
static_assert(sizeof(detect::Finding) == 728,
              "Finding changed: encode its new field in detection_memo.cc");
static_assert(sizeof(detect::LogEvidence) == 120);
static_assert(sizeof(detect::ContentEvidence) == 176);
static_assert(sizeof(detect::MatchEvidence) == 208);
static_assert(sizeof(detect::PersonContext) == 80);
static_assert(sizeof(logs::Device) == 168);
#endif

template <typename T, typename Put>
void put_optional(ByteWriter& out, const std::optional<T>& value, Put put) {
  out.flag(value.has_value());
  if (value)
    put(*value);
}

template <typename T, typename Get>
bool get_optional(ByteReader& in, std::optional<T>& value, Get get) {
  bool present = false;
  if (!in.flag(present))
    return false;
  if (!present) {
    value.reset();
    return true;
  }
  T v{};
  if (!get(v))
    return false;
  value = std::move(v);
  return true;
}

template <typename T, typename Get>
bool get_records(ByteReader& in, std::vector<T>& values, size_t min_size,
                 Get get) {
  uint64_t count = 0;
  if (!in.count_of(count, min_size))
    return false;
  values.resize(static_cast<size_t>(count));
  for (T& v : values) {
    if (!get(v))
      return false;
  }
  return true;
}

bool get_time(ByteReader& in, Timestamp& t) {
  int64_t us = 0;
  if (!in.i64(us))
    return false;
  t = Timestamp(std::chrono::microseconds(us));
  return true;
}

bool get_bounded(ByteReader& in, uint64_t& value, uint64_t max) {
  return in.u64(value) && value <= max;
}

void put_log_evidence(ByteWriter& out, const detect::LogEvidence& e) {
  out.text(e.source);
  out.i64(e.time.time_since_epoch().count());
  out.text(e.action);
  out.text(e.path);
  put_optional(out, e.bytes, [&](uint64_t v) { out.u64(v); });
}

bool get_log_evidence(ByteReader& in, detect::LogEvidence& e) {
  return in.text(e.source) && get_time(in, e.time) && in.text(e.action) &&
         in.text(e.path) &&
         get_optional(in, e.bytes, [&](uint64_t& v) { return in.u64(v); });
}

void put_match(ByteWriter& out, const detect::MatchEvidence& m) {
  out.text(m.rule);
  out.text(m.string);
  out.text(m.keyword);
  out.text(m.encoding);
  out.text(m.layer);
  out.u64(m.offset);
  out.u64(m.length);
  out.text(m.excerpt);
}

bool get_match(ByteReader& in, detect::MatchEvidence& m) {
  return in.text(m.rule) && in.text(m.string) && in.text(m.keyword) &&
         in.text(m.encoding) && in.text(m.layer) && in.u64(m.offset) &&
         in.u64(m.length) && in.text(m.excerpt);
}

void put_content_evidence(ByteWriter& out, const detect::ContentEvidence& e) {
  out.texts(e.location);
  out.text(e.detector);
  out.texts(e.assets);
  out.texts(e.rules);
  out.text(e.sha256);
  out.u64(e.size);
  out.u64(e.matches.size());
  for (const detect::MatchEvidence& m : e.matches)
    put_match(out, m);
  out.u64(e.matches_omitted);
}

bool get_content_evidence(ByteReader& in, detect::ContentEvidence& e) {
  return in.texts(e.location) && in.text(e.detector) && in.texts(e.assets) &&
         in.texts(e.rules) && in.text(e.sha256) && in.u64(e.size) &&
         get_records(
             in, e.matches, 64,
             [&](detect::MatchEvidence& m) { return get_match(in, m); }) &&
         in.u64(e.matches_omitted);
}

void put_device(ByteWriter& out, const logs::Device& d) {
  out.text(d.vendor_id);
  out.text(d.product_id);
  out.text(d.serial);
  out.text(d.label);
  out.text(d.bus);
  out.u64(static_cast<uint64_t>(d.storage));
}

bool get_device(ByteReader& in, logs::Device& d) {
  uint64_t storage = 0;
  const bool ok =
      in.text(d.vendor_id) && in.text(d.product_id) && in.text(d.serial) &&
      in.text(d.label) && in.text(d.bus) &&
      get_bounded(in, storage, static_cast<uint64_t>(logs::Storage::kNone));
  d.storage = static_cast<logs::Storage>(storage);
  return ok;
}

void put_context(ByteWriter& out, const detect::PersonContext& c) {
  out.text(c.employment);
  out.text(c.department);
  put_optional(out, c.end_date,
               [&](Days d) { out.i64(d.time_since_epoch().count()); });
  put_optional(out, c.days_to_end, [&](int d) { out.i64(d); });
}

bool get_context(ByteReader& in, detect::PersonContext& c) {
  return in.text(c.employment) && in.text(c.department) &&
         get_optional(in, c.end_date,
                      [&](Days& d) {
                        int64_t n = 0;
                        if (!in.i64(n))
                          return false;
                        d = Days(date::days(n));
                        return true;
                      }) &&
         get_optional(in, c.days_to_end, [&](int& d) {
           int64_t n = 0;
           if (!in.i64(n) || n < INT32_MIN || n > INT32_MAX)
             return false;
           d = static_cast<int>(n);
           return true;
         });
}

void put_finding(ByteWriter& out, const detect::Finding& f) {
  out.text(f.id);
  out.text(f.detector);
  out.u64(static_cast<uint64_t>(f.severity));
  out.i64(f.score);
  out.text(f.title);
  out.texts(f.reasons);
  out.texts(f.assets);
  out.text(f.user);
  out.texts(f.rules);
  out.texts(f.location);
  out.text(f.sha256);
  const auto put_u64 = [&](uint64_t v) { out.u64(v); };
  const auto put_time = [&](Timestamp t) {
    out.i64(t.time_since_epoch().count());
  };
  put_optional(out, f.size, put_u64);
  put_optional(out, f.start, put_time);
  put_optional(out, f.end, put_time);
  put_optional(out, f.files, put_u64);
  put_optional(out, f.bytes, put_u64);
  put_optional(out, f.device,
               [&](const logs::Device& d) { put_device(out, d); });
  put_optional(out, f.context,
               [&](const detect::PersonContext& c) { put_context(out, c); });
  out.texts(f.steps);
  out.u64(f.log_evidence.size());
  for (const detect::LogEvidence& e : f.log_evidence)
    put_log_evidence(out, e);
  out.u64(f.content_evidence.size());
  for (const detect::ContentEvidence& e : f.content_evidence)
    put_content_evidence(out, e);
  out.u64(f.evidence_total);
  put_optional(out, f.is_new, [&](bool v) { out.flag(v); });
  out.text(f.first_seen);
}

bool get_finding(ByteReader& in, detect::Finding& f) {
  uint64_t severity = 0;
  int64_t score = 0;
  uint64_t evidence_total = 0;
  const auto get_u64 = [&](uint64_t& v) { return in.u64(v); };
  const auto get_t = [&](Timestamp& t) { return get_time(in, t); };
  const bool ok =
      in.text(f.id) && in.text(f.detector) &&
      get_bounded(in, severity, static_cast<uint64_t>(Severity::kCritical)) &&
      in.i64(score) && score >= 0 && score <= 100 && in.text(f.title) &&
      in.texts(f.reasons) && in.texts(f.assets) && in.text(f.user) &&
      in.texts(f.rules) && in.texts(f.location) && in.text(f.sha256) &&
      get_optional(in, f.size, get_u64) && get_optional(in, f.start, get_t) &&
      get_optional(in, f.end, get_t) && get_optional(in, f.files, get_u64) &&
      get_optional(in, f.bytes, get_u64) &&
      get_optional(in, f.device,
                   [&](logs::Device& d) { return get_device(in, d); }) &&
      get_optional(
          in, f.context,
          [&](detect::PersonContext& c) { return get_context(in, c); }) &&
      in.texts(f.steps) &&
      get_records(
          in, f.log_evidence, 33,
          [&](detect::LogEvidence& e) { return get_log_evidence(in, e); }) &&
      get_records(in, f.content_evidence, 64,
                  [&](detect::ContentEvidence& e) {
                    return get_content_evidence(in, e);
                  }) &&
      in.u64(evidence_total) &&
      get_optional(in, f.is_new, [&](bool& v) { return in.flag(v); }) &&
      in.text(f.first_seen);
  f.severity = static_cast<Severity>(severity);
  f.score = static_cast<int>(score);
  f.evidence_total = static_cast<size_t>(evidence_total);
  return ok;
}

}  // namespace

std::string encode_finding(const detect::Finding& finding) {
  ByteWriter out;
  out.u64(kMemoVersion);
  put_finding(out, finding);
  return out.take();
}

std::optional<detect::Finding> decode_finding(std::string_view bytes) {
  ByteReader in(bytes);
  uint64_t version = 0;
  detect::Finding finding;
  const bool ok =
      in.u64(version) && version == kMemoVersion && get_finding(in, finding);
  return read_whole(in, ok, std::move(finding));
}

std::optional<std::vector<detect::Finding>> load_detection_memo(
    Database& db, std::string_view key) {
  Statement head(db, "SELECT findings FROM detection_memo WHERE key = ?");
  head.bind(1, key);
  if (!head.step())
    return std::nullopt;
  const int64_t count = head.column_int(0);
  std::vector<detect::Finding> findings;
  findings.reserve(static_cast<size_t>(std::clamp<int64_t>(count, 0, 4096)));
  // Each record is small enough to sit in its table page, and is decoded
  // from the mapping in place.
  Statement rows(db, "SELECT finding FROM memo_finding ORDER BY seq");
  while (rows.step()) {
    std::optional<detect::Finding> f = decode_finding(rows.column_view(0));
    if (!f)
      return std::nullopt;
    findings.push_back(std::move(*f));
  }
  if (static_cast<int64_t>(findings.size()) != count)
    return std::nullopt;  // a memo cut short or grown is none
  return findings;
}

void save_detection_memo(Database& db, std::string_view key,
                         const std::vector<detect::Finding>& findings) {
  forget_detection_memo(db);
  Statement(db,
            "INSERT INTO detection_memo (id, key, findings) VALUES (1, ?, ?)")
      .bind(1, key)
      .bind(2, static_cast<int64_t>(findings.size()))
      .run();
  Statement insert(db,
                   "INSERT INTO memo_finding (seq, finding) VALUES "
                   "(?, ?)");
  int64_t seq = 0;
  for (const detect::Finding& f : findings) {
    insert.bind(1, seq++).bind_blob(2, encode_finding(f)).run();
  }
}

void forget_detection_memo(Database& db) {
  db.exec("DELETE FROM detection_memo");
  db.exec("DELETE FROM memo_finding");
}

}  // namespace mamori::state
