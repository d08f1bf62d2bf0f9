// libevtx record iteration. Only records whose event id is of interest are
// rendered to XML (the costly step); the others are counted and skipped.
#include "logs/evtx_reader.h"

#include "common/bounded_queue.h"
#include "common/file_open.h"
#include "common/handle.h"
#include "common/i18n.h"
#include "logs/win_xml.h"
#include "logs/windows_events.h"

#include <libevtx.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <libbfio.h>
#include <optional>
#include <span>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <vector>

namespace mamori::logs {

namespace {

void free_error(libevtx_error_t* e) {
  libevtx_error_free(&e);
}
void free_file(libevtx_file_t* f) {
  libevtx_file_close(f, nullptr);
  libevtx_file_free(&f, nullptr);
}
void free_record(libevtx_record_t* r) {
  libevtx_record_free(&r, nullptr);
}

void free_io(libbfio_handle_t* h) {
  libbfio_handle_free(&h, nullptr);
}

using ErrorHandle = CHandle<libevtx_error_t, free_error>;
using FileHandle = CHandle<libevtx_file_t, free_file>;
using RecordHandle = CHandle<libevtx_record_t, free_record>;
using IoHandle = CHandle<libbfio_handle_t, free_io>;

// The EVTX file mapped read-only once, opened as evidence
// (common/file_open.h: its access time is left alone where the system
// allows); every libevtx handle reads it through a memory range of its own.
class EvtxBytes {
 public:
  EvtxBytes() = default;
  EvtxBytes(const EvtxBytes&) = delete;
  EvtxBytes& operator=(const EvtxBytes&) = delete;
  ~EvtxBytes() {
    if (!bytes_.empty())
      ::munmap(const_cast<uint8_t*>(bytes_.data()), bytes_.size());
  }

  bool map(const std::string& path, std::string* error) {
    const UniqueFd fd(open_evidence(path, 0));
    struct stat st {};
    if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0) {
      *error = std::strerror(errno);
      return false;
    }
    if (!S_ISREG(st.st_mode) || st.st_size == 0) {
      *error = "not a readable EVTX file: empty or not a regular file";
      return false;
    }
    const auto size = static_cast<size_t>(st.st_size);
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (data == MAP_FAILED) {
      *error = std::strerror(errno);
      return false;
    }
    bytes_ = {static_cast<const uint8_t*>(data), size};
    return true;
  }
  std::span<const uint8_t> bytes() const { return bytes_; }

 private:
  std::span<const uint8_t> bytes_;
};

// One libevtx handle over the mapped bytes: the file is closed before the
// memory range it reads is freed (members are destroyed in reverse order).
struct EvtxHandle {
  IoHandle io;
  FileHandle file;
  libevtx_file_t* get() const { return file.get(); }
};

std::string error_text(libevtx_error_t* error) {
  char buffer[512] = {};
  if (error == nullptr ||
      libevtx_error_sprint(error, buffer, sizeof buffer) < 0) {
    return "libevtx error";
  }
  std::string text(buffer);
  // libevtx prints a backtrace-like chain; the first line says enough.
  if (const size_t nl = text.find('\n'); nl != std::string::npos)
    text.resize(nl);
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
    if (ranges_.size() < kMaxRanges)
      ranges_.emplace_back(id, id);
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
    if (!ranges_.empty() && next > high + 1)
      out.emplace_back(high + 1, next - high - 1);
    return out;
  }

 private:
  static constexpr size_t kMaxRanges = 1 << 16;
  std::vector<std::pair<uint64_t, uint64_t>> ranges_;
};

// The header's "next record number" (offset 24); 0 when unreadable.
uint64_t next_record_number(std::span<const uint8_t> file) {
  if (file.size() < 32)
    return 0;
  uint64_t next = 0;
  for (int i = 7; i >= 0; --i)
    next = (next << 8) | file[24 + static_cast<size_t>(i)];
  return next;
}

