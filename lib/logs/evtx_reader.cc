// libevtx record iteration. Only records whose event id is of interest are
// rendered to XML (the costly step); the others are counted and skipped.
#include "logs/evtx_reader.h"

#include <libevtx.h>

#include <algorithm>
#include <fstream>
#include <vector>

#include "common/handle.h"
#include "logs/win_xml.h"
#include "logs/windows_events.h"

namespace mamori::logs {

namespace {

void free_error(libevtx_error_t* e) { libevtx_error_free(&e); }
void free_file(libevtx_file_t* f) {
  libevtx_file_close(f, nullptr);
  libevtx_file_free(&f, nullptr);
}
void free_record(libevtx_record_t* r) { libevtx_record_free(&r, nullptr); }

using ErrorHandle = CHandle<libevtx_error_t, free_error>;
using FileHandle = CHandle<libevtx_file_t, free_file>;
using RecordHandle = CHandle<libevtx_record_t, free_record>;

std::string error_text(libevtx_error_t* error) {
  char buffer[512] = {};
  if (error == nullptr || libevtx_error_sprint(error, buffer, sizeof buffer) < 0) {
    return "libevtx error";
  }
  std::string text(buffer);
  // libevtx prints a backtrace-like chain; the first line says enough.
  if (const size_t nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
  return text;
}

// The record numbers read, as ranges: a damaged chunk shows as a gap.
class RecordSpan {
 public:
  void add(uint64_t id) {
    if (!ranges_.empty() && ranges_.back().second + 1 == id) {
      ++ranges_.back().second;
      return;
    }
    if (ranges_.size() < kMaxRanges) ranges_.emplace_back(id, id);
  }
  // Gaps between the lowest and highest number read, and up to `next`
  // (the header's next record number) after the highest.
  std::vector<std::pair<uint64_t, uint64_t>> gaps(uint64_t next) {
    std::sort(ranges_.begin(), ranges_.end());
    std::vector<std::pair<uint64_t, uint64_t>> out;
    uint64_t high = 0;
    for (size_t i = 0; i < ranges_.size(); ++i) {
      if (i > 0 && ranges_[i].first > high + 1) {
        out.emplace_back(high + 1, ranges_[i].first - high - 1);
      }
      high = std::max(high, ranges_[i].second);
    }
    if (!ranges_.empty() && next > high + 1) out.emplace_back(high + 1, next - high - 1);
    return out;
  }

 private:
  static constexpr size_t kMaxRanges = 1 << 16;
  std::vector<std::pair<uint64_t, uint64_t>> ranges_;
};

// The header's "next record number" (offset 24); 0 when unreadable.
uint64_t next_record_number(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char header[32] = {};
  if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return 0;
  uint64_t next = 0;
  for (int i = 7; i >= 0; --i) next = (next << 8) | header[24 + i];
  return next;
}

void report_lost_records(const std::string& path, libevtx_file_t* file,
                         RecordSpan& seen, ParseContext& ctx) {
  const bool corrupted = libevtx_file_is_corrupted(file, nullptr) == 1;
  uint64_t lost = 0;
  // A header claiming far more records than the file can hold is itself
  // damage: only gaps between records read count then.
  uint64_t next = next_record_number(path);
  for (const auto& [first, count] : seen.gaps(next)) {
    if (count > (uint64_t{1} << 32)) continue;
    ctx.reject_range(first, count, "EVTX record lost in a damaged chunk", true);
    lost += count;
  }
  if (corrupted || lost > 0) {
    ctx.diagnostics().warn_at("parse_error", *ctx.file(),
                              "the EVTX file is damaged: {} records could not "
                              "be read, the rest were",
                              lost);
  }
}

}  // namespace

bool read_evtx_file(const std::string& path, ParseContext& ctx,
                    std::string* error_out) {
  libevtx_error_t* raw_error = nullptr;
  libevtx_file_t* raw_file = nullptr;
  if (libevtx_file_initialize(&raw_file, &raw_error) != 1) {
    ErrorHandle error(raw_error);
    *error_out = error_text(raw_error);
    return false;
  }
  // The handle is closed before it is freed; closing a file that never
  // opened is harmless.
  FileHandle file(raw_file);
  if (libevtx_file_open(raw_file, path.c_str(), libevtx_get_access_flags_read(),
                        &raw_error) != 1) {
    ErrorHandle error(raw_error);
    *error_out = "not a readable EVTX file: " + error_text(raw_error);
    return false;
  }
  int count = 0;
  if (libevtx_file_get_number_of_records(raw_file, &count, &raw_error) != 1) {
    ErrorHandle error(raw_error);
    *error_out = error_text(raw_error);
    return false;
  }
  WindowsEventMapper mapper(ctx, "evtx");
  WinEvent event;
  std::string xml;
  RecordSpan seen;
  for (int i = 0; i < count; ++i) {
    libevtx_record_t* raw_record = nullptr;
    const uint64_t index_number = static_cast<uint64_t>(i) + 1;
    if (libevtx_file_get_record_by_index(raw_file, i, &raw_record, &raw_error) != 1) {
      ErrorHandle error(raw_error);
      raw_error = nullptr;
      ctx.reject(index_number, "unreadable EVTX record: " + error_text(error.get()),
                 true);
      continue;
    }
    RecordHandle record(raw_record);
    uint64_t record_id = index_number;
    libevtx_record_get_identifier(raw_record, &record_id, nullptr);
    seen.add(record_id);
    uint32_t event_id = 0;
    if (libevtx_record_get_event_identifier(raw_record, &event_id, nullptr) != 1) {
      ctx.reject(record_id, "EVTX record without an event id", true);
      continue;
    }
    // The id alone decides most records: rendering XML is the slow part.
    if (!is_windows_event_of_interest(event_id & 0xFFFF)) {
      ctx.skip();
      continue;
    }
    size_t size = 0;
    if (libevtx_record_get_utf8_xml_string_size(raw_record, &size, &raw_error) != 1 ||
        size == 0) {
      ErrorHandle error(raw_error);
      raw_error = nullptr;
      ctx.reject(record_id, "EVTX record that cannot be rendered: " +
                                error_text(error.get()), true);
      continue;
    }
    xml.resize(size);
    if (libevtx_record_get_utf8_xml_string(
            raw_record, reinterpret_cast<uint8_t*>(xml.data()), size,
            &raw_error) != 1) {
      ErrorHandle error(raw_error);
      raw_error = nullptr;
      ctx.reject(record_id, "EVTX record that cannot be rendered: " +
                                error_text(error.get()), true);
      continue;
    }
    if (!xml.empty() && xml.back() == '\0') xml.pop_back();
    if (!parse_event_xml(xml, &event)) {
      ctx.reject(record_id, "EVTX record XML without an EventID", true);
      continue;
    }
    mapper.map(event, record_id, true);
  }
  report_lost_records(path, raw_file, seen, ctx);
  return true;
}

}  // namespace mamori::logs
