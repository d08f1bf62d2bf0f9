// WorkerPool: a fixed number of threads sharing a list of items (0 to
// count - 1, handed out in order, each to one worker). Each worker runs the
// same body, which takes items with next() until there are none. A body
// that throws stops the hand-out for all (the others finish the item they
// hold) and its exception is rethrown by join(); stop() does the same from
// outside, for a consumer that gave up. Used for the files of a content
// scan and the logs of a log pass.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

namespace mamori {

class WorkerPool {
 public:
  // The items a body takes, shared by the workers.
  class Items {
   public:
    // The next item, or nullopt when all are taken or the pool stopped.
    std::optional<size_t> next();

   private:
    friend class WorkerPool;
    explicit Items(size_t count) : count_(count) {}
    size_t count_;
    std::atomic<size_t> next_{0};
  };

  using Body = std::function<void(unsigned worker, Items& items)>;

  explicit WorkerPool(size_t items);
  // Stops and joins; never throws (call join() to see failures).
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Starts `threads` workers (at least one) running body(worker, items).
  // Throws std::system_error when a thread cannot start; those started keep
  // running until stop() and the destructor (so a caller can first release
  // what they may be waiting on).
  void start(unsigned threads, Body body);
  // No more items for anyone.
  void stop();
  // Waits for every worker; rethrows the first failure in worker order.
  void join();

 private:
  void run(unsigned worker);

  Items items_;
  Body body_;
  std::vector<std::exception_ptr> failures_;
  std::vector<std::jthread> threads_;
};

}  // namespace mamori