// `unnumbered`: records already rejected whose number libevtx could not
// read; they stand in the gaps too and are not counted twice.
void report_lost_records(std::span<const uint8_t> bytes, libevtx_file_t* file,
                         RecordSpan& seen, uint64_t unnumbered,
                         ParseContext& ctx) {
  const bool corrupted = libevtx_file_is_corrupted(file, nullptr) == 1;
  uint64_t lost = 0;
  // A header claiming far more records than the file can hold is itself
  // damage: only gaps between records read count then.
  uint64_t next = next_record_number(bytes);
  for (const auto& [first, count] : seen.gaps(next)) {
    if (count > (uint64_t{1} << 32))
      continue;
    const uint64_t counted = std::min(count, unnumbered);
    unnumbered -= counted;
    lost += counted;
    if (count == counted)
      continue;
    ctx.reject_range(first + counted, count - counted,
                     "EVTX record lost in a damaged chunk", true);
    lost += count - counted;
  }
  if (corrupted || lost > 0) {
    ctx.diagnostics().warn_at("parse_error", *ctx.file(),
                              "the EVTX file is damaged: {} records could not "
                              "be read, the rest were",
                              lost);
  }
}

// Renders the record's XML into `xml`. libevtx renders the whole record to
// learn the size and again to fill the buffer, so a buffer that is usually
// big enough is tried first and the size asked for only when it is not.
bool render_xml(libevtx_record_t* record, std::vector<char>& buffer,
                std::string_view* xml, libevtx_error_t** error) {
  constexpr size_t kUsual = 256 << 10;
  if (buffer.size() < kUsual)
    buffer.resize(kUsual);
  if (libevtx_record_get_utf8_xml_string(
          record, reinterpret_cast<uint8_t*>(buffer.data()), buffer.size(),
          nullptr) != 1) {
    size_t size = 0;
    if (libevtx_record_get_utf8_xml_string_size(record, &size, error) != 1 ||
        size == 0) {
      return false;
    }
    buffer.resize(size);
    if (libevtx_record_get_utf8_xml_string(
            record, reinterpret_cast<uint8_t*>(buffer.data()), size, error) !=
        1) {
      return false;
    }
  }
  // The string ends at its NUL; the buffer beyond is left over.
  const auto* end =
      static_cast<const char*>(std::memchr(buffer.data(), '\0', buffer.size()));
  *xml = std::string_view(
      buffer.data(), end == nullptr ? buffer.size()
                                    : static_cast<size_t>(end - buffer.data()));
  return true;
}

}  // namespace

