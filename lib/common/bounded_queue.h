// BoundedQueue: hands values from producer threads to consumer threads
// through at most `capacity` slots, so a fast producer waits instead of
// filling memory. close() ends the stream after what is queued; cancel()
// drops what is queued and releases everyone at once (for a consumer that
// stopped listening, or a destructor).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace mamori {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}
  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // Waits while the queue is full; false (and `value` dropped) once the
  // queue is cancelled or closed.
  bool push(T&& value) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] {
      return cancelled_ || closed_ || queue_.size() < capacity_;
    });
    if (cancelled_ || closed_)
      return false;
    queue_.push_back(std::move(value));
    changed_.notify_all();
    return true;
  }

  // Waits for a value; nullopt once the queue is closed and drained, or
  // cancelled.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock,
                  [&] { return cancelled_ || closed_ || !queue_.empty(); });
    if (cancelled_ || queue_.empty())
      return std::nullopt;
    T value = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    return value;
  }

  // No more values: pop() returns what is queued, then nullopt. Whatever
  // the producer wrote before close() is visible to the consumer that
  // sees the end.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }

  // Drops what is queued; every push() and pop(), waiting or not, returns
  // at once with false / nullopt.
  void cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    queue_.clear();
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<T> queue_;
  const size_t capacity_;
  bool closed_ = false;
  bool cancelled_ = false;
};

}  // namespace mamori
