// WorkerPool: every item to exactly one worker, a failure stops the
// hand-out and comes back from join(), stop() from outside ends the work.
#include "common/worker_pool.h"

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <vector>

using namespace mamori;

TEST_CASE("WorkerPool: each item is taken exactly once") {
  for (unsigned threads : {1u, 3u, 8u}) {
    CAPTURE(threads);
    std::vector<std::atomic<int>> taken(1000);
    std::mutex mutex;
    std::set<unsigned> workers;
    WorkerPool pool(taken.size());
    pool.start(threads, [&](unsigned worker, WorkerPool::Items& items) {
      {
        std::lock_guard lock(mutex);
        workers.insert(worker);
      }
      while (const auto i = items.next())
        ++taken[*i];
    });
    pool.join();
    for (const auto& t : taken)
      REQUIRE(t == 1);
    CHECK(workers.size() == threads);  // each worker ran, with its own id
    CHECK(*workers.rbegin() == threads - 1);
  }
}

TEST_CASE("WorkerPool: a failing worker stops the others and is rethrown") {
  std::atomic<size_t> done{0};
  WorkerPool pool(100000);
  pool.start(4, [&](unsigned, WorkerPool::Items& items) {
    while (const auto i = items.next()) {
      if (*i == 10)
        throw std::runtime_error("item 10 failed");
      ++done;
    }
  });
  CHECK_THROWS_WITH(pool.join(), "item 10 failed");
  CHECK(done < 100000);  // the hand-out stopped
}

TEST_CASE("WorkerPool: stop() ends the hand-out, the destructor joins") {
  std::atomic<size_t> done{0};
  {
    WorkerPool pool(1u << 30);
    pool.start(2, [&](unsigned, WorkerPool::Items& items) {
      while (items.next())
        ++done;
    });
    while (done < 100) {
    }
    pool.stop();
  }  // joined here
  const size_t after = done;
  CHECK(after >= 100);
  CHECK(after < (1u << 30));
}

TEST_CASE("WorkerPool: no items, every worker returns at once") {
  WorkerPool pool(0);
  std::atomic<int> bodies{0};
  pool.start(3, [&](unsigned, WorkerPool::Items& items) {
    ++bodies;
    CHECK(!items.next());
  });
  pool.join();
  CHECK(bodies == 3);
}
