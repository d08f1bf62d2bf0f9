// The memory a worker may hold for member buffers while it expands one file:
// Limits::max_member_size in all, shared by every container it is inside,
// so nested archives cannot multiply it. Whatever holds member bytes (an
// inflated gzip, a member being matched) takes a MemoryLease for them, and
// the lease gives them back when it goes out of scope, whatever way it does.
#pragma once

#include <algorithm>
#include <cstdint>

namespace mamori::content {

class MemoryBudget {
 public:
  explicit MemoryBudget(uint64_t total = 0) : left_(total) {}
  // Starts again with `total` bytes (a new file); no lease may be alive.
  void reset(uint64_t total) { left_ = total; }
  uint64_t left() const { return left_; }

 private:
  friend class MemoryLease;
  uint64_t left_;
};

class MemoryLease {
 public:
  // Takes `bytes` from `budget`, or all that is left when that is less
  // (callers size their buffers by left(), so it never is in practice).
  MemoryLease(MemoryBudget& budget, uint64_t bytes)
      : budget_(budget), held_(std::min(bytes, budget.left_)) {
    budget_.left_ -= held_;
  }
  ~MemoryLease() { budget_.left_ += held_; }
  MemoryLease(const MemoryLease&) = delete;
  MemoryLease& operator=(const MemoryLease&) = delete;

  uint64_t held() const { return held_; }

 private:
  MemoryBudget& budget_;
  uint64_t held_;
};

}  // namespace mamori::content