namespace {

constexpr unsigned kMaxWorkers = 4;

// One record's outcome, decided on any thread; mapped in record order on
// the reading thread (the mapping pairs 4663 with 4660 and so on).
struct RecordResult {
  enum class Kind { kSkip, kReject, kEvent };
  Kind kind = Kind::kSkip;
  uint64_t record_id = 0;
  bool id_known = false;
  std::string reason;
  WinEvent event;
};

bool open_evtx(const EvtxBytes& bytes, EvtxHandle* out, int* count,
               std::string* error_out) {
  libbfio_handle_t* raw_io = nullptr;
  if (libbfio_memory_range_initialize(&raw_io, nullptr) != 1) {
    *error_out = "cannot set up reading the EVTX file";
    return false;
  }
  IoHandle io(raw_io);
  // libbfio takes a non-const range; it only ever reads it here.
  if (libbfio_memory_range_set(raw_io,
                               const_cast<uint8_t*>(bytes.bytes().data()),
                               bytes.bytes().size(), nullptr) != 1) {
    *error_out = "cannot set up reading the EVTX file";
    return false;
  }
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
  if (libevtx_file_open_file_io_handle(
          raw_file, raw_io, libevtx_get_access_flags_read(), &raw_error) != 1) {
    ErrorHandle error(raw_error);
    *error_out = "not a readable EVTX file: " + error_text(raw_error);
    return false;
  }
  if (libevtx_file_get_number_of_records(raw_file, count, &raw_error) != 1) {
    ErrorHandle error(raw_error);
    *error_out = error_text(raw_error);
    return false;
  }
  out->io = std::move(io);
  out->file = std::move(file);
  return true;
}

void read_record(libevtx_file_t* file, int index, std::vector<char>& buffer,
                 RecordResult& r) {
  r.kind = RecordResult::Kind::kSkip;
  r.record_id = static_cast<uint64_t>(index) + 1;
  r.id_known = false;
  libevtx_error_t* raw_error = nullptr;
  libevtx_record_t* raw_record = nullptr;
  auto reject = [&](std::string reason) {
    r.kind = RecordResult::Kind::kReject;
    r.reason = std::move(reason);
  };
  if (libevtx_file_get_record_by_index(file, index, &raw_record, &raw_error) !=
      1) {
    ErrorHandle error(raw_error);
    return reject(trf("unreadable EVTX record: {error}",
                      fmt::arg("error", error_text(error.get()))));
  }
  RecordHandle record(raw_record);
  r.id_known =
      libevtx_record_get_identifier(raw_record, &r.record_id, nullptr) == 1;
  uint32_t event_id = 0;
  if (libevtx_record_get_event_identifier(raw_record, &event_id, nullptr) !=
      1) {
    return reject(tr("EVTX record without an event id"));
  }
  // The id alone decides most records: rendering XML is the slow part.
  if (!is_windows_event_of_interest(event_id & 0xFFFF))
    return;
  std::string_view xml;
  if (!render_xml(raw_record, buffer, &xml, &raw_error)) {
    ErrorHandle error(raw_error);
    return reject(trf("EVTX record that cannot be rendered: {error}",
                      fmt::arg("error", error_text(error.get()))));
  }
  if (!parse_event_xml(xml, &r.event))
    return reject(tr("EVTX record XML without an EventID"));
  r.kind = RecordResult::Kind::kEvent;
}

class EvtxConsumer {
 public:
  explicit EvtxConsumer(ParseContext& ctx)
      : ctx_(ctx), mapper_(ctx, kEvtxFormat) {}
  void consume(const RecordResult& r) {
    if (r.id_known)
      seen_.add(r.record_id);
    else if (r.kind == RecordResult::Kind::kReject)
      ++unnumbered_;
    switch (r.kind) {
      case RecordResult::Kind::kSkip:
        ctx_.skip();
        break;
      case RecordResult::Kind::kReject:
        ctx_.reject(r.record_id, r.reason, true);
        break;
      case RecordResult::Kind::kEvent:
        mapper_.map(r.event, r.record_id, true);
        break;
    }
  }
  RecordSpan& seen() { return seen_; }
  uint64_t unnumbered() const { return unnumbered_; }

 private:
  ParseContext& ctx_;
  WindowsEventMapper mapper_;
  RecordSpan seen_;
  uint64_t unnumbered_ = 0;  // rejected with no record number read
};

// Records are read in blocks by several threads, each with its own libevtx
// handle (a handle is not shared between threads), and consumed in order.
// Every worker takes every W-th record of each block: libevtx reads records
// fastest in file order, so the workers walk the file side by side rather
// than in separate ranges. A worker's share of a block goes to the reader
// through the worker's own queue, and the emptied share comes back through
// another; kLead shares per worker exist, so memory stays bounded.
class ParallelEvtx {
 public:
  static constexpr int kBlock = 256;

  ParallelEvtx(const EvtxBytes& bytes, int count, unsigned workers)
      : bytes_(bytes),
        count_(count),
        workers_(workers),
        blocks_((count + kBlock - 1) / kBlock),
        lanes_(workers) {
    const size_t share = (kBlock + workers - 1) / workers;
    for (Lane& lane : lanes_) {
      for (size_t i = 0; i < kLead * workers_; ++i)
        lane.free.push(Share(share));
    }
  }

