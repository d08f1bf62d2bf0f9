// The members of one container, whatever its kind: a MemberSource hands out
// a container's members one at a time (archive_members.h: every format
// libarchive reads; pdf_members.h: a PDF's compressed streams;
// ole_members.h: a legacy Office file's streams; mail_members.h: an
// e-mail's headers and MIME parts), and the one expansion
// loop (FileExaminer::expand) matches each member and expands it in turn.
// A source applies its own kind's limits and gives its own notices; the
// loop counts members, holds their memory, recurses and records the
// container. Adding a kind of container is one new source and one row in
// make_member_source().
#pragma once

#include "common/diagnostics.h"
#include "content/content_scanner.h"
#include "content/format_sniffer.h"
#include "content/memory_lease.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace mamori::content {

// Notices given while one worker examines content. It counts them, so a
// container knows whether anything in it was left unexamined.
class Notices {
 public:
  explicit Notices(Diagnostics& diag) : diag_(diag) {}

  template <typename... Args>
  void warn_in(std::string code, Location location,
               fmt::format_string<Args...> format, Args&&... args) {
    ++count_;
    diag_.warn_in(std::move(code), std::move(location), format,
                  std::forward<Args>(args)...);
  }
  template <typename... Args>
  void error_in(std::string code, Location location,
                fmt::format_string<Args...> format, Args&&... args) {
    ++count_;
    diag_.error_in(std::move(code), std::move(location), format,
                   std::forward<Args>(args)...);
  }
  uint64_t count() const { return count_; }

 private:
  Diagnostics& diag_;
  uint64_t count_ = 0;
};

// What every source reads with, owned by the worker: the limits, the
// memory it may still hold, what the file on disk has expanded to so far,
// and where notices go.
struct ExpansionContext {
  const Limits& limits;
  MemoryBudget& memory;
  uint64_t& file_expanded;  // bytes expanded from the file on disk
  // The most the file on disk may expand to, in all its nested containers
  // and streams: Limits::max_expanded, and no more than Limits::max_ratio
  // times its size on disk (expansion_budget()). Set for each file.
  uint64_t& file_budget;
  Notices& notices;
  // The register declares hashes: members too large to match are still
  // read through to be hashed.
  bool hash_everything = false;

  // The largest member that may be held now: the size limit, or the memory
  // left by the containers it is inside.
  uint64_t member_allowance() const {
    return std::min(limits.max_member_size, memory.left());
  }
  // Counts `bytes` more expanded from the file on disk; false once that is
  // over Limits::max_expanded.
  bool count_expanded(uint64_t bytes) {
    file_expanded += bytes;
    return file_expanded <= file_budget;
  }
  // What the file on disk may still expand to.
  uint64_t expansion_left() const {
    return file_expanded < file_budget ? file_budget - file_expanded : 0;
  }
  // The most a container of `size` bytes may expand to under
  // Limits::max_ratio (never below 1 MiB: small, highly repetitive files
  // legitimately compress more than 1000x).
  uint64_t ratio_cap(size_t size) const;
};

// The expanded-bytes budget of a file of `size` bytes on disk: checked
// as its containers inflate, however deeply nested, so a bomb is abandoned
// after about max_ratio times its own size, not one level at a time.
uint64_t expansion_budget(const Limits& limits, uint64_t size);

// A member read by its source, valid until the source's next call.
struct MemberData {
  std::span<const std::byte> bytes;   // kMatch: the member's bytes
  std::string sha256;                 // "" when not yet computed
  const std::string* text = nullptr;  // a UTF-8 rendering, matched too
  uint64_t size = 0;                  // kHashOnly: the member's size
  // Matched, never opened as a container: a text the source wrote itself
  // that would be taken for its container again (a mail's decoded header
  // fields look like a mail).
  bool leaf = false;
};

enum class MemberStep {
  kMatch,     // `bytes` are ready: match them, and expand them in turn
  kNext,      // dealt with (a notice says why, if anything was missed)
  kHashOnly,  // too large to match but hashed: recorded by its hash only
  kStop,      // a ratio limit of this container was hit (noted): no more
              // members; the loop counts these (FileExaminer::report_bomb)
  kExpanded,  // the file's expanded limit was hit: the loop notes it and
              // nothing more of the file is examined
};

class MemberSource {
 public:
  enum class Header { kMember, kEnd, kNotContainer };

  virtual ~MemberSource() = default;

  // False when there is plainly nothing inside (a PDF without compressed
  // streams); asked before the depth limit, so such an object is no notice.
  virtual bool worth_opening() const { return true; }
  // Opens the container found at `location`. False when it cannot be read
  // at all (the source gives the notice): the object is then matched as
  // an ordinary one and no container is recorded.
  virtual bool open(const Location& location) = 0;
  // Advances to the next member and names it. kNotContainer (before any
  // member) when the object turns out not to be a container after all.
  // A source may note a problem on `record` (its encrypted members).
  virtual Header next(ContainerRecord& record, std::string& name) = 0;
  // Reads the member just named; `location` ends with its name.
  virtual MemberStep read(const Location& location, ContainerRecord& record,
                          MemberData& member) = 0;
  // After the last member (or a stop): what the source knows about the
  // container as a whole (a document, encrypted members) and its notices.
  virtual void finish(const Location& location, ContainerRecord& record) = 0;
};

// The source for a container of the kind `sniffed` found in `data` (which
// must outlive it); nullptr for an ordinary object.
std::unique_ptr<MemberSource> make_member_source(
    const Sniffed& sniffed, std::span<const std::byte> data,
    ExpansionContext& context);

}  // namespace mamori::content
