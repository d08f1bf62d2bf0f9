// What the parent and a sandboxed content worker (sandbox.h) say to each
// other over their socket: the parent sends a file to examine, the worker
// answers with what it found in it (hits, containers, notices) and then
// "done" with the file's counts. Each message is a frame: one byte of kind,
// the payload's length (4 bytes, little-endian), the payload. Inside a
// payload, numbers are 8 bytes little-endian and strings are a length and
// their raw bytes (names may hold any byte, NUL included). A worker is not
// trusted: every decoder checks every length and returns nothing on a
// payload that does not parse exactly.
#pragma once

#include "common/diagnostics.h"
#include "content/content_scanner.h"
#include "content/tree_walker.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mamori::content {

enum class MessageKind : uint8_t {
  kFile = 1,       // parent -> worker: a WalkedFile to examine
  kHit = 2,        // worker -> parent: an ObjectHit
  kContainer = 3,  // a ContainerRecord
  kNotice = 4,     // a Notice
  kAtime = 5,      // a path opened without O_NOATIME (take_atime_changed)
  kDone = 6,       // the file's Stats; the file's messages end here
  kProbe = 7,      // parent -> worker, tests only: run Limits::probe
};

// The most one frame may carry; a worker announcing more is broken.
inline constexpr size_t kMaxPayload = size_t{256} << 20;
inline constexpr size_t kFrameHeader = 5;

struct Frame {
  MessageKind kind{};
  std::string payload;
};

// A frame, ready to send.
std::string encode_frame(MessageKind kind, std::string_view payload);

// Cuts frames out of a byte stream that arrives in pieces.
class FrameReader {
 public:
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next whole frame; nothing until one has fully arrived. broken() is
  // set, and stays, when a header announces an unknown kind or too long a
  // payload.
  std::optional<Frame> next();
  bool broken() const { return broken_; }
  // Bytes received that are not yet a whole frame.
  bool pending() const { return !buffer_.empty(); }

 private:
  std::string buffer_;
  size_t start_ = 0;
  bool broken_ = false;
};

std::string encode_file(const WalkedFile& file);
std::optional<WalkedFile> decode_file(std::string_view payload);

std::string encode_hit(const ObjectHit& hit);
std::optional<ObjectHit> decode_hit(std::string_view payload);

std::string encode_container(const ContainerRecord& record);
std::optional<ContainerRecord> decode_container(std::string_view payload);

std::string encode_notice(const Notice& notice);
std::optional<Notice> decode_notice(std::string_view payload);

std::string encode_stats(const Stats& stats);
std::optional<Stats> decode_stats(std::string_view payload);

}  // namespace mamori::content