  // False when a worker could not open the file or failed while reading.
  bool run(EvtxConsumer& consumer, std::string* error) {
    std::vector<std::jthread> threads;
    // However run() ends (a thread that cannot start, a sink that throws),
    // the workers are released before they are joined.
    struct Release {
      ParallelEvtx& self;
      ~Release() { self.cancel(); }
    } release{*this};
    for (unsigned w = 0; w < workers_; ++w)
      threads.emplace_back([this, w] { work(w); });
    std::vector<Share> shares(workers_);
    bool ok = true;
    for (int b = 0; b < blocks_ && ok; ++b) {
      for (unsigned w = 0; w < workers_ && ok; ++w) {
        std::optional<Share> share = lanes_[w].full.pop();
        if (!share) {
          ok = false;
          break;
        }
        shares[w] = std::move(*share);
      }
      if (!ok)
        break;
      const int in_block = std::min(kBlock, count_ - b * kBlock);
      for (int i = 0; i < in_block; ++i) {
        const auto w = static_cast<size_t>(i) % workers_;
        consumer.consume(shares[w][static_cast<size_t>(i) / workers_]);
      }
      for (unsigned w = 0; w < workers_; ++w)
        lanes_[w].free.push(std::move(shares[w]));
    }
    cancel();
    threads.clear();  // joins
    if (!ok) {
      for (const Lane& lane : lanes_) {
        if (!lane.error.empty()) {
          *error = lane.error;
          break;
        }
      }
    }
    return ok;
  }

 private:
  // Kept between blocks: a result's buffers are reused record after record.
  using Share = std::vector<RecordResult>;
  static constexpr size_t kLead = 2;  // blocks a worker may run ahead

  struct Lane {
    BoundedQueue<Share> full{kLead * kMaxWorkers};
    BoundedQueue<Share> free{kLead * kMaxWorkers};
    std::string error;  // written before `full` is closed
  };

  void cancel() {
    for (Lane& lane : lanes_) {
      lane.full.cancel();
      lane.free.cancel();
    }
  }

  void work(unsigned w) {
    Lane& lane = lanes_[w];
    try {
      EvtxHandle file;
      int count = 0;
      if (!open_evtx(bytes_, &file, &count, &lane.error)) {
        lane.full.close();
        return;
      }
      std::vector<char> buffer;
      for (int b = 0; b < blocks_; ++b) {
        std::optional<Share> share = lane.free.pop();
        if (!share)
          return;  // the reader stopped
        const int first = b * kBlock;
        const int last = std::min(count_, first + kBlock);
        size_t n = 0;
        for (int i = first + static_cast<int>(w); i < last;
             i += static_cast<int>(workers_)) {
          read_record(file.get(), i, buffer, (*share)[n++]);
        }
        if (!lane.full.push(std::move(*share)))
          return;
      }
    } catch (const std::exception& e) {
      lane.error = e.what();
    }
    lane.full.close();
  }

  const EvtxBytes& bytes_;
  int count_;
  unsigned workers_;
  int blocks_;
  std::vector<Lane> lanes_;
};

unsigned worker_count(const ReadOptions& options, int records) {
  if (records < 2 * ParallelEvtx::kBlock)
    return 1;
  unsigned n = options.threads != 0 ? options.threads
                                    : std::thread::hardware_concurrency();
  return std::clamp(n, 1u, kMaxWorkers);
}

}  // namespace

bool read_evtx_file(const std::string& path, ParseContext& ctx,
                    std::string* error_out) {
  EvtxBytes bytes;
  if (!bytes.map(path, error_out))
    return false;
  EvtxHandle file;
  int count = 0;
  if (!open_evtx(bytes, &file, &count, error_out))
    return false;
  EvtxConsumer consumer(ctx);
  const unsigned workers = worker_count(ctx.options(), count);
  if (workers > 1) {
    ParallelEvtx parallel(bytes, count, workers);
    if (!parallel.run(consumer, error_out))
      return false;
  } else {
    std::vector<char> buffer;
    RecordResult result;
    for (int i = 0; i < count; ++i) {
      read_record(file.get(), i, buffer, result);
      consumer.consume(result);
    }
  }
  report_lost_records(bytes.bytes(), file.get(), consumer.seen(),
                      consumer.unnumbered(), ctx);
  return true;
}

bool is_evtx_head(std::string_view head) {
  return head.substr(0, 8) == std::string_view("ElfFile\0", 8);
}

Sniff sniff_evtx(const LogHead& head) {
  return at_start_if(is_evtx_head(head.bytes));
}

}  // namespace mamori::logs
