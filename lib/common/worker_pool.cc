// WorkerPool: the shared item counter and the failure hand-back.
#include "common/worker_pool.h"

namespace mamori {

std::optional<size_t> WorkerPool::Items::next() {
  const size_t i = next_.fetch_add(1);
  if (i >= count_)
    return std::nullopt;
  return i;
}

WorkerPool::WorkerPool(size_t items) : items_(items) {}

WorkerPool::~WorkerPool() {
  stop();
  threads_.clear();  // joins
}

void WorkerPool::start(unsigned threads, Body body) {
  body_ = std::move(body);
  threads = std::max(1u, threads);
  // Sized before any thread starts: workers write their own slot only.
  failures_.assign(threads, nullptr);
  threads_.reserve(threads);
  for (unsigned w = 0; w < threads; ++w)
    threads_.emplace_back([this, w] { run(w); });
}

void WorkerPool::run(unsigned worker) {
  try {
    body_(worker, items_);
  } catch (...) {
    failures_[worker] = std::current_exception();
    stop();  // the others stop after their current item
  }
}

void WorkerPool::stop() {
  items_.next_ = items_.count_;
}

void WorkerPool::join() {
  for (std::jthread& t : threads_)
    t.join();
  threads_.clear();
  for (const std::exception_ptr& failure : failures_) {
    if (failure)
      std::rethrow_exception(failure);
  }
}

}  // namespace mamori
