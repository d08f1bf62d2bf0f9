// A compact binary encoding for records mamori hands to itself: a worker's
// answers to its parent (content/worker_protocol.h) and the findings kept
// in the nightly state (state/detection_memo.h). Numbers are 8 bytes
// little-endian, a flag is one byte, a string is its length and its raw
// bytes (any byte, NUL included). A record is its fields in declaration
// order. The reader does not trust its input: every length is checked
// against what is left, and a record is accepted only when it was read to
// its last byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mamori {

class ByteWriter {
 public:
  void u64(uint64_t value) {
    for (int i = 0; i < 8; ++i)
      out_.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  }
  void i64(int64_t value) { u64(static_cast<uint64_t>(value)); }
  void flag(bool value) { out_.push_back(value ? '\1' : '\0'); }
  void text(std::string_view value) {
    u64(value.size());
    out_.append(value);
  }
  void texts(const std::vector<std::string>& values) {
    u64(values.size());
    for (const std::string& v : values)
      text(v);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}

  bool u64(uint64_t& value) {
    if (in_.size() < 8)
      return false;
    value = 0;
    for (size_t i = 0; i < 8; ++i)
      value |= uint64_t{static_cast<unsigned char>(in_[i])} << (8 * i);
    in_.remove_prefix(8);
    return true;
  }
  bool i64(int64_t& value) {
    uint64_t raw = 0;
    if (!u64(raw))
      return false;
    value = static_cast<int64_t>(raw);
    return true;
  }
  bool flag(bool& value) {
    if (in_.empty() || static_cast<unsigned char>(in_[0]) > 1)
      return false;
    value = in_[0] == '\1';
    in_.remove_prefix(1);
    return true;
  }
  bool text(std::string& value) {
    uint64_t size = 0;
    if (!u64(size) || size > in_.size())
      return false;
    value.assign(in_.substr(0, static_cast<size_t>(size)));
    in_.remove_prefix(static_cast<size_t>(size));
    return true;
  }
  bool texts(std::vector<std::string>& values) {
    uint64_t count = 0;
    // Each string takes at least its 8-byte length.
    if (!count_of(count, 8))
      return false;
    values.resize(static_cast<size_t>(count));
    for (std::string& v : values) {
      if (!text(v))
        return false;
    }
    return true;
  }
  // A count of records that take at least `min_size` bytes each: false when
  // what is left cannot hold that many (a hostile count never allocates).
  bool count_of(uint64_t& count, size_t min_size) {
    return u64(count) && count <= in_.size() / (min_size == 0 ? 1 : min_size);
  }
  // Every byte was read: a payload with bytes left over is not ours.
  bool finished() const { return in_.empty(); }

 private:
  std::string_view in_;
};

// `value` when every field was read and nothing is left over.
template <typename T>
std::optional<T> read_whole(const ByteReader& in, bool ok, T value) {
  if (!ok || !in.finished())
    return std::nullopt;
  return value;
}

}  // namespace mamori
